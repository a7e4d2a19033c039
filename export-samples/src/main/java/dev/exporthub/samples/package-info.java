/**
 * Sample operational data for tests, benchmarks, the CLI's {@code sample} and {@code demo}
 * commands and the console: {@link dev.exporthub.samples.SampleData}, a seeded generator of
 * realistic, deterministic data sets of any size that streams its records, and a writer of the
 * data-directory layout. Depends on {@code export-api} only.
 */
package dev.exporthub.samples;
