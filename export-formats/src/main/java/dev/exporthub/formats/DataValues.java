package dev.exporthub.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.NumberOutput;
import dev.exporthub.api.ItemValue;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * How every writer turns item values into text or JSON, so the formats agree on each value.
 *
 * <p>The values are {@link ItemValue}'s domain, which {@code ExportItem} enforces; each is handled
 * by a switch over its {@link ItemValue.Kind}: text as it is, booleans and integral numbers as JSON
 * writes them, doubles by Jackson's shortest-representation writer (identical on every JDK, unlike
 * {@link Double#toString} before JDK 19), instants as ISO-8601 UTC, and lists and maps as compact
 * JSON ({@link CompactJson}) in the text formats. Maps are written in their iteration order: key
 * order for every nested map, field order for an item's data, as {@code ExportItem} made them.
 * Unpaired surrogates, which UTF-8 cannot encode, become U+FFFD.
 */
final class DataValues {

  private DataValues() {
  }

  /** An instant as ISO-8601 UTC, e.g. {@code 2026-01-31T12:00:00Z}: {@link DateTimeFormatter#ISO_INSTANT}'s text. */
  static String instant(Instant instant) {
    return IsoInstant.format(instant);
  }

  /** Writes an instant as an ISO-8601 UTC string value, without making a {@code String} of it. */
  static void writeInstant(JsonGenerator generator, Instant instant) throws IOException {
    char[] text = new char[IsoInstant.MAX_LENGTH];
    int length = IsoInstant.write(instant, text, 0);
    if (length < 0) {
      generator.writeString(IsoInstant.format(instant));
    } else {
      generator.writeString(text, 0, length);
    }
  }

  /** {@code text} with every unpaired surrogate replaced by U+FFFD. */
  static String wellFormed(String text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return repairSurrogates(text, i);
      }
    }
    return text;
  }

  private static String repairSurrogates(String text, int from) {
    StringBuilder s = new StringBuilder(text.length()).append(text, 0, from);
    int n = text.length();
    for (int i = from; i < n; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
        s.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        s.append('\uFFFD');
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }

  /**
   * The text of one item value: scalars as described above, lists and maps as compact JSON (made
   * by a Jackson generator of its own; {@link Texts} gives the same text faster).
   *
   * @throws IllegalArgumentException outside the domain, or for lists and maps nested deeper than
   *         Jackson writes
   */
  static String text(Object value) {
    return switch (ItemValue.kindOf(value)) {
      case NULL -> "null";
      case STRING -> wellFormed((String) value);
      case BOOLEAN -> (Boolean) value ? "true" : "false";
      case INTEGER, LONG -> Long.toString(((Number) value).longValue());
      case DOUBLE -> NumberOutput.toString((Double) value, true);
      case INSTANT -> instant((Instant) value);
      case LIST, MAP -> CompactJson.withJackson(value);
    };
  }

  /**
   * {@link DataValues#text} for many values in a row, as a writer renders items: nested values are
   * appended into one buffer kept for the whole export instead of a new generator and writer for
   * each. Not thread-safe; one per export.
   */
  static final class Texts {
    private final StringBuilder json = new StringBuilder(256);

    /** Exactly {@link DataValues#text}{@code (value)}. */
    String text(Object value) {
      return switch (ItemValue.kindOf(value)) {
        case LIST, MAP -> {
          json.setLength(0);
          CompactJson.append(value, json);
          yield json.toString();
        }
        case NULL, STRING, BOOLEAN, INTEGER, LONG, DOUBLE, INSTANT -> DataValues.text(value);
      };
    }
  }

  /**
   * Writes one item value with {@code generator}.
   *
   * @throws IllegalArgumentException outside the domain
   */
  static void writeJson(JsonGenerator generator, Object value) throws IOException {
    switch (ItemValue.kindOf(value)) {
      case NULL -> generator.writeNull();
      case STRING -> generator.writeString(wellFormed((String) value));
      case BOOLEAN -> generator.writeBoolean((Boolean) value);
      case INTEGER, LONG -> generator.writeNumber(((Number) value).longValue());
      case DOUBLE -> generator.writeNumber((Double) value);
      case INSTANT -> writeInstant(generator, (Instant) value);
      case LIST -> {
        generator.writeStartArray();
        for (Object element : (List<?>) value) {
          writeJson(generator, element);
        }
        generator.writeEndArray();
      }
      case MAP -> {
        generator.writeStartObject();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          generator.writeFieldName(wellFormed((String) entry.getKey()));
          writeJson(generator, entry.getValue());
        }
        generator.writeEndObject();
      }
    }
  }
}
