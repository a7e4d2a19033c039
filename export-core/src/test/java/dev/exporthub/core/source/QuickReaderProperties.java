package dev.exporthub.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The data directory's quick paths give what the careful ones give. {@link RecordReader#quick}
 * either returns exactly the record the careful tree reader returns, or leaves the text to it; it
 * never accepts what the careful reader refuses. {@link IsoInstants#parse} is {@link Instant#parse}.
 * {@link SpillCodec} gives back an equal record for every record the reader makes.
 */
class QuickReaderProperties {

  /** A JSON value's text, and whether it holds a number beyond long and double (which only the careful path reads). */
  record Json(String text, boolean big) {
    static Json of(String text) {
      return new Json(text, false);
    }
  }

  /** A field of a generated record: its name and its value's JSON text; {@code null} text leaves it out. */
  record Field(String name, Json value) { }

  /** A generated record text for a type. */
  record Sample(SourceType type, List<Field> fields) { }

  @Property(tries = 600)
  void quickIsCarefulOrGivesUp(@ForAll("records") Sample sample) {
    SourceType type = sample.type();
    List<Field> fields = sample.fields();
    RecordReader reader = new RecordReader(type);
    String line = line(fields);
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    SourceRecord careful;
    try {
      careful = reader.read(new RecordTexts.RecordText(bytes, 1), "f.jsonl");
    } catch (InvalidDataException refused) {
      careful = null;
    }
    SourceRecord quick = reader.quick(bytes);
    Statistics.label("outcome").collect(careful == null ? "refused" : quick == null ? "careful" : "quick");
    if (careful == null) {
      assertNull(quick, line);
    } else if (quick != null) {
      assertEquals(careful, quick, line);
    } else {
      assertEquals(true, fields.stream().anyMatch(f -> f.value() != null && f.value().big()),
          "the quick path gave up on a record with nothing unusual: " + line);
    }
  }

  @Property(tries = 300)
  void spillCodecRoundTrip(@ForAll("records") Sample sample) {
    SourceType type = sample.type();
    List<Field> fields = sample.fields();
    RecordReader reader = new RecordReader(type);
    SourceRecord record;
    try {
      record = reader.read(new RecordTexts.RecordText(line(fields).getBytes(StandardCharsets.UTF_8), 1), "f.jsonl");
    } catch (InvalidDataException refused) {
      return;
    }
    SpillCodec codec = new SpillCodec(type);
    SpillCodec.Output out = new SpillCodec.Output();
    codec.encode(record, out);
    SpillCodec.Input in = new SpillCodec.Input().reset(out.toByteArray(), 0);
    SpillCodec.Header header = new SpillCodec.Header();
    SpillCodec.readHeader(in, header);
    assertEquals(record.timestamp(), header.timestamp());
    assertEquals(record.id(), header.id);
    assertEquals(record.tenantId(), header.tenantId);
    assertEquals(record.facilityId(), header.facilityId);
    assertEquals(record, codec.decodeBody(in));
  }

  @Property(tries = 2000)
  void isoInstantsIsInstantParse(@ForAll("instantTexts") String text) {
    Object expected;
    try {
      expected = Instant.parse(text);
    } catch (DateTimeParseException e) {
      expected = DateTimeParseException.class;
    }
    Object actual;
    try {
      actual = IsoInstants.parse(text);
    } catch (DateTimeParseException e) {
      actual = DateTimeParseException.class;
    }
    assertEquals(expected, actual, text);
  }

  /**
   * A record type and its components, each left out, given a valid value or a wrong one; sometimes
   * one field more: a component given twice, another type's field or an unknown one.
   */
  @Provide
  Arbitrary<Sample> records() {
    return Arbitraries.of(SourceType.values()).flatMap(this::sample);
  }

  private Arbitrary<Sample> sample(SourceType type) {
    List<Arbitrary<Field>> all = new ArrayList<>();
    for (RecordComponent component : type.recordType().getRecordComponents()) {
      String name = component.getName();
      Arbitrary<Json> value = Arbitraries.frequencyOf(
          Tuple.of(40, valid(name, component.getType())),
          Tuple.of(1, anyJson(2)));
      all.add(Arbitraries.frequencyOf(
          Tuple.of(1, Arbitraries.just(new Field(name, null))),
          Tuple.of(40, value.map(v -> new Field(name, v)))));
    }
    Arbitrary<List<Field>> fields = Combinators.combine(all).as(list -> list);
    List<String> names = new ArrayList<>();
    for (RecordComponent component : type.recordType().getRecordComponents()) {
      names.add(component.getName());
    }
    names.add("unknownField");
    names.add("foundAt");
    Arbitrary<Field> extra = Arbitraries.of(names).flatMap(n -> anyJson(1).map(v -> new Field(n, v)));
    Arbitrary<List<Field>> extras = Arbitraries.frequencyOf(
        Tuple.of(10, Arbitraries.just(List.<Field>of())), Tuple.of(1, extra.list().ofSize(1)));
    return Combinators.combine(fields, extras, Arbitraries.randoms()).as((base, more, random) -> {
      List<Field> list = new ArrayList<>(base);
      java.util.Collections.shuffle(list, random);
      more.forEach(f -> list.add(random.nextInt(list.size() + 1), f));
      return new Sample(type, list);
    });
  }

  private static String line(List<Field> fields) {
    StringBuilder b = new StringBuilder("{");
    for (Field field : fields) {
      if (field.value() == null) {
        continue;
      }
      if (b.length() > 1) {
        b.append(',');
      }
      b.append(quote(field.name())).append(':').append(field.value().text());
    }
    return b.append('}').toString();
  }

  private Arbitrary<Json> valid(String name, Class<?> type) {
    if (type == String.class) {
      return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("t-1", "HIGH", "open")),
          Tuple.of(6, text().map(s -> "x" + s)), Tuple.of(1, text())).map(s -> Json.of(quote(s)));
    } else if (type == Instant.class) {
      return Arbitraries.frequencyOf(
          Tuple.of(8, Arbitraries.longs().between(-2_000_000_000L, 4_000_000_000L).map(s -> Instant.ofEpochSecond(s).toString())),
          Tuple.of(1, Arbitraries.of("2026-01-15T12:00:00.5Z", "2026-02-29T00:00:00Z", "2024-02-29T23:59:59Z",
              "2026-01-15T12:00:00+01:00", "2026-13-01T00:00:00Z")))
          .map(s -> Json.of(quote(s)));
    } else if (type == double.class) {
      return number();
    } else if (type == int.class) {
      return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.integers().between(0, 100_000).map(i -> Json.of(Integer.toString(i)))),
          Tuple.of(1, Arbitraries.of(Json.of("-1"), Json.of("2147483648"), Json.of("3.0"), Json.of("7"))));
    } else if (type == List.class) {
      return text().map(t -> "x" + t).list().ofMaxSize(3).map(ids -> Json.of(
          ids.stream().map(QuickReaderProperties::quote).collect(java.util.stream.Collectors.joining(",", "[", "]"))));
    } else if (name.equals("metrics")) {
      return Combinators.combine(Arbitraries.of("a", "b", "cpu"), number()).as((k, v) -> new Json(quote(k) + ":" + v.text(), v.big()))
          .list().ofMaxSize(3).map(QuickReaderProperties::object);
    }
    return objectOf(3);
  }

  private static Arbitrary<Json> number() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.doubles().between(-1e6, 1e6).map(d -> Json.of(Double.toString(d)))),
        Tuple.of(2, Arbitraries.longs().map(l -> Json.of(Long.toString(l)))),
        Tuple.of(1, Arbitraries.of(Json.of("-0.0"), Json.of("0"), Json.of("1e400"), Json.of("1E-3"), Json.of("12345678901234567890.5"),
            new Json("123456789012345678901234567890", true))));
  }

  private static Json object(List<Json> entries) {
    return new Json(entries.stream().map(Json::text).collect(java.util.stream.Collectors.joining(",", "{", "}")),
        entries.stream().anyMatch(Json::big));
  }

  private Arbitrary<Json> objectOf(int depth) {
    return Combinators.combine(Arbitraries.of("a", "b", "c", "d", "e", "f", "g", "h", "zone", "zones", "é", "\ud800"), anyJson(depth - 1))
        .as((k, v) -> new Json(quote(k) + ":" + v.text(), v.big())).list().ofMaxSize(3).map(QuickReaderProperties::object);
  }

  private Arbitrary<Json> anyJson(int depth) {
    List<Arbitrary<Json>> choices = new ArrayList<>(List.of(
        text().map(s -> Json.of(quote(s))), number(), Arbitraries.of(Json.of("true"), Json.of("false"), Json.of("null"))));
    if (depth > 0) {
      choices.add(Arbitraries.lazy(() -> anyJson(depth - 1)).list().ofMaxSize(3).map(values -> new Json(
          values.stream().map(Json::text).collect(java.util.stream.Collectors.joining(",", "[", "]")),
          values.stream().anyMatch(Json::big))));
      choices.add(Arbitraries.lazy(() -> objectOf(depth)));
    }
    return Arbitraries.oneOf(choices);
  }

  /** Text with what JSON escapes and what UTF-16 cannot pair: quotes, controls, non-ASCII, lone surrogates. */
  private static Arbitrary<String> text() {
    return Arbitraries.strings().withChars("aZ09 -\"\\\n\té€😀\u0000\ud800\udc00").ofMaxLength(8);
  }

  /** A JSON string literal; Jackson writes a lone surrogate as a \\u escape, which reads back as that char. */
  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  @Provide
  Arbitrary<String> instantTexts() {
    Arbitrary<String> shaped = Combinators.combine(
        Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 13),
        Arbitraries.integers().between(0, 32), Arbitraries.integers().between(0, 25),
        Arbitraries.integers().between(0, 61), Arbitraries.integers().between(0, 61))
        .as((y, mo, d, h, mi, s) -> String.format(java.util.Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h, mi, s));
    Arbitrary<String> mutated = Combinators.combine(shaped, Arbitraries.integers().between(0, 19),
        Arbitraries.chars().with("0123456789-:TZ+x ")).as((t, i, c) -> t.substring(0, i) + c + t.substring(i + 1));
    return Arbitraries.oneOf(shaped, mutated,
        Arbitraries.of("2026-01-15T12:00:00.123Z", "2026-01-15T12:00:00+02:00", "+10000-01-01T00:00:00Z", ""));
  }
}
