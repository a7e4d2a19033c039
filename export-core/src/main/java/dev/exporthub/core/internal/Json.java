package dev.exporthub.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The one Jackson configuration of the core: locale-free, shortest-representation doubles,
 * instants as ISO-8601 UTC text. Not part of the public API.
 */
public final class Json {

  /** Shared, thread-safe factory. */
  public static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(50_000_000).build())
      .build();

  /** Shared, thread-safe mapper for reading trees. */
  public static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private Json() {}

  /** ISO-8601 UTC text of an instant, e.g. {@code 2026-01-15T12:00:00Z}. */
  public static String instant(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  /** Writes a data value: text, boolean, number, instant, list or map (in its own key order). */
  public static void writeValue(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Instant i) {
      g.writeString(instant(i));
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double d) {
      g.writeNumber(d);
    } else if (value instanceof Float f) {
      g.writeNumber(f.doubleValue());
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object element : list) {
        writeValue(g, element);
      }
      g.writeEndArray();
    } else {
      g.writeString(value.toString());
    }
  }

  /** Writes a field only when its value is present. */
  public static void writeOptional(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  /** Writes an array of strings. */
  public static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String value : values) {
      g.writeString(value);
    }
    g.writeEndArray();
  }
}
