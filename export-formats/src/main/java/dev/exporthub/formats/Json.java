package dev.exporthub.formats;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * The one Jackson configuration of the writers: shortest-representation doubles, never closing the
 * target, never completing a document that failed half-way, and the pretty form of
 * {@code JSON.stringify(value, null, 2)} with {@code \n} line ends on every platform.
 */
final class Json {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
      .build();

  // DefaultIndenter's own default line end is the platform's; pin it.
  private static final DefaultIndenter INDENTER = new DefaultIndenter("  ", "\n");

  private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
      .withObjectEmptySeparator("")
      .withArrayEmptySeparator("")
      .withRootSeparator("\n"))
      .withObjectIndenter(INDENTER)
      .withArrayIndenter(INDENTER);

  private Json() {
  }

  /** A pretty-printing UTF-8 generator over {@code out}; closing it flushes but leaves {@code out} open. */
  static JsonGenerator prettyGenerator(OutputStream out) throws IOException {
    JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    // The pretty printer keeps the nesting depth, so each generator needs its own instance.
    generator.setPrettyPrinter(PRETTY.createInstance());
    return generator;
  }

  /** A compact generator over {@code out}, for JSON embedded in the text formats. */
  static JsonGenerator compactGenerator(Writer out) throws IOException {
    return FACTORY.createGenerator(out);
  }
}
