package dev.exporthub.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exporthub.api.BundleMetadata;
import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.ItemValue;
import dev.exporthub.api.PolicyDecision;
import dev.exporthub.api.References;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.WriteContext;
import dev.exporthub.formats.CsvFormatWriter;
import dev.exporthub.formats.HtmlFormatWriter;
import dev.exporthub.formats.JsonFormatWriter;
import dev.exporthub.formats.MarkdownFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Arbitrary trees of {@link ItemValue}s: equal values give equal content digests whatever maps and
 * lists they were built from, and every writer renders them (the JSON read back with Jackson is the
 * value).
 */
class ItemValueProperties {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-01-15T12:00:00Z");
  private static final List<FormatWriter> TEXT_WRITERS =
      List.of(new CsvFormatWriter(), new HtmlFormatWriter(), new MarkdownFormatWriter());

  @Provide
  Arbitrary<Object> trees() {
    return value(3);
  }

  private static Arbitrary<Object> value(int depth) {
    Arbitrary<Object> text = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange(' ', '\u00ff').withChars('\n', '\t', '"', '\\', '\u20ac', '\u2028')
            .ofMaxLength(8),
        Arbitraries.of("\uD83D\uDE00", "", "=1+1", "a;b=c")).map(s -> (Object) s);
    Arbitrary<Object> scalar = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.<Object>just(null)),
        Tuple.of(4, text),
        Tuple.of(1, Arbitraries.of(true, false).map(b -> (Object) b)),
        Tuple.of(2, Arbitraries.integers().map(i -> (Object) i)),
        Tuple.of(2, Arbitraries.longs().map(l -> (Object) l)),
        Tuple.of(2, Arbitraries.doubles().filter(Double::isFinite).map(d -> (Object) d)),
        Tuple.of(1, Arbitraries.of(0.0, -0.0, 1.0E-7, 0.1 + 0.2, Double.MAX_VALUE, Double.MIN_VALUE).map(d -> (Object) d)),
        Tuple.of(2, Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L + 1_000_000_000L)
            .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)))
            .map(i -> (Object) i)));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<Object> inner = Arbitraries.lazy(() -> value(depth - 1));
    Arbitrary<Object> list = inner.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l));
    Arbitrary<Object> map = Combinators.combine(Arbitraries.strings().withCharRange('a', 'e').ofMaxLength(3), inner)
        .as(Tuple::of).list().ofMaxSize(4).map(pairs -> {
          Map<String, Object> m = new LinkedHashMap<>();
          pairs.forEach(p -> m.put(p.get1(), p.get2()));
          return (Object) m;
        });
    return Arbitraries.frequencyOf(Tuple.of(3, scalar), Tuple.of(1, list), Tuple.of(1, map));
  }

  /** The same value built again from other classes: maps as shuffled {@code HashMap}s, lists as {@code LinkedList}s. */
  private static Object rebuilt(Object value, Random random) {
    if (value instanceof Map<?, ?> map) {
      List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
      Collections.shuffle(entries, random);
      Map<Object, Object> copy = new HashMap<>();
      entries.forEach(e -> copy.put(e.getKey(), rebuilt(e.getValue(), random)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new LinkedList<>();
      list.forEach(element -> copy.add(rebuilt(element, random)));
      return copy;
    }
    return value;
  }

  private static ExportItem item(Object value) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("value", value);
    data.put("id", "X-1");
    return new ExportItem("X-1", "audit-finding", AT, data, List.of("R-1"));
  }

  private static String digest(ExportItem item) {
    try (ContentDigest digest = new ContentDigest()) {
      digest.item(item);
      return digest.hex();
    }
  }

  @Property(tries = 300)
  void equalValuesGiveEqualDigests(@ForAll("trees") Object tree, @ForAll long seed) {
    ExportItem item = item(tree);
    ExportItem again = item(rebuilt(tree, new Random(seed)));
    assertEquals(item, again);
    assertEquals(digest(item), digest(again));
  }

  @Property(tries = 200)
  void everyWriterRendersEveryValue(@ForAll("trees") Object tree) throws IOException {
    ExportItem item = item(tree);
    ExportBundle bundle = bundle(item);
    JsonNode data = MAPPER.readTree(render(new JsonFormatWriter(), bundle))
        .get("sections").get(0).get("items").get(0).get("data");
    assertRendered(item.data().get("value"), data.get("value"));
    for (FormatWriter writer : TEXT_WRITERS) {
      assertTrue(render(writer, bundle).length > 0, writer.descriptor().format().id());
    }
  }

  /** The JSON a writer gave for {@code value}, read back: the same value, maps in key order. */
  private static void assertRendered(Object value, JsonNode node) {
    switch (ItemValue.kindOf(value)) {
      case NULL -> assertTrue(node.isNull(), node::toString);
      case STRING -> assertEquals(value, node.textValue());
      case BOOLEAN -> assertEquals(value, node.booleanValue());
      case INTEGER, LONG -> {
        assertTrue(node.isIntegralNumber(), node::toString);
        assertEquals(((Number) value).longValue(), node.longValue());
      }
      case DOUBLE -> {
        assertTrue(node.isFloatingPointNumber(), node::toString);
        assertEquals(0, Double.compare((Double) value, node.doubleValue()), node::toString);
      }
      case INSTANT -> assertEquals(DateTimeFormatter.ISO_INSTANT.format((Instant) value), node.textValue());
      case LIST -> {
        List<?> list = (List<?>) value;
        assertEquals(list.size(), node.size(), node::toString);
        for (int i = 0; i < list.size(); i++) {
          assertRendered(list.get(i), node.get(i));
        }
      }
      case MAP -> {
        Map<?, ?> map = (Map<?, ?>) value;
        assertEquals(List.copyOf(map.keySet()), names(node));
        map.forEach((key, element) -> assertRendered(element, node.get((String) key)));
      }
    }
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static ExportBundle bundle(ExportItem item) {
    TimeRange range = TimeRange.of(AT.minusSeconds(3600), AT.plusSeconds(3600));
    List<ExportSection> sections = List.of(ExportSection.of(SectionKind.AUDIT_FINDINGS, "1 finding", AT, List.of(item)));
    String digest = "cd".repeat(32);
    BundleMetadata metadata = new BundleMetadata(AT, "auditor", ExportFormat.JSON, 1, 1,
        BundleMetadata.estimateSize(1, 1), List.of(SectionKind.AUDIT_FINDINGS.dataSource()), range, 0, false, digest,
        BundleMetadata.SCHEMA_VERSION);
    return new ExportBundle("EXP-" + digest.substring(0, 16), "export-1", "title", "description",
        ExportCategory.AUDIT_FINDINGS, ExportFormat.JSON, ExportScope.tenant("t-1"), range, sections,
        References.empty(), metadata);
  }

  private static byte[] render(FormatWriter writer, ExportBundle bundle) throws IOException {
    WriteContext context = new WriteContext(PolicyDecision.of("q-1", ExportScope.tenant("t-1"), List.of(), List.of(),
        List.of("tenant-isolation")), Caller.of("u-1", "t-1", "auditor", List.of()), Map.of(), Clock.fixed(AT, ZoneOffset.UTC));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(bundle, context, out);
    return out.toByteArray();
  }
}
