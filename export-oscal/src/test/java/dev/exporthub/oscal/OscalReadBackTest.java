package dev.exporthub.oscal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.testkit.DataSet;
import dev.exporthub.testkit.DataSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reads the documents back with Jackson and finds every exported item where the mapping puts it. */
class OscalReadBackTest {

  private static final DataSet SAMPLE = DataSets.sample(11, 400);
  private static final String TENANT = SAMPLE.tenantIds().get(0);

  @Test
  void theAssessmentResultsHoldEveryFindingObservationAndRisk() {
    FormatWriter writer = new OscalAssessmentResultsWriter();
    ExportBundle bundle = OscalFixtures.bundle(SAMPLE, ExportCategory.COMPLIANCE_PACK, writer, TENANT);
    JsonNode ar = OscalFixtures.read(OscalFixtures.export(SAMPLE, ExportCategory.COMPLIANCE_PACK, writer, TENANT))
        .get("assessment-results");
    JsonNode result = ar.get("results").get(0);
    Map<String, JsonNode> findings = byUuid(result.get("findings"));
    Map<String, JsonNode> observations = byUuid(result.get("observations"));
    Map<String, JsonNode> risks = byUuid(result.path("risks"));
    String id = bundle.bundleId();

    List<ExportItem> audit = items(bundle, SectionKind.AUDIT_FINDINGS);
    assertTrue(audit.size() > 10, "the sample has audit findings: " + audit.size());
    assertEquals(audit.size(), findings.size());
    for (ExportItem item : audit) {
      JsonNode finding = findings.get(uuid(id + "/finding/" + item.itemId()));
      assertTrue(finding != null, "no finding for " + item.itemId());
      assertTrue(OscalFixtures.plain(finding.get("description").asText()).startsWith((String) item.data().get("description")),
          item.itemId());
      assertEquals(OscalText.string(item.itemId()), prop(finding, "item-id"));
      assertEquals(OscalText.string((String) item.data().get("severity")), prop(finding, "severity"));
      assertEquals(OscalDocument.isOpen(item) ? "not-satisfied" : "satisfied",
          finding.at("/target/status/state").asText());
      String observation = uuid(id + "/observation/audit-finding/" + item.itemId());
      assertEquals(observation, finding.at("/related-observations/0/observation-uuid").asText());
      assertTrue(observations.containsKey(observation), "the finding's observation is in the result");
      for (JsonNode related : finding.get("related-observations")) {
        assertTrue(observations.containsKey(related.get("observation-uuid").asText()), "dangling reference");
      }
    }
    List<ExportItem> drifts = items(bundle, SectionKind.DRIFT_LOGS);
    assertTrue(drifts.size() > 10);
    for (ExportItem item : drifts) {
      JsonNode observation = observations.get(uuid(id + "/observation/drift-event/" + item.itemId()));
      assertTrue(observation != null, "no observation for drift " + item.itemId());
      assertEquals(OscalText.dateTime(item.timestamp()), observation.get("collected").asText());
    }
    assertEquals(audit.size() + drifts.size(), observations.size());
    List<ExportItem> breached = items(bundle, SectionKind.SLA_COMPLIANCE).stream()
        .filter(i -> "breached".equals(i.data().get("slaStatus"))).toList();
    assertTrue(breached.size() > 2, "the sample has breached SLAs: " + breached.size());
    assertEquals(breached.size(), risks.size());
    for (ExportItem item : breached) {
      JsonNode risk = risks.get(uuid(id + "/risk/" + item.itemId()));
      assertTrue(risk != null, "no risk for " + item.itemId());
      assertEquals(item.data().containsKey("closedAt") ? "closed" : "open", risk.get("status").asText());
      assertEquals(OscalText.dateTime((java.time.Instant) item.data().get("slaDeadline")), risk.get("deadline").asText());
    }
    assertEquals(bundle.metadata().generatedAt().toString(), ar.at("/metadata/last-modified").asText());
    assertEquals("1.1.2", ar.at("/metadata/oscal-version").asText());
  }

  @Test
  void thePoamListsExactlyTheOpenFindings() {
    FormatWriter writer = new OscalPoamWriter();
    ExportBundle bundle = OscalFixtures.bundle(SAMPLE, ExportCategory.FULL_OPERATIONAL, writer, TENANT);
    JsonNode poam = OscalFixtures.read(OscalFixtures.export(SAMPLE, ExportCategory.FULL_OPERATIONAL, writer, TENANT))
        .get("plan-of-action-and-milestones");
    Map<String, JsonNode> items = byUuid(poam.get("poam-items"));
    List<ExportItem> open = items(bundle, SectionKind.AUDIT_FINDINGS).stream().filter(OscalDocument::isOpen).toList();
    assertTrue(open.size() > 2 && open.size() < items(bundle, SectionKind.AUDIT_FINDINGS).size(),
        "the sample has open and closed findings");
    assertEquals(open.size(), items.size());
    for (ExportItem item : open) {
      JsonNode poamItem = items.get(uuid(bundle.bundleId() + "/poam-item/" + item.itemId()));
      assertTrue(poamItem != null, "no POA&M item for " + item.itemId());
      assertEquals(OscalText.string(item.itemId()), prop(poamItem, "item-id"));
    }
    assertEquals(open.size(), poam.get("observations").size());
  }

  @Test
  void aPoamWithoutOpenFindingsHoldsOneMarkerItem() {
    JsonNode poam = OscalFixtures.read(OscalFixtures.export(SAMPLE, ExportCategory.ALERT_LOGS, new OscalPoamWriter(),
        TENANT)).get("plan-of-action-and-milestones");
    assertEquals(1, poam.get("poam-items").size());
    assertEquals("no-open-findings", poam.at("/poam-items/0/props/0/name").asText());
  }

  @Test
  void twoRunsGiveIdenticalBytesAndEveryUuidIsUniqueVersion5() throws Exception {
    for (FormatWriter writer : List.of(new OscalAssessmentResultsWriter(), new OscalPoamWriter())) {
      byte[] first = OscalFixtures.export(SAMPLE, ExportCategory.FULL_OPERATIONAL, writer, TENANT);
      byte[] second = OscalFixtures.export(DataSets.sample(11, 400).shuffled(3), ExportCategory.FULL_OPERATIONAL,
          writer, TENANT);
      assertArrayEquals(first, second, writer.descriptor().format().id());
      List<String> uuids = new ArrayList<>();
      collectUuids(OscalFixtures.read(first), uuids);
      assertEquals(uuids.size(), new HashSet<>(uuids).size(), "duplicate uuids");
      uuids.forEach(u -> assertEquals(5, UUID.fromString(u).version(), u));
      Path out = Path.of("target", "sample" + writer.descriptor().fileSuffix());
      Files.write(out, first); // for people (and validators) to look at
    }
  }

  /** Python 3's uuid.uuid5 on the same namespace and name, computed once: RFC 9562 §5.5 followed to the bit. */
  @Test
  void uuidsAreRfcVersion5InTheDocumentedNamespace() {
    assertEquals("e1f367b2-7d6a-5c4b-a30d-704d87442963", OscalUuids.of("EXP-0123456789abcdef/finding/AF-1").toString());
    assertEquals("0e06807b-3f25-5d40-b450-e4b9211b10db",
        OscalUuids.of("EXP-0123456789abcdef/observation/drift-event/DR-\u00e9\u2713").toString());
  }

  private static void collectUuids(JsonNode node, List<String> into) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getKey().equals("uuid")) {
        into.add(e.getValue().asText());
      }
    }
    for (JsonNode child : node) {
      collectUuids(child, into);
    }
  }

  private static List<ExportItem> items(ExportBundle bundle, SectionKind kind) {
    List<ExportItem> all = new ArrayList<>();
    for (ExportSection s : bundle.sections()) {
      if (s.kind() == kind) {
        all.addAll(s.itemList());
      }
    }
    return all;
  }

  private static Map<String, JsonNode> byUuid(JsonNode array) {
    Map<String, JsonNode> map = new TreeMap<>();
    for (JsonNode node : array) {
      map.put(node.get("uuid").asText(), node);
    }
    Set<String> unused = map.keySet();
    assertEquals(array.size(), unused.size(), "duplicate uuids");
    return map;
  }

  private static String prop(JsonNode holder, String name) {
    for (JsonNode p : holder.get("props")) {
      if (p.get("name").asText().equals(name)) {
        return p.get("value").asText();
      }
    }
    return null;
  }

  private static String uuid(String name) {
    return OscalUuids.of(name).toString();
  }
}
