package dev.exporthub.formats;

import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.NumberOutput;
import dev.exporthub.api.ItemValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Lists and maps of item values as compact JSON (no spaces), the form nested values take in the
 * text formats. Two ways to the same text: {@link #withJackson} with a Jackson generator, and
 * {@link #append}, which appends the same characters without the generator's per-call overhead
 * (what the writers use for every nested value; the tests hold the two to the same output).
 */
final class CompactJson {

  /**
   * Jackson's limit on nesting ({@code StreamWriteConstraints.DEFAULT_MAX_DEPTH}): both ways refuse
   * deeper values alike.
   */
  private static final int MAX_DEPTH = StreamWriteConstraints.DEFAULT_MAX_DEPTH;

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private CompactJson() {
  }

  /**
   * The compact JSON of a value, written by a Jackson generator.
   *
   * @throws IllegalArgumentException outside the domain, or nested deeper than Jackson writes
   */
  static String withJackson(Object value) {
    StringWriter text = new StringWriter();
    try (var generator = Json.compactGenerator(text)) {
      DataValues.writeJson(generator, value);
    } catch (StreamConstraintsException e) {
      throw tooDeep(e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("A StringWriter does not fail", e);
    }
    return text.toString();
  }

  /**
   * Appends the compact JSON of a value exactly as {@link #withJackson} writes it.
   *
   * @throws IllegalArgumentException outside the domain, or nested deeper than Jackson writes (what
   *         was appended is then to be discarded)
   */
  static void append(Object value, StringBuilder into) {
    append(value, into, 0);
  }

  private static void append(Object value, StringBuilder into, int depth) {
    switch (ItemValue.kindOf(value)) {
      case NULL -> into.append("null");
      case STRING -> quote(DataValues.wellFormed((String) value), into);
      case BOOLEAN -> into.append((Boolean) value ? "true" : "false");
      case INTEGER, LONG -> into.append(((Number) value).longValue());
      case DOUBLE -> into.append(NumberOutput.toString((Double) value, true));
      // ISO-8601 text needs no escaping.
      case INSTANT -> into.append('"').append(DataValues.instant((Instant) value)).append('"');
      case LIST -> {
        deeper(depth);
        into.append('[');
        boolean first = true;
        for (Object element : (List<?>) value) {
          if (!first) {
            into.append(',');
          }
          first = false;
          append(element, into, depth + 1);
        }
        into.append(']');
      }
      case MAP -> {
        deeper(depth);
        into.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          if (!first) {
            into.append(',');
          }
          first = false;
          quote(DataValues.wellFormed((String) entry.getKey()), into);
          into.append(':');
          append(entry.getValue(), into, depth + 1);
        }
        into.append('}');
      }
    }
  }

  private static void deeper(int depth) {
    if (depth >= MAX_DEPTH) {
      throw tooDeep("Document nesting depth exceeds the maximum allowed (" + MAX_DEPTH + ")");
    }
  }

  private static IllegalArgumentException tooDeep(String detail) {
    return new IllegalArgumentException("a nested value deeper than " + MAX_DEPTH + " levels (" + detail + ")");
  }

  /** A JSON string as Jackson escapes it: quotes, backslashes and control characters; nothing else. */
  private static void quote(String text, StringBuilder into) {
    into.append('"');
    int start = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      into.append(text, start, i).append('\\');
      switch (c) {
        case '"', '\\' -> into.append(c);
        case '\b' -> into.append('b');
        case '\t' -> into.append('t');
        case '\f' -> into.append('f');
        case '\n' -> into.append('n');
        case '\r' -> into.append('r');
        default -> into.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
      start = i + 1;
    }
    into.append(text, start, length).append('"');
  }
}
