package dev.exporthub.oscal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A small streaming JSON writer: UTF-8, indented by two spaces with {@code \n} line ends (the
 * layout of {@code JSON.stringify(value, null, 2)}). It holds one flag per open container, so memory
 * does not grow with the document. Enough for OSCAL, which needs only strings, objects and arrays;
 * a dependency on a JSON library would be the plugin's only one.
 *
 * <p>Strings: {@code "}, {@code \} and the C0 controls are escaped; an unpaired surrogate, which
 * UTF-8 cannot encode, is written as U+FFFD. Nothing here checks the grammar beyond what the
 * callers need: they are this package's own code.
 */
final class JsonOut {

  private final Writer out;
  // For each open container: whether it holds an element yet. Bit i is depth i; OSCAL nests far less than 64.
  private long nonEmpty;
  private int depth;
  private boolean afterName;

  JsonOut(OutputStream out) {
    // Not closed: the stream belongs to the caller; flush() hands the bytes over.
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 8192);
  }

  JsonOut beginObject() throws IOException {
    return open('{');
  }

  JsonOut endObject() throws IOException {
    return close('}');
  }

  JsonOut beginArray() throws IOException {
    return open('[');
  }

  JsonOut endArray() throws IOException {
    return close(']');
  }

  /** The name of the next member of the current object. */
  JsonOut name(String name) throws IOException {
    separate();
    string(name);
    out.write(": ");
    afterName = true;
    return this;
  }

  JsonOut value(String value) throws IOException {
    separate();
    string(value);
    return this;
  }

  /** A member holding text. */
  JsonOut field(String name, String value) throws IOException {
    return name(name).value(value);
  }

  /** A member holding an empty object, e.g. OSCAL's {@code "include-all": {}}. */
  JsonOut emptyObject(String name) throws IOException {
    return name(name).beginObject().endObject();
  }

  /** Ends the document with a line end and hands every byte to the stream (which stays open). */
  void finish() throws IOException {
    out.write('\n');
    out.flush();
  }

  private JsonOut open(char bracket) throws IOException {
    separate();
    out.write(bracket);
    depth++;
    nonEmpty &= ~(1L << depth);
    return this;
  }

  private JsonOut close(char bracket) throws IOException {
    boolean any = (nonEmpty & (1L << depth)) != 0;
    depth--;
    if (any) {
      newline();
    }
    out.write(bracket);
    return this;
  }

  /** Before a value or a name: the comma and line break it needs, unless it follows a name. */
  private void separate() throws IOException {
    if (afterName) {
      afterName = false;
      return;
    }
    if (depth == 0) {
      return;
    }
    long bit = 1L << depth;
    if ((nonEmpty & bit) != 0) {
      out.write(',');
    }
    nonEmpty |= bit;
    newline();
  }

  private void newline() throws IOException {
    out.write('\n');
    for (int i = 0; i < depth; i++) {
      out.write("  ");
    }
  }

  private void string(String s) throws IOException {
    out.write('"');
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.write('\\');
        out.write(c);
      } else if (c < 0x20) {
        control(c);
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.write(c);
        out.write(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.write('\uFFFD');
      } else {
        out.write(c);
      }
    }
    out.write('"');
  }

  private void control(char c) throws IOException {
    switch (c) {
      case '\n' -> out.write("\\n");
      case '\r' -> out.write("\\r");
      case '\t' -> out.write("\\t");
      case '\b' -> out.write("\\b");
      case '\f' -> out.write("\\f");
      default -> {
        out.write("\\u00");
        out.write(Character.forDigit(c >> 4, 16));
        out.write(Character.forDigit(c & 0xF, 16));
      }
    }
  }
}
