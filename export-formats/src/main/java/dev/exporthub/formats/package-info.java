/**
 * The built-in format writers of Export Hub and the registry that finds writers.
 *
 * <p>{@link dev.exporthub.formats.JsonFormatWriter}, {@link dev.exporthub.formats.CsvFormatWriter},
 * {@link dev.exporthub.formats.HtmlFormatWriter} and {@link dev.exporthub.formats.MarkdownFormatWriter}
 * render an {@link dev.exporthub.api.ExportBundle} to JSON, CSV, HTML and Markdown. They are
 * registered in {@code META-INF/services/dev.exporthub.api.spi.FormatWriter}, so
 * {@link dev.exporthub.formats.FormatWriters#discover(ClassLoader)} finds them together with any
 * plugin writers on the class path.
 *
 * <p>Every writer is stateless and thread-safe; pulls items section by section and writes them as
 * it goes; writes UTF-8 (CSV with CRLF record ends, the others with {@code \n}); gives the same bytes
 * for the same bundle under any default locale and time zone; never closes the caller's stream; and
 * lets the stream's {@link java.io.IOException}s through. Values render the same way in every
 * format: instants as ISO-8601 UTC, doubles in their shortest form, nested maps and lists in the
 * text formats as compact JSON.
 */
package dev.exporthub.formats;
