package dev.exporthub.formats;

import static dev.exporthub.formats.ArchiveFixtures.BUNDLE_ID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.HtmlBlock;
import com.vladsch.flexmark.ast.HtmlInline;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.References;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.spi.WriteContext;
import gov.loc.repository.bagit.conformance.BagLinter;
import gov.loc.repository.bagit.conformance.BagitWarning;
import gov.loc.repository.bagit.domain.Bag;
import gov.loc.repository.bagit.reader.BagReader;
import gov.loc.repository.bagit.verify.BagVerifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditorPackageWriterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String COMPLIANCE_ROOT = "EXP-abababababababab-compliance-pack/";
  private static final String FULL_ROOT = BUNDLE_ID + "-full-operational/";

  /**
   * The section table of {@code docs/SPECIFICATION.md} §3.2: each section's files in an auditor
   * package, in phase order.
   */
  private static final List<String> FULL_OPERATIONAL_FILES = List.of(
      "audit-findings/findings.json", "audit-findings/findings.csv",
      "drift-logs/drifts.json", "drift-logs/drifts.csv",
      "alert-logs/alerts.json", "alert-logs/alerts.csv",
      "task-logs/tasks.json", "task-logs/tasks.csv",
      "operator-analytics/operators.json", "operator-analytics/operators.csv",
      "real-time-metrics/signals.json", "real-time-metrics/signals.csv",
      "capacity-forecasts/projections.json", "capacity-forecasts/projections.csv",
      "schedules/schedules.json", "schedules/schedules.csv",
      "insights/insights.json", "insights/insights.csv",
      "reports/reports.json", "reports/reports.csv");

  private final AuditorPackageWriter writer = new AuditorPackageWriter();

  private static Map<String, byte[]> write(ExportBundle bundle, WriteContext context) {
    return ArchiveFixtures.entries(ArchiveFixtures.render(new AuditorPackageWriter(), bundle, context));
  }

  private static ExportBundle full() {
    return ArchiveFixtures.fullOperational(ExportFormat.AUDITOR_PACKAGE, Fixtures.GENERATED);
  }

  private static List<String> prefixed(String prefix, List<String> paths) {
    return paths.stream().map(path -> prefix + path).toList();
  }

  @Test
  @DisplayName("declares application/zip and -auditor-package.zip, a multi-file bundle")
  void descriptor() {
    assertEquals(ExportFormat.AUDITOR_PACKAGE, writer.descriptor().format());
    assertEquals("application/zip", writer.descriptor().mimeType());
    assertEquals("-auditor-package.zip", writer.descriptor().fileSuffix());
    assertTrue(writer.descriptor().multiFile());
    assertEquals(BUNDLE_ID + "-auditor-package.zip", writer.descriptor().fileName(BUNDLE_ID));
  }

  @Nested
  @DisplayName("in the default folder layout")
  class Folders {

    @Test
    @DisplayName("a compliance pack is exactly the tree of SPECIFICATION.md §5.8 under {bundleId}-compliance-pack/")
    void compliancePackTree() {
      Map<String, byte[]> entries = write(ArchiveFixtures.compliancePack(ExportFormat.AUDITOR_PACKAGE),
          ArchiveFixtures.context());
      assertEquals(prefixed(COMPLIANCE_ROOT, List.of(
          "audit-findings/findings.json", "audit-findings/findings.csv",
          "drift-logs/drifts.json", "drift-logs/drifts.csv",
          "sla-compliance/sla.json", "sla-compliance/sla.csv",
          "metadata/export-info.json", "metadata/README.md",
          "index.html", "manifest-sha256.txt")), new ArrayList<>(entries.keySet()));
    }

    @Test
    @DisplayName("a full operational export has one folder per section, named as SPECIFICATION.md §3.2 says")
    void fullOperationalTree() {
      List<String> expected = new ArrayList<>(FULL_OPERATIONAL_FILES);
      expected.addAll(List.of("metadata/export-info.json", "metadata/README.md", "index.html",
          "manifest-sha256.txt"));
      assertEquals(prefixed(FULL_ROOT, expected), new ArrayList<>(write(full(), ArchiveFixtures.context()).keySet()));
    }

    @Test
    @DisplayName("each section's JSON is the section object of the bundle's JSON, items included")
    void sectionJson() throws IOException {
      ExportBundle bundle = full();
      Map<String, byte[]> entries = write(bundle, ArchiveFixtures.context());
      JsonNode whole = MAPPER.readTree(Fixtures.render(new JsonFormatWriter(), bundle.withFormat(ExportFormat.JSON)));
      for (int s = 0; s < bundle.sections().size(); s++) {
        ExportSection section = bundle.sections().get(s);
        byte[] file = entries.get(FULL_ROOT + section.sectionId() + "/" + section.kind().fileStem() + ".json");
        JsonNode node = MAPPER.readTree(file);
        assertEquals(whole.get("sections").get(s), node, section.sectionId());
        assertEquals(section.sectionId(), node.get("sectionId").textValue());
        assertEquals(section.summary(), node.get("summary").textValue());
        assertEquals(section.itemCount(), node.get("itemCount").longValue());
        List<String> ids = new ArrayList<>();
        node.get("items").forEach(item -> ids.add(item.get("itemId").textValue()));
        assertEquals(ZipBundleWriterTest.itemIds(section), ids);
        assertTrue(ArchiveFixtures.text(file).endsWith("}\n"));
      }
    }

    @Test
    @DisplayName("each section's CSV is the CSV writer's header and that section's rows")
    void sectionCsv() {
      ExportBundle bundle = full();
      Map<String, byte[]> entries = write(bundle, ArchiveFixtures.context());
      List<List<String>> whole = Readers.csv(Fixtures.render(new CsvFormatWriter(),
          bundle.withFormat(ExportFormat.CSV)), ',', false);
      for (ExportSection section : bundle.sections()) {
        List<List<String>> rows = Readers.csv(
            entries.get(FULL_ROOT + section.sectionId() + "/" + section.kind().fileStem() + ".csv"), ',', false);
        List<List<String>> expected = new ArrayList<>();
        expected.add(CsvFormatWriter.HEADER);
        whole.stream().skip(1).filter(row -> row.get(0).equals(section.title())).forEach(expected::add);
        assertEquals(expected, rows, section.sectionId());
        List<ExportItem> items = section.itemList();
        assertEquals(items.size(), rows.size() - 1);
        for (int i = 0; i < items.size(); i++) {
          List<String> row = rows.get(i + 1);
          assertEquals(items.get(i).itemId(), Readers.unguard(row.get(1)));
          assertEquals(items.get(i).itemType(), row.get(2));
          assertEquals(section.dataSource(), row.get(4));
          assertEquals(items.get(i).data().keySet().stream().toList(),
              Readers.details(Readers.unguard(row.get(5))).stream().map(Map.Entry::getKey).toList());
        }
      }
    }

    @Test
    @DisplayName("the request's CSV options apply to the section CSVs")
    void csvOptions() {
      Map<String, byte[]> entries = write(ArchiveFixtures.compliancePack(ExportFormat.AUDITOR_PACKAGE),
          ArchiveFixtures.context(Map.of("csv.bom", "true", "csv.delimiter", ";")));
      List<List<String>> rows = Readers.csv(entries.get(COMPLIANCE_ROOT + "audit-findings/findings.csv"), ';', true);
      assertEquals(3, rows.size());
    }

    @Test
    @DisplayName("metadata/export-info.json holds the metadata, the sections and the chain of custody")
    void exportInfo() throws IOException {
      ExportBundle bundle = full();
      JsonNode info = MAPPER.readTree(write(bundle, ArchiveFixtures.context()).get(FULL_ROOT
          + "metadata/export-info.json"));
      assertEquals(List.of("package", "bundle", "sections", "chainOfCustody"), JsonFormatWriterTest.keys(info));

      JsonNode pack = info.get("package");
      assertEquals("auditor-package", pack.get("format").textValue());
      assertEquals("folders", pack.get("layout").textValue());
      assertEquals(BUNDLE_ID + "-full-operational", pack.get("folder").textValue());
      assertEquals(BUNDLE_ID + "-auditor-package.zip", pack.get("fileName").textValue());

      JsonNode whole = MAPPER.readTree(Fixtures.render(new JsonFormatWriter(), bundle));
      JsonNode described = info.get("bundle");
      for (String key : List.of("bundleId", "exportId", "title", "description", "category", "format", "scope",
          "timeRange", "references", "metadata")) {
        assertEquals(whole.get(key), described.get(key), key);
      }
      assertEquals("auditor-package", described.get("metadata").get("format").textValue());

      JsonNode sections = info.get("sections");
      assertEquals(bundle.sections().size(), sections.size());
      for (int s = 0; s < sections.size(); s++) {
        ExportSection section = bundle.sections().get(s);
        JsonNode node = sections.get(s);
        assertEquals(section.sectionId(), node.get("sectionId").textValue());
        assertEquals(section.summary(), node.get("summary").textValue());
        assertEquals(section.itemCount(), node.get("itemCount").longValue());
        String stem = section.sectionId() + "/" + section.kind().fileStem();
        assertEquals(List.of(stem + ".json", stem + ".csv"), JsonFormatWriterTest.strings(node.get("files")));
        assertFalse(node.has("items"));
      }

      JsonNode custody = info.get("chainOfCustody");
      assertEquals("auditor@example.com", custody.get("requestedBy").textValue());
      assertEquals(bundle.metadata().contentDigest(), custody.get("contentDigest").textValue());
      assertEquals(List.of("requestedBy", "exportedBy", "contentDigest", "policyDecision", "signature"),
          JsonFormatWriterTest.keys(custody), "the decision itself, nothing of the log's state");
      JsonNode caller = custody.get("exportedBy");
      assertEquals(List.of("userId", "tenantId", "federationId", "role", "permissions"),
          JsonFormatWriterTest.keys(caller));
      assertEquals("auditor", caller.get("role").textValue());
      assertEquals("tenant-a", caller.get("tenantId").textValue());
      assertEquals(List.of("export:bundle-formats", "export:long-range"),
          JsonFormatWriterTest.strings(caller.get("permissions")));
      JsonNode decision = custody.get("policyDecision");
      assertEquals(List.of("queryId", "scope", "allowed", "reason", "violations", "warnings", "rules"),
          JsonFormatWriterTest.keys(decision));
      assertEquals("q-42", decision.get("queryId").textValue());
      assertEquals("tenant-a", decision.get("scope").get("tenantId").textValue());
      assertTrue(decision.get("allowed").booleanValue());
      assertEquals("All policy rules passed", decision.get("reason").textValue());
      assertEquals(ArchiveFixtures.decision().warnings(), JsonFormatWriterTest.strings(decision.get("warnings")));
      assertEquals(ArchiveFixtures.decision().rules(), JsonFormatWriterTest.strings(decision.get("rules")));
    }

    @Test
    @DisplayName("a caller without role or federation leaves those keys out of exportedBy")
    void callerWithoutRole() throws IOException {
      WriteContext context = new WriteContext(ArchiveFixtures.decision(),
          dev.exporthub.api.Caller.of("bob", "tenant-a", null, List.of()), Map.of(), Fixtures.context().clock());
      JsonNode info = MAPPER.readTree(write(full(), context).get(FULL_ROOT + "metadata/export-info.json"));
      JsonNode caller = info.get("chainOfCustody").get("exportedBy");
      assertEquals(List.of("userId", "tenantId", "permissions"), JsonFormatWriterTest.keys(caller));
    }

    @Test
    @DisplayName("metadata/README.md says what the package is, lists every file and how to verify it")
    void readme() {
      byte[] bytes = write(full(), ArchiveFixtures.context()).get(FULL_ROOT + "metadata/README.md");
      String readme = ArchiveFixtures.text(bytes);
      var document = Readers.markdown(bytes);
      List<String> headings = new ArrayList<>();
      document.getDescendants().forEach(node -> {
        if (node instanceof Heading heading) {
          headings.add(Readers.markdownText(heading));
        }
        assertFalse(node instanceof HtmlInline || node instanceof HtmlBlock, "no raw HTML: " + node);
      });
      assertEquals(List.of("Auditor package " + BUNDLE_ID, "Contents", "How to verify"), headings);
      assertTrue(Readers.markdownText(document).contains("Full export of tenant-a <i>&</i> \"friends\""),
          "the title reads back as text");
      for (String path : FULL_OPERATIONAL_FILES) {
        assertTrue(readme.contains("| `" + path + "` |"), path);
      }
      for (String expected : List.of("`metadata/export-info.json`", "`index.html`", "`manifest-sha256.txt`",
          "sha256sum -c manifest-sha256.txt", "PackageVerifier.verify(path)", "`exportedBy`",
          "folder `" + BUNDLE_ID + "-full-operational`")) {
        assertTrue(readme.contains(expected), expected);
      }
    }

    @Test
    @DisplayName("index.html links every other file and shows each section's summary, escaped like the HTML writer")
    void index() {
      ExportBundle bundle = full();
      Map<String, byte[]> entries = write(bundle, ArchiveFixtures.context());
      Document html = Readers.html(entries.get(FULL_ROOT + "index.html"));
      Set<String> others = entries.keySet().stream().map(name -> name.substring(FULL_ROOT.length()))
          .filter(name -> !name.equals("index.html")).collect(Collectors.toCollection(java.util.TreeSet::new));
      Set<String> nav = html.select("nav a").stream().map(a -> a.attr("href"))
          .collect(Collectors.toCollection(java.util.TreeSet::new));
      assertEquals(others, nav, "navigation to every file");
      assertTrue(html.select("script").isEmpty(), "data never becomes markup");
      assertEquals("Auditor package: " + bundle.title(), html.title());
      for (ExportSection section : bundle.sections()) {
        Element block = html.getElementById("section-" + section.sectionId());
        assertEquals(section.title(), block.selectFirst("h2").text());
        assertEquals("Summary: " + Readers.htmlText(section.summary()), block.selectFirst(".summary").text());
        String stem = section.sectionId() + "/" + section.kind().fileStem();
        assertEquals(List.of(stem + ".json", stem + ".csv"), block.select("a").eachAttr("href"));
        assertTrue(block.text().contains(section.itemCount() + (section.itemCount() == 1 ? " item:" : " items:")));
      }
      assertTrue(html.select("meta[http-equiv=Content-Security-Policy]").attr("content")
          .equals(HtmlFormatWriter.CONTENT_SECURITY_POLICY));
      assertTrue(html.text().contains("Exported by auditor@example.com (role auditor, tenant tenant-a"), html.text());
    }

    @Test
    @DisplayName("manifest-sha256.txt lists every other file with the SHA-256 computed here independently")
    void manifest() {
      Map<String, byte[]> entries = write(full(), ArchiveFixtures.context());
      Map<String, String> manifest = ArchiveFixtures.manifest(entries.get(FULL_ROOT + "manifest-sha256.txt"));
      List<String> others = new ArrayList<>(entries.keySet());
      others.remove(FULL_ROOT + "manifest-sha256.txt");
      assertEquals(others, prefixed(FULL_ROOT, new ArrayList<>(manifest.keySet())));
      manifest.forEach((path, hash) -> assertEquals(ArchiveFixtures.sha256(entries.get(FULL_ROOT + path)), hash));
    }

    @Test
    @DisplayName("the extracted package passes the system's sha256sum -c")
    void sha256sum(@TempDir Path dir) throws Exception {
      byte[] zip = ArchiveFixtures.render(writer, full(), ArchiveFixtures.context());
      ArchiveFixtures.extract(zip, dir);
      SystemTools.Result result = SystemTools.run(dir.resolve(FULL_ROOT), "sha256sum", "--strict", "-c",
          "manifest-sha256.txt");
      assertEquals(0, result.exitCode(), result.output());
      List<String> expected = new ArrayList<>();
      FULL_OPERATIONAL_FILES.forEach(path -> expected.add(path + ": OK"));
      expected.addAll(List.of("metadata/export-info.json: OK", "metadata/README.md: OK", "index.html: OK"));
      assertEquals(expected, result.output().lines().toList());
    }

    @Test
    @DisplayName("PackageVerifier finds the package intact")
    void verifies() throws IOException {
      byte[] zip = ArchiveFixtures.render(writer, full(), ArchiveFixtures.context());
      PackageVerifier.Report report = PackageVerifier.verify(new ByteArrayInputStream(zip));
      assertEquals(List.of(), report.problems());
      assertEquals(PackageVerifier.Layout.AUDITOR_PACKAGE, report.layout());
      assertEquals(BUNDLE_ID + "-full-operational", report.root());
      assertEquals(24, report.files());
    }
  }

  @Nested
  @DisplayName("with package.layout=bagit")
  class BagIt {

    private final List<String> payload = Stream.concat(FULL_OPERATIONAL_FILES.stream(),
        Stream.of("metadata/export-info.json", "metadata/README.md", "index.html")).toList();

    @Test
    @DisplayName("is an RFC 8493 bag: bagit.txt, data/..., bag-info.txt, payload and tag manifests")
    void tree() {
      List<String> expected = new ArrayList<>();
      expected.add("bagit.txt");
      payload.forEach(path -> expected.add("data/" + path));
      expected.addAll(List.of("bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt",
          "tagmanifest-sha256.txt"));
      assertEquals(prefixed(FULL_ROOT, expected), new ArrayList<>(write(full(), ArchiveFixtures.bagit()).keySet()));
    }

    @Test
    @DisplayName("the layout option ignores case and surrounding space")
    void optionSpelling() {
      Map<String, byte[]> entries = write(full(), ArchiveFixtures.context(
          Map.of(AuditorPackageWriter.LAYOUT_OPTION, " BagIt ")));
      assertTrue(entries.containsKey(FULL_ROOT + "bagit.txt"));
    }

    @Test
    @DisplayName("its section files are the folder layout's, byte for byte")
    void samePayload() {
      Map<String, byte[]> folders = write(full(), ArchiveFixtures.context());
      Map<String, byte[]> bag = write(full(), ArchiveFixtures.bagit());
      for (String path : FULL_OPERATIONAL_FILES) {
        assertArrayEquals(folders.get(FULL_ROOT + path), bag.get(FULL_ROOT + "data/" + path), path);
      }
      assertNotEquals(ArchiveFixtures.text(folders.get(FULL_ROOT + "metadata/README.md")),
          ArchiveFixtures.text(bag.get(FULL_ROOT + "data/metadata/README.md")), "the README explains the bag");
    }

    @Test
    @DisplayName("declares BagIt 1.0 in UTF-8, and bag-info.txt has the right Payload-Oxum")
    void declarations() {
      Map<String, byte[]> entries = write(full(), ArchiveFixtures.bagit());
      assertEquals("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
          ArchiveFixtures.text(entries.get(FULL_ROOT + "bagit.txt")));
      long octets = 0;
      for (String path : payload) {
        octets += entries.get(FULL_ROOT + "data/" + path).length;
      }
      assertEquals("Bag-Software-Agent: Export Hub\n"
          + "Bagging-Date: 2026-01-31\n"
          + "External-Description: Full export of tenant-a <i>&</i> \"friends\"\n"
          + "External-Identifier: " + BUNDLE_ID + "\n"
          + "Internal-Sender-Identifier: export-0042\n"
          + "Payload-Oxum: " + octets + "." + payload.size() + "\n",
          ArchiveFixtures.text(entries.get(FULL_ROOT + "bag-info.txt")));
    }

    @Test
    @DisplayName("its manifests hold the SHA-256 and SHA-512 of every payload file and the tag files, computed here")
    void manifests() {
      Map<String, byte[]> entries = write(full(), ArchiveFixtures.bagit());
      Map<String, String> sha256 = ArchiveFixtures.manifest(entries.get(FULL_ROOT + "manifest-sha256.txt"));
      Map<String, String> sha512 = ArchiveFixtures.manifest(entries.get(FULL_ROOT + "manifest-sha512.txt"));
      List<String> data = payload.stream().map(path -> "data/" + path).toList();
      assertEquals(data, new ArrayList<>(sha256.keySet()));
      assertEquals(data, new ArrayList<>(sha512.keySet()));
      for (String path : data) {
        assertEquals(ArchiveFixtures.sha256(entries.get(FULL_ROOT + path)), sha256.get(path), path);
        assertEquals(ArchiveFixtures.sha512(entries.get(FULL_ROOT + path)), sha512.get(path), path);
      }
      Map<String, String> tags = ArchiveFixtures.manifest(entries.get(FULL_ROOT + "tagmanifest-sha256.txt"));
      assertEquals(List.of("bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt"),
          new ArrayList<>(tags.keySet()));
      tags.forEach((path, hash) -> assertEquals(ArchiveFixtures.sha256(entries.get(FULL_ROOT + path)), hash, path));
    }

    @Test
    @DisplayName("is a valid bag for the Library of Congress's bagit-java (gov.loc:bagit)")
    void validForLibraryOfCongress(@TempDir Path dir) throws Exception {
      ArchiveFixtures.extract(ArchiveFixtures.render(writer, full(), ArchiveFixtures.bagit()), dir);
      Path root = dir.resolve(FULL_ROOT);
      Bag bag = new BagReader().read(root);
      assertEquals("1.0", bag.getVersion().toString());
      assertEquals(2, bag.getPayLoadManifests().size());
      assertEquals(1, bag.getTagManifests().size());
      try (BagVerifier verifier = new BagVerifier()) {
        verifier.isValid(bag, false);
      }
      BagVerifier.quicklyVerify(bag);
      // The linter calls every algorithm but SHA-512 weak; the issue asks for SHA-256 manifests too.
      // Its DIFFERENT_CASE check fires on every path (5.2.0 adds the lower-cased path to its set
      // before asking whether the set holds it), so it is skipped and checked here instead.
      assertEquals(Set.of(BagitWarning.WEAK_CHECKSUM_ALGORITHM),
          BagLinter.lintBag(root, List.of(BagitWarning.DIFFERENT_CASE)));
      try (Stream<Path> files = Files.walk(root)) {
        List<String> names = files.map(root::relativize).map(Path::toString).toList();
        assertEquals(names.size(), names.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).distinct().count());
      }
    }

    @Test
    @DisplayName("bagit-java notices a changed payload file")
    void libraryOfCongressNoticesTampering(@TempDir Path dir) throws Exception {
      ArchiveFixtures.extract(ArchiveFixtures.render(writer, full(), ArchiveFixtures.bagit()), dir);
      Path root = dir.resolve(FULL_ROOT);
      Files.writeString(root.resolve("data/insights/insights.csv"), "changed");
      Bag bag = new BagReader().read(root);
      try (BagVerifier verifier = new BagVerifier()) {
        assertThrows(Exception.class, () -> verifier.isValid(bag, false));
      }
    }

    @Test
    @DisplayName("passes sha256sum -c and sha512sum -c on both payload manifests and the tag manifest")
    void coreutils(@TempDir Path dir) throws Exception {
      ArchiveFixtures.extract(ArchiveFixtures.render(writer, full(), ArchiveFixtures.bagit()), dir);
      Path root = dir.resolve(FULL_ROOT);
      for (String[] command : List.of(new String[] {"sha256sum", "--strict", "-c", "manifest-sha256.txt"},
          new String[] {"sha512sum", "--strict", "-c", "manifest-sha512.txt"},
          new String[] {"sha256sum", "--strict", "-c", "tagmanifest-sha256.txt"})) {
        SystemTools.Result result = SystemTools.run(root, command);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().lines().allMatch(line -> line.endsWith(": OK")), result.output());
      }
    }

    @Test
    @DisplayName("PackageVerifier finds the bag intact")
    void verifies() throws IOException {
      byte[] zip = ArchiveFixtures.render(writer, full(), ArchiveFixtures.bagit());
      PackageVerifier.Report report = PackageVerifier.verify(new ByteArrayInputStream(zip));
      assertEquals(List.of(), report.problems());
      assertEquals(PackageVerifier.Layout.BAGIT, report.layout());
      assertEquals(BUNDLE_ID + "-full-operational", report.root());
    }

    @Test
    @DisplayName("index.html links the tag files beside data/ too")
    void indexLinksTagFiles() {
      Document html = Readers.html(write(full(), ArchiveFixtures.bagit()).get(FULL_ROOT + "data/index.html"));
      List<String> hrefs = html.select("nav a").eachAttr("href");
      assertTrue(hrefs.containsAll(List.of("../bagit.txt", "../bag-info.txt", "../manifest-sha256.txt",
          "../manifest-sha512.txt", "../tagmanifest-sha256.txt")), hrefs.toString());
    }
  }

  @Test
  @DisplayName("refuses, before the first byte, an unknown layout, a bad CSV option, twin sections and an unsafe bundle id")
  void refusesBeforeWriting() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThrows(InvalidRequestException.class, () -> writer.write(full(),
        ArchiveFixtures.context(Map.of(AuditorPackageWriter.LAYOUT_OPTION, "tarball")), out));
    assertThrows(InvalidRequestException.class, () -> writer.write(full(),
        ArchiveFixtures.context(Map.of("csv.bom", "maybe")), out));
    ExportSection section = ExportSection.of(SectionKind.INSIGHTS, "s", Fixtures.GENERATED, List.of());
    ExportBundle twins = ArchiveFixtures.bundle(ExportCategory.INSIGHTS, ExportScope.tenant("t"), "t", "d",
        ExportFormat.AUDITOR_PACKAGE, Fixtures.GENERATED, List.of(section, section), References.empty());
    assertThrows(IllegalArgumentException.class, () -> writer.write(twins, ArchiveFixtures.context(), out));
    for (String id : List.of("../evil", "a/b", "EXP-1\\2", "C:", ".hidden", "", "EXP-..")) {
      ExportBundle bundle = withId(full(), id);
      assertThrows(IllegalArgumentException.class, () -> writer.write(bundle, ArchiveFixtures.context(), out), id);
      assertThrows(IllegalArgumentException.class, () -> new ZipBundleWriter().write(bundle,
          ArchiveFixtures.context(), out), id);
    }
    assertEquals(0, out.size());
  }

  private static ExportBundle withId(ExportBundle b, String id) {
    return new ExportBundle(id, b.exportId(), b.title(), b.description(), b.category(), b.format(), b.scope(),
        b.timeRange(), b.sections(), b.references(), b.metadata());
  }

  @Test
  @DisplayName("the package folder is {bundleId}-{category}")
  void rootFolder() {
    assertEquals(BUNDLE_ID + "-full-operational", AuditorPackageWriter.rootFolder(full()));
    Map<String, byte[]> entries = new LinkedHashMap<>(write(ArchiveFixtures.compliancePack(
        ExportFormat.AUDITOR_PACKAGE), ArchiveFixtures.context()));
    assertTrue(entries.keySet().stream().allMatch(name -> name.startsWith(COMPLIANCE_ROOT)));
  }
}
