package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The writers' pretty printer lays JSON out exactly as Jackson's configured DefaultPrettyPrinter did. */
class JsonLayoutTest {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  /** The configuration the writers used before {@link Json.Indented}. */
  private static DefaultPrettyPrinter reference() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    return new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator("")
        .withRootSeparator("\n"))
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }

  @Provide
  Arbitrary<Object> values() {
    return value(3);
  }

  private static Arbitrary<Object> value(int depth) {
    Arbitrary<Object> scalar = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(5).map(s -> (Object) s),
        Arbitraries.longs().map(l -> (Object) l), Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.just(null));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<Object> inner = Arbitraries.lazy(() -> value(depth - 1));
    Arbitrary<Object> list = inner.list().ofMaxSize(3).map(l -> (Object) new ArrayList<>(l));
    Arbitrary<Object> map = Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(3), inner).as(Tuple::of)
        .list().ofMaxSize(3).map(pairs -> {
          Map<String, Object> m = new LinkedHashMap<>();
          pairs.forEach(p -> m.put(p.get1(), p.get2()));
          return (Object) m;
        });
    return Arbitraries.frequencyOf(Tuple.of(2, scalar), Tuple.of(1, list), Tuple.of(1, map));
  }

  @Property(tries = 500)
  void sameBytesAsTheConfiguredDefaultPrettyPrinter(@ForAll("values") Object first, @ForAll("values") Object second)
      throws IOException {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(expected, JsonEncoding.UTF8)) {
      g.setPrettyPrinter(reference().createInstance());
      write(g, first);
      write(g, second);
    }
    ByteArrayOutputStream actual = new ByteArrayOutputStream();
    try (JsonGenerator g = Json.prettyGenerator(actual)) {
      write(g, first);
      write(g, second);
    }
    assertEquals(expected.toString(StandardCharsets.UTF_8), actual.toString(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("nesting deeper than the cached indentation still indents by two spaces a level")
  void deepNesting() throws IOException {
    Object value = "leaf";
    for (int i = 0; i < 40; i++) {
      value = i % 2 == 0 ? List.of(value) : Map.of("k", value);
    }
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(expected, JsonEncoding.UTF8)) {
      g.setPrettyPrinter(reference().createInstance());
      write(g, value);
    }
    ByteArrayOutputStream actual = new ByteArrayOutputStream();
    try (JsonGenerator g = Json.prettyGenerator(actual)) {
      write(g, value);
    }
    assertEquals(expected.toString(StandardCharsets.UTF_8), actual.toString(StandardCharsets.UTF_8));
  }

  private static void write(JsonGenerator g, Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName((String) e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object v : list) {
        write(g, v);
      }
      g.writeEndArray();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      g.writeNull();
    }
  }
}
