package dev.exporthub.formats;

import static dev.exporthub.formats.ArchiveFixtures.BUNDLE_ID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.spi.WriteContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipBundleWriterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final ZipBundleWriter writer = new ZipBundleWriter();

  private static final List<String> ENTRIES = List.of(BUNDLE_ID + ".json", BUNDLE_ID + ".csv", BUNDLE_ID + ".html",
      "README.txt", "manifest-sha256.txt");

  private static Map<String, byte[]> write(ExportBundle bundle, WriteContext context) {
    return ArchiveFixtures.entries(ArchiveFixtures.render(new ZipBundleWriter(), bundle, context));
  }

  @Test
  @DisplayName("declares application/zip and .zip, a multi-file bundle, named {bundleId}.zip")
  void descriptor() {
    assertEquals(ExportFormat.ZIP, writer.descriptor().format());
    assertEquals("application/zip", writer.descriptor().mimeType());
    assertEquals(".zip", writer.descriptor().fileSuffix());
    assertTrue(writer.descriptor().multiFile());
    assertEquals(BUNDLE_ID + ".zip", writer.descriptor().fileName(BUNDLE_ID));
  }

  @Test
  @DisplayName("holds exactly {bundleId}.json, .csv, .html, README.txt and manifest-sha256.txt, in that order")
  void entryList() {
    ExportBundle bundle = ArchiveFixtures.fullOperational(ExportFormat.ZIP, Fixtures.GENERATED);
    assertEquals(ENTRIES, new ArrayList<>(write(bundle, ArchiveFixtures.context()).keySet()));
  }

  @Test
  @DisplayName("each rendering is byte for byte the standalone export of that format, and parses back to the bundle")
  void renderings() {
    ExportBundle bundle = ArchiveFixtures.fullOperational(ExportFormat.ZIP, Fixtures.GENERATED);
    WriteContext context = ArchiveFixtures.context();
    Map<String, byte[]> entries = write(bundle, context);

    byte[] json = entries.get(BUNDLE_ID + ".json");
    assertArrayEquals(ArchiveFixtures.render(new JsonFormatWriter(), bundle.withFormat(ExportFormat.JSON), context),
        json);
    assertArrayEquals(ArchiveFixtures.render(new CsvFormatWriter(), bundle.withFormat(ExportFormat.CSV), context),
        entries.get(BUNDLE_ID + ".csv"));
    assertArrayEquals(ArchiveFixtures.render(new HtmlFormatWriter(), bundle.withFormat(ExportFormat.HTML), context),
        entries.get(BUNDLE_ID + ".html"));

    JsonNode root = readTree(json);
    assertEquals(BUNDLE_ID, root.get("bundleId").textValue());
    assertEquals("json", root.get("format").textValue(), "the embedded JSON reads as a JSON export");
    assertEquals(bundle.metadata().contentDigest(), root.get("metadata").get("contentDigest").textValue());
    assertEquals(bundle.sections().size(), root.get("sections").size());
    for (int s = 0; s < bundle.sections().size(); s++) {
      ExportSection section = bundle.sections().get(s);
      JsonNode node = root.get("sections").get(s);
      assertEquals(section.sectionId(), node.get("sectionId").textValue());
      assertEquals(section.summary(), node.get("summary").textValue());
      assertEquals(itemIds(section), JsonFormatWriterTest.strings(ids(node.get("items"))));
    }

    List<List<String>> rows = Readers.csv(entries.get(BUNDLE_ID + ".csv"), ',', false);
    assertEquals(CsvFormatWriter.HEADER, rows.get(0));
    List<String> csvIds = rows.subList(1, rows.size()).stream().map(row -> Readers.unguard(row.get(1))).toList();
    List<String> expectedIds = new ArrayList<>();
    bundle.sections().forEach(section -> expectedIds.addAll(itemIds(section)));
    assertEquals(expectedIds, csvIds);

    var html = Readers.html(entries.get(BUNDLE_ID + ".html"));
    assertEquals(bundle.title(), html.title());
  }

  @Test
  @DisplayName("the request's CSV options apply to the embedded CSV")
  void csvOptions() {
    ExportBundle bundle = ArchiveFixtures.compliancePack(ExportFormat.ZIP);
    WriteContext context = ArchiveFixtures.context(Map.of("csv.bom", "true", "csv.delimiter", ";"));
    List<List<String>> rows = Readers.csv(write(bundle, context).get(bundle.bundleId() + ".csv"), ';', true);
    assertEquals(CsvFormatWriter.HEADER, rows.get(0));
  }

  @Test
  @DisplayName("a bad option is refused before the first byte")
  void badOptions() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThrows(InvalidRequestException.class, () -> writer.write(ArchiveFixtures.compliancePack(ExportFormat.ZIP),
        ArchiveFixtures.context(Map.of("csv.delimiter", "|")), out));
    assertEquals(0, out.size());
  }

  @Test
  @DisplayName("README.txt describes the export in plain text: ids, scope, range, counts, digest, decision, files")
  void readme() {
    ExportBundle bundle = ArchiveFixtures.fullOperational(ExportFormat.ZIP, Fixtures.GENERATED);
    String readme = ArchiveFixtures.text(write(bundle, ArchiveFixtures.context()).get("README.txt"));
    assertTrue(readme.startsWith("Export Hub ZIP bundle " + BUNDLE_ID + "\n===="), readme);
    for (String expected : List.of("Bundle ID: " + BUNDLE_ID, "Export ID: export-0042",
        "Title: Full export of tenant-a <i>&</i> \"friends\"",
        "Description: Everything | all * phases second line",
        "Category: Full Operational Export (full-operational)", "Scope: tenant tenant-a",
        "Time range: 2026-01-01T00:00:00Z to 2026-01-31T00:00:00Z (exclusive)",
        "Generated at: 2026-01-31T12:00:00.250Z", "Generated by: auditor@example.com", "Total sections: 10",
        "Total items: 18", "Content digest: SHA-256 " + bundle.metadata().contentDigest(), "Schema version: 1",
        "Policy decision: allowed (query q-42): All policy rules passed",
        "Exported by: auditor@example.com (role auditor, tenant tenant-a, federation fed-1, permissions"
            + " export:bundle-formats, export:long-range)",
        "Rules evaluated: tenant-isolation, federation-access, export-permissions, compliance-restrictions,"
            + " data-retention, format-restrictions",
        "Policy warnings: Long-range exports may have reduced data availability or increased generation time",
        "Workload Schedules (schedules): 0 items", "Audit Findings (audit-findings): 2 items",
        BUNDLE_ID + ".csv  one row per item", "manifest-sha256.txt  the SHA-256 of every other file",
        "  sha256sum -c manifest-sha256.txt")) {
      assertTrue(readme.contains(expected), () -> expected + "\n---\n" + readme);
    }
    assertFalse(readme.contains("\r"), "\\n line ends only");
    assertFalse(readme.toLowerCase(java.util.Locale.ROOT).contains("log hash"), "nothing of the log's state");
  }

  @Test
  @DisplayName("manifest-sha256.txt lists the SHA-256 of every other entry, computed here independently")
  void manifest() {
    Map<String, byte[]> entries = write(ArchiveFixtures.fullOperational(ExportFormat.ZIP, Fixtures.GENERATED),
        ArchiveFixtures.context());
    Map<String, String> manifest = ArchiveFixtures.manifest(entries.get("manifest-sha256.txt"));
    assertEquals(ENTRIES.subList(0, 4), new ArrayList<>(manifest.keySet()));
    manifest.forEach((path, hash) -> assertEquals(ArchiveFixtures.sha256(entries.get(path)), hash, path));
  }

  @Test
  @DisplayName("the extracted bundle passes the system's sha256sum -c")
  void sha256sum(@TempDir Path dir) throws Exception {
    byte[] zip = ArchiveFixtures.render(writer, ArchiveFixtures.fullOperational(ExportFormat.ZIP, Fixtures.GENERATED),
        ArchiveFixtures.context());
    ArchiveFixtures.extract(zip, dir);
    SystemTools.Result result = SystemTools.run(dir, "sha256sum", "-c", "manifest-sha256.txt");
    assertEquals(0, result.exitCode(), result.output());
    assertEquals(List.of(BUNDLE_ID + ".json: OK", BUNDLE_ID + ".csv: OK", BUNDLE_ID + ".html: OK", "README.txt: OK"),
        result.output().lines().toList());
  }

  @Test
  @DisplayName("PackageVerifier finds the bundle intact")
  void verifies() throws IOException {
    byte[] zip = ArchiveFixtures.render(writer, ArchiveFixtures.compliancePack(ExportFormat.ZIP),
        ArchiveFixtures.context());
    PackageVerifier.Report report = PackageVerifier.verify(new java.io.ByteArrayInputStream(zip));
    assertEquals(List.of(), report.problems());
    assertEquals(PackageVerifier.Layout.ZIP_BUNDLE, report.layout());
    assertEquals("", report.root());
    assertEquals(5, report.files());
  }

  private static JsonNode readTree(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode ids(JsonNode items) {
    var ids = MAPPER.createArrayNode();
    items.forEach(item -> ids.add(item.get("itemId").textValue()));
    return ids;
  }

  static List<String> itemIds(ExportSection section) {
    return section.itemList().stream().map(ExportItem::itemId).toList();
  }
}
