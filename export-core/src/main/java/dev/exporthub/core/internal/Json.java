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

  /** Writes a field only when its value is present. */
  public static void writeOptional(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  public static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String value : values) {
      g.writeString(value);
    }
    g.writeEndArray();
  }
}
