/**
 * The Export Hub console: the reference specification's web dashboard ({@code docs/SPECIFICATION.md}
 * §12: export builder, export preview with the bundle preview, statistics cards and export history),
 * served from inside a host application by handlers written against the JDK's
 * {@code com.sun.net.httpserver} API, behind a connection front of the console's own that bounds
 * what slow and hostile clients can hold.
 *
 * <p>Public types: {@link dev.exporthub.console.ExportConsole} (build and start a console),
 * {@link dev.exporthub.console.CallerResolver} (the host says who is asking) and
 * {@link dev.exporthub.console.ConsoleRequest} (the part of an HTTP request a resolver may read).
 * Everything else in this package is package-private.
 */
package dev.exporthub.console;
