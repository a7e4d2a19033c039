package dev.exporthub.formats;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
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

  private Json() {
  }

  /** A pretty-printing UTF-8 generator over {@code out}; closing it flushes but leaves {@code out} open. */
  static JsonGenerator prettyGenerator(OutputStream out) throws IOException {
    JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    // The pretty printer keeps the nesting depth, so each generator needs its own instance.
    generator.setPrettyPrinter(new Indented());
    return generator;
  }

  /** A compact generator over {@code out}, for JSON embedded in the text formats. */
  static JsonGenerator compactGenerator(Writer out) throws IOException {
    return FACTORY.createGenerator(out);
  }

  /**
   * The layout of {@code JSON.stringify(value, null, 2)}: a line end and two spaces per level before
   * every entry and value and before the closing bracket of a non-empty container, {@code ": "}
   * between a name and its value, {@code {}} and {@code []} when empty, {@code \n} between root
   * values. Jackson's {@code DefaultPrettyPrinter} configured that way writes the same bytes, but
   * encodes its indentation and separators from chars on every call, the top cost of a large export;
   * here each is encoded once and copied as raw UTF-8 bytes.
   */
  static final class Indented implements PrettyPrinter {

    /** Pre-encoded {@code "\n"} plus two spaces per level, and the same after a comma. */
    private static final int CACHED_LEVELS = 32;
    private static final SerializedString[] INDENTS = new SerializedString[CACHED_LEVELS];
    private static final SerializedString[] COMMA_INDENTS = new SerializedString[CACHED_LEVELS];
    private static final SerializedString NAME_SEPARATOR = new SerializedString(": ");
    private static final SerializedString ROOT_SEPARATOR = new SerializedString("\n");

    static {
      for (int level = 0; level < CACHED_LEVELS; level++) {
        INDENTS[level] = new SerializedString(indentation(level));
        COMMA_INDENTS[level] = new SerializedString("," + indentation(level));
      }
    }

    private int nesting;

    private static String indentation(int level) {
      return "\n" + "  ".repeat(level);
    }

    private void indent(JsonGenerator g) throws IOException {
      g.writeRaw(nesting < CACHED_LEVELS ? INDENTS[nesting] : new SerializedString(indentation(nesting)));
    }

    private void commaIndent(JsonGenerator g) throws IOException {
      g.writeRaw(nesting < CACHED_LEVELS ? COMMA_INDENTS[nesting] : new SerializedString("," + indentation(nesting)));
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(ROOT_SEPARATOR);
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
      g.writeRaw('{');
      nesting++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
      indent(g);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(NAME_SEPARATOR);
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      commaIndent(g);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
      nesting--;
      if (entries > 0) {
        indent(g);
      }
      g.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
      nesting++;
      g.writeRaw('[');
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      indent(g);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      commaIndent(g);
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      nesting--;
      if (values > 0) {
        indent(g);
      }
      g.writeRaw(']');
    }
  }
}
