package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exporthub.api.BundleMetadata;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.References;
import dev.exporthub.api.SectionKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonFormatWriterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final JsonFormatWriter writer = new JsonFormatWriter();

  @Test
  @DisplayName("declares application/json and .json, single file")
  void descriptor() {
    assertEquals(ExportFormat.JSON, writer.descriptor().format());
    assertEquals("application/json", writer.descriptor().mimeType());
    assertEquals(".json", writer.descriptor().fileSuffix());
    assertFalse(writer.descriptor().multiFile());
  }

  @Test
  @DisplayName("the parsed document equals the bundle, field by field and in the key order of SPECIFICATION.md §5.3")
  void roundTrip() throws Exception {
    ExportBundle bundle = Fixtures.compliancePack();
    JsonNode root = MAPPER.readTree(Fixtures.render(writer, bundle));

    assertEquals(List.of("bundleId", "exportId", "title", "description", "category", "format", "scope",
        "timeRange", "sections", "references", "metadata"), keys(root));
    assertEquals(bundle.bundleId(), root.get("bundleId").textValue());
    assertEquals(bundle.exportId(), root.get("exportId").textValue());
    assertEquals(bundle.title(), root.get("title").textValue());
    assertEquals(bundle.description(), root.get("description").textValue());
    assertEquals("compliance-pack", root.get("category").textValue());
    assertEquals("json", root.get("format").textValue());
    assertEquals(List.of("tenantId", "facilityId"), keys(root.get("scope")));
    assertEquals("tenant-a", root.get("scope").get("tenantId").textValue());
    assertEquals("plant-1", root.get("scope").get("facilityId").textValue());
    assertTimeRange(root.get("timeRange"));

    JsonNode sections = root.get("sections");
    assertEquals(bundle.sections().size(), sections.size());
    for (int s = 0; s < sections.size(); s++) {
      ExportSection section = bundle.sections().get(s);
      JsonNode node = sections.get(s);
      assertEquals(List.of("sectionId", "title", "description", "dataSource", "summary", "items", "itemCount",
          "generatedAt"), keys(node));
      assertEquals(section.sectionId(), node.get("sectionId").textValue());
      assertEquals(section.title(), node.get("title").textValue());
      assertEquals(section.description(), node.get("description").textValue());
      assertEquals(section.dataSource(), node.get("dataSource").textValue());
      assertEquals(section.summary(), node.get("summary").textValue());
      assertEquals(section.itemCount(), node.get("itemCount").longValue());
      assertEquals("2026-01-31T12:00:00.250Z", node.get("generatedAt").textValue());
      List<ExportItem> items = section.itemList();
      assertEquals(items.size(), node.get("items").size());
      for (int i = 0; i < items.size(); i++) {
        assertItem(items.get(i), node.get("items").get(i));
      }
    }

    JsonNode references = root.get("references");
    assertEquals(List.of("auditFindings", "driftEvents", "alerts", "tasks", "operatorMetrics", "realTimeSignals",
        "capacityProjections", "schedules", "insights", "reports"), keys(references));
    assertEquals(List.of("AF-001", "AF-002"), strings(references.get("auditFindings")));
    assertEquals(List.of("DR-1"), strings(references.get("driftEvents")));
    assertEquals(List.of(), strings(references.get("reports")));

    BundleMetadata m = bundle.metadata();
    JsonNode metadata = root.get("metadata");
    assertEquals(List.of("generatedAt", "generatedBy", "format", "totalSections", "totalItems",
        "estimatedSizeBytes", "dataSourcesUsed", "timeRange", "computationTimeMs", "compressed", "contentDigest",
        "schemaVersion"), keys(metadata));
    assertEquals("2026-01-31T12:00:00.250Z", metadata.get("generatedAt").textValue());
    assertEquals(m.generatedBy(), metadata.get("generatedBy").textValue());
    assertEquals("json", metadata.get("format").textValue());
    assertEquals(3, metadata.get("totalSections").intValue());
    assertEquals(3, metadata.get("totalItems").longValue());
    assertEquals(m.estimatedSizeBytes(), metadata.get("estimatedSizeBytes").longValue());
    assertEquals(m.dataSourcesUsed(), strings(metadata.get("dataSourcesUsed")));
    assertTimeRange(metadata.get("timeRange"));
    assertEquals(42, metadata.get("computationTimeMs").longValue());
    assertTrue(metadata.get("compressed").isBoolean());
    assertFalse(metadata.get("compressed").booleanValue());
    assertEquals(m.contentDigest(), metadata.get("contentDigest").textValue());
    assertEquals(1, metadata.get("schemaVersion").intValue());
  }

  private static void assertItem(ExportItem item, JsonNode node) {
    assertEquals(List.of("itemId", "itemType", "timestamp", "data", "references"), keys(node));
    assertEquals(item.itemId(), node.get("itemId").textValue());
    assertEquals(item.itemType(), node.get("itemType").textValue());
    assertEquals(item.timestamp(), Instant.parse(node.get("timestamp").textValue()));
    assertEquals(new ArrayList<>(item.data().keySet()), keys(node.get("data")));
    item.data().forEach((key, value) -> assertValue(value, node.get("data").get(key)));
    assertEquals(item.references(), strings(node.get("references")));
  }

  private static void assertValue(Object expected, JsonNode actual) {
    if (expected instanceof String s) {
      assertEquals(s, actual.textValue());
    } else if (expected instanceof Boolean b) {
      assertTrue(actual.isBoolean());
      assertEquals(b, actual.booleanValue());
    } else if (expected instanceof Integer || expected instanceof Long) {
      assertTrue(actual.isIntegralNumber(), () -> "integral: " + actual);
      assertEquals(((Number) expected).longValue(), actual.longValue());
    } else if (expected instanceof Double d) {
      assertTrue(actual.isFloatingPointNumber(), () -> "floating point: " + actual);
      assertEquals(d, actual.doubleValue());
    } else if (expected instanceof Instant i) {
      assertEquals(i, Instant.parse(actual.textValue()));
    } else if (expected instanceof List<?> list) {
      assertTrue(actual.isArray());
      assertEquals(list.size(), actual.size());
      for (int i = 0; i < list.size(); i++) {
        assertValue(list.get(i), actual.get(i));
      }
    } else if (expected instanceof Map<?, ?> map) {
      assertTrue(actual.isObject());
      assertEquals(map.keySet().stream().map(String::valueOf).toList(), keys(actual));
      map.forEach((k, v) -> assertValue(v, actual.get(String.valueOf(k))));
    } else {
      throw new AssertionError("unexpected fixture value " + expected);
    }
  }

  private static void assertTimeRange(JsonNode node) {
    assertEquals(List.of("from", "to"), keys(node));
    assertEquals("2026-01-01T00:00:00Z", node.get("from").textValue());
    assertEquals("2026-01-31T00:00:00Z", node.get("to").textValue());
  }

  @Test
  @DisplayName("is pretty-printed like JSON.stringify(bundle, null, 2), with \\n line ends and a final one")
  void layout() {
    String json = Fixtures.renderText(writer, Fixtures.compliancePack());
    assertTrue(json.startsWith("{\n  \"bundleId\": \"EXP-"), json.substring(0, 40));
    assertFalse(json.contains("\r"));
    assertTrue(json.endsWith("\n  }\n}\n"));
    assertTrue(json.contains("\n      \"items\": [\n        {\n          \"itemId\": \"AF-001\","), json);
    assertTrue(json.contains("\n          \"references\": [\n            \"AL-7\"\n          ]\n"), json);
    assertTrue(json.contains("\"items\": [],"), "empty arrays as []");
    assertTrue(json.contains("\"reports\": []\n"), "empty arrays as []");
    assertTrue(json.contains("\"score\": 0.30000000000000004,"), "shortest double representation");
    assertTrue(json.contains("\"score\": 1.0E-7,"), "shortest double representation");
    assertTrue(json.contains("\"foundAt\": \"2026-01-06T09:15:30.123Z\""), "instants as ISO-8601 UTC");
    assertTrue(json.contains("\"attributes\": {\n              \"floor\": 2,\n              \"zone\": \"B\"\n"));
  }

  @Test
  @DisplayName("a scope with only a federation writes only federationId")
  void federationScope() throws Exception {
    ExportBundle bundle = Fixtures.bundle(ExportCategory.INSIGHTS, ExportScope.federation("fed-1"),
        List.of(ExportSection.of(SectionKind.INSIGHTS, "none", Fixtures.GENERATED, List.of())), References.empty());
    JsonNode scope = MAPPER.readTree(Fixtures.render(writer, bundle)).get("scope");
    assertEquals(List.of("federationId"), keys(scope));
    assertEquals("fed-1", scope.get("federationId").textValue());
  }

  @Test
  @DisplayName("maps without an order of their own are written sorted by key, others in their order")
  void unorderedMapsAreSorted() throws Exception {
    HashMap<String, Object> hashed = new HashMap<>();
    for (String key : List.of("zeta", "alpha", "mu", "beta", "omega", "kappa")) {
      hashed.put(key, key.length());
    }
    ExportItem item = Fixtures.item("X-1", "audit-finding", Fixtures.FROM,
        Fixtures.data("z", Map.of("b", 1, "a", 2, "c", 3), "h", hashed, "a", List.of(3, 1, 2)));
    JsonNode data = MAPPER.readTree(Fixtures.render(writer,
        Fixtures.singleSection(SectionKind.AUDIT_FINDINGS, List.of(item))))
        .get("sections").get(0).get("items").get(0).get("data");
    assertEquals(List.of("z", "h", "a"), keys(data));
    assertEquals(List.of("a", "b", "c"), keys(data.get("z")));
    assertEquals(List.of("alpha", "beta", "kappa", "mu", "omega", "zeta"), keys(data.get("h")));
    assertEquals("[3,1,2]", data.get("a").toString());
  }

  @Test
  @DisplayName("unpaired surrogates, which UTF-8 cannot carry, become U+FFFD; pairs stay")
  void unpairedSurrogates() throws Exception {
    ExportItem item = Fixtures.item("S-\uD800", "audit-finding", Fixtures.FROM,
        Fixtures.data("t", "a\uDC00b\uD83D\uDE00c\uD83D"));
    JsonNode node = MAPPER.readTree(Fixtures.render(writer,
        Fixtures.singleSection(SectionKind.AUDIT_FINDINGS, List.of(item)))).get("sections").get(0).get("items").get(0);
    assertEquals("S-\uFFFD", node.get("itemId").textValue());
    assertEquals("a\uFFFDb\uD83D\uDE00c\uFFFD", node.get("data").get("t").textValue());
  }

  @Test
  @DisplayName("a data value of an unsupported type is a typed data error naming item and field, where the item is made")
  void unsupportedValue() {
    InvalidDataException error = assertThrows(InvalidDataException.class,
        () -> Fixtures.item("X-9", "audit-finding", Fixtures.FROM, Fixtures.data("when", new Object())));
    assertEquals("X-9", error.recordId());
    assertEquals("when", error.field());
  }

  @Test
  @DisplayName("data keys are written as the generator writes names: non-ASCII as UTF-8, beyond the BMP escaped")
  void dataKeyBytes() {
    ExportItem item = Fixtures.item("K-1", "audit-finding", Fixtures.FROM,
        Fixtures.data("plain", 1L, "caf\u00e9 \u20ac", 2L, "smile \uD83D\uDE00", 3L, "quote\"back\\slash\n", 4L));
    String json = Fixtures.renderText(writer, Fixtures.singleSection(SectionKind.AUDIT_FINDINGS, List.of(item)));
    assertTrue(json.contains("\"plain\": 1,"), json);
    assertTrue(json.contains("\"caf\u00e9 \u20ac\": 2,"), json);
    assertTrue(json.contains("\"smile \\uD83D\\uDE00\": 3,"), json);
    assertTrue(json.contains("\"quote\\\"back\\\\slash\\n\": 4"), json);
  }

  static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    Iterator<String> names = node.fieldNames();
    names.forEachRemaining(keys::add);
    return keys;
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(element -> values.add(element.textValue()));
    return values;
  }
}
