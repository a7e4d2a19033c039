/** Not API: plumbing of the testkit that must be public for {@link java.util.ServiceLoader}. */
package dev.exporthub.testkit.internal;
