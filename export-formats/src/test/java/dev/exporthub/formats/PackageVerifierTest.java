package dev.exporthub.formats;

import static dev.exporthub.formats.ArchiveFixtures.BUNDLE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportFormat;
import dev.exporthub.formats.PackageVerifier.Layout;
import dev.exporthub.formats.PackageVerifier.Limits;
import dev.exporthub.formats.PackageVerifier.Problem;
import dev.exporthub.formats.PackageVerifier.Reason;
import dev.exporthub.formats.PackageVerifier.Report;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackageVerifierTest {

  private static final String ROOT = BUNDLE_ID + "-full-operational/";

  static byte[] zipBundle() {
    return ArchiveFixtures.render(new ZipBundleWriter(), ArchiveFixtures.fullOperational(ExportFormat.ZIP,
        Fixtures.GENERATED), ArchiveFixtures.context());
  }

  static byte[] auditorPackage() {
    return ArchiveFixtures.render(new AuditorPackageWriter(), ArchiveFixtures.fullOperational(
        ExportFormat.AUDITOR_PACKAGE, Fixtures.GENERATED), ArchiveFixtures.context());
  }

  static byte[] bag() {
    return ArchiveFixtures.render(new AuditorPackageWriter(), ArchiveFixtures.fullOperational(
        ExportFormat.AUDITOR_PACKAGE, Fixtures.GENERATED), ArchiveFixtures.bagit());
  }

  static Report verify(byte[] zip) {
    try {
      return PackageVerifier.verify(new ByteArrayInputStream(zip));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static Report verify(byte[] zip, Limits limits) {
    try {
      return PackageVerifier.verify(new ByteArrayInputStream(zip), limits);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static void assertProblem(Report report, String path, Reason reason) {
    assertTrue(report.problems().stream().anyMatch(p -> p.path().equals(path) && p.reason() == reason),
        () -> "expected " + reason + " " + path + " in " + report.problems());
  }

  private static Map<String, byte[]> entries(byte[] zip) {
    return new LinkedHashMap<>(ArchiveFixtures.entries(zip));
  }

  @Nested
  @DisplayName("intact packages")
  class Intact {

    @Test
    @DisplayName("every kind verifies from a file and from a stream, with its layout, folder and counts")
    void everyKind(@TempDir Path dir) throws IOException {
      Object[][] kinds = {
          {zipBundle(), Layout.ZIP_BUNDLE, "", 5},
          {auditorPackage(), Layout.AUDITOR_PACKAGE, BUNDLE_ID + "-full-operational", 24},
          {bag(), Layout.BAGIT, BUNDLE_ID + "-full-operational", 28}};
      for (Object[] kind : kinds) {
        byte[] zip = (byte[]) kind[0];
        Path file = Files.write(dir.resolve(kind[1] + ".zip"), zip);
        for (Report report : List.of(PackageVerifier.verify(file), verify(zip))) {
          assertEquals(List.of(), report.problems());
          assertTrue(report.ok());
          assertEquals(kind[1], report.layout());
          assertEquals(kind[2], report.root());
          assertEquals(kind[3], report.files());
          long bytes = ArchiveFixtures.entries(zip).values().stream().mapToLong(b -> b.length).sum();
          assertEquals(bytes, report.bytes());
        }
      }
    }

    @Test
    @DisplayName("reads the caller's stream without closing it")
    void leavesStreamOpen() throws IOException {
      AtomicBoolean closed = new AtomicBoolean();
      InputStream in = new FilterInputStream(new ByteArrayInputStream(zipBundle())) {
        @Override
        public void close() {
          closed.set(true);
        }
      };
      assertTrue(PackageVerifier.verify(in).ok());
      assertFalse(closed.get());
    }
  }

  @Nested
  @DisplayName("tampered packages: every problem is reported with its path")
  class Tampered {

    @Test
    @DisplayName("a changed file is a mismatch")
    void changed() {
      Map<String, byte[]> entries = entries(auditorPackage());
      entries.put(ROOT + "drift-logs/drifts.csv", "changed".getBytes(StandardCharsets.UTF_8));
      Report report = verify(ArchiveFixtures.zip(entries));
      assertEquals(List.of(ROOT + "drift-logs/drifts.csv"), report.problems().stream().map(Problem::path).toList());
      assertEquals(Reason.MISMATCH, report.problems().get(0).reason());
    }

    @Test
    @DisplayName("a removed file is missing")
    void removed() {
      Map<String, byte[]> entries = entries(zipBundle());
      entries.remove("README.txt");
      Report report = verify(ArchiveFixtures.zip(entries));
      assertEquals(List.of(new Problem("README.txt", Reason.MISSING,
          "listed in manifest-sha256.txt but not in the archive")), report.problems());
    }

    @Test
    @DisplayName("an added file is extra, also inside a bag's data/ and beside its tag files")
    void added() {
      Map<String, byte[]> entries = entries(auditorPackage());
      entries.put(ROOT + "insights/notes.txt", new byte[0]);
      assertProblem(verify(ArchiveFixtures.zip(entries)), ROOT + "insights/notes.txt", Reason.EXTRA);

      for (String name : List.of(ROOT + "data/extra.json", ROOT + "extra.txt", ROOT + "tagmanifest-sha512.txt",
          ROOT + "fetch.txt", "outside.txt", ROOT + "metadata/x")) {
        Map<String, byte[]> bag = entries(bag());
        bag.put(name, "x".getBytes(StandardCharsets.UTF_8));
        Report report = verify(ArchiveFixtures.zip(bag));
        assertFalse(report.ok(), name);
        assertTrue(report.problems().stream().anyMatch(p -> p.path().equals(name)), () -> name + report.problems());
      }
    }

    @Test
    @DisplayName("a renamed file is missing under its old name and extra under its new one")
    void renamed() {
      List<Map.Entry<String, byte[]>> entries = new ArrayList<>(ArchiveFixtures.entries(zipBundle()).entrySet());
      entries.set(1, Map.entry(BUNDLE_ID + ".CSV", entries.get(1).getValue()));
      Report report = verify(ArchiveFixtures.zip(entries));
      assertProblem(report, BUNDLE_ID + ".csv", Reason.MISSING);
      assertProblem(report, BUNDLE_ID + ".CSV", Reason.EXTRA);
      assertEquals(2, report.problems().size());
    }

    @Test
    @DisplayName("a package without its manifest has no manifest")
    void noManifest() {
      Map<String, byte[]> entries = entries(auditorPackage());
      entries.remove(ROOT + "manifest-sha256.txt");
      Report report = verify(ArchiveFixtures.zip(entries));
      assertProblem(report, ROOT + "manifest-sha256.txt", Reason.NO_MANIFEST);
      assertEquals(Layout.UNKNOWN, report.layout());
    }

    @Test
    @DisplayName("manifest lines must be Export Hub's exact form: lower-case hex, two spaces, \\n ends")
    void strictManifest() {
      Map<String, byte[]> entries = entries(zipBundle());
      String manifest = ArchiveFixtures.text(entries.get("manifest-sha256.txt"));
      for (String changed : List.of(manifest.toUpperCase(java.util.Locale.ROOT).replace(".JSON", ".json")
              .replace(".CSV", ".csv").replace(".HTML", ".html").replace("README.TXT", "README.txt"),
          manifest.replaceFirst("  ", " *"), manifest.replaceFirst("  ", "\t"), manifest.replace("\n", "\r\n"),
          manifest.substring(0, manifest.length() - 1), manifest + "\n",
          manifest + manifest.lines().findFirst().orElseThrow() + "\n")) {
        entries.put("manifest-sha256.txt", changed.getBytes(StandardCharsets.UTF_8));
        Report report = verify(ArchiveFixtures.zip(entries));
        assertFalse(report.ok(), changed);
        assertTrue(report.problems().stream().anyMatch(p -> p.reason() == Reason.MALFORMED
            || p.reason() == Reason.UNSAFE_PATH), () -> changed + report.problems());
      }
    }

    @Test
    @DisplayName("a manifest line naming an unsafe path is refused, not followed")
    void unsafeManifestPath() {
      Map<String, byte[]> entries = entries(zipBundle());
      String manifest = ArchiveFixtures.text(entries.get("manifest-sha256.txt"));
      entries.put("manifest-sha256.txt", (manifest + "0".repeat(64) + "  ../../etc/passwd\n")
          .getBytes(StandardCharsets.UTF_8));
      Report report = verify(ArchiveFixtures.zip(entries));
      assertEquals(List.of(Reason.UNSAFE_PATH), report.problems().stream().map(Problem::reason).toList());
      assertEquals("manifest-sha256.txt", report.problems().get(0).path());
    }

    @Test
    @DisplayName("directory entries, duplicate names and names differing only in case are reported")
    void oddEntries() {
      List<Map.Entry<String, byte[]>> entries = new ArrayList<>(ArchiveFixtures.entries(auditorPackage()).entrySet());
      entries.add(Map.entry(ROOT + "metadata/", new byte[0]));
      entries.add(Map.entry(ROOT + "index.html", "twin".getBytes(StandardCharsets.UTF_8)));
      entries.add(Map.entry(ROOT + "INDEX.html", "twin".getBytes(StandardCharsets.UTF_8)));
      Report report = verify(ArchiveFixtures.zip(entries));
      assertProblem(report, ROOT + "metadata/", Reason.EXTRA);
      assertProblem(report, ROOT + "index.html", Reason.DUPLICATE_ENTRY);
      assertProblem(report, ROOT + "INDEX.html", Reason.DUPLICATE_ENTRY);
      assertProblem(report, ROOT + "INDEX.html", Reason.EXTRA);
    }

    @Test
    @DisplayName("a bag's wrong Payload-Oxum, missing bagit.txt and uncovered payload are reported")
    void bagDeclarations() {
      Map<String, byte[]> entries = entries(bag());
      String info = ArchiveFixtures.text(entries.get(ROOT + "bag-info.txt"));
      entries.put(ROOT + "bag-info.txt", info.replaceFirst("Payload-Oxum: \\d+", "Payload-Oxum: 1")
          .getBytes(StandardCharsets.UTF_8));
      entries.remove(ROOT + "bagit.txt");
      String sha512 = ArchiveFixtures.text(entries.get(ROOT + "manifest-sha512.txt"));
      entries.put(ROOT + "manifest-sha512.txt", sha512.lines().skip(1).map(line -> line + "\n")
          .reduce("", String::concat).getBytes(StandardCharsets.UTF_8));
      Report report = verify(ArchiveFixtures.zip(entries));
      assertEquals(Layout.BAGIT, report.layout());
      assertProblem(report, ROOT + "bag-info.txt", Reason.INVALID_BAG);
      assertProblem(report, ROOT + "bag-info.txt", Reason.MISMATCH);
      assertProblem(report, ROOT + "bagit.txt", Reason.MISSING);
      assertProblem(report, ROOT + "manifest-sha512.txt", Reason.MISMATCH);
      assertProblem(report, ROOT + "data/audit-findings/findings.json", Reason.EXTRA);
    }
  }

  @Nested
  @DisplayName("bags of other tools are checked by RFC 8493")
  class OtherBags {

    private Map<String, byte[]> bag(String manifestLineEnd, boolean upperCase, String separator) {
      byte[] payload = "hello\n".getBytes(StandardCharsets.UTF_8);
      String hash = ArchiveFixtures.sha256(payload);
      Map<String, byte[]> entries = new LinkedHashMap<>();
      entries.put("bag/bagit.txt", "BagIt-Version: 0.97\r\nTag-File-Character-Encoding: UTF-8\r\n"
          .getBytes(StandardCharsets.UTF_8));
      entries.put("bag/bag-info.txt", "Source-Organization: Elsewhere\nPayload-Oxum: 6.1\n"
          .getBytes(StandardCharsets.UTF_8));
      entries.put("bag/data/hello 100%.txt", payload);
      entries.put("bag/manifest-sha256.txt", ((upperCase ? hash.toUpperCase(java.util.Locale.ROOT) : hash) + separator
          + "data/hello 100%25.txt" + manifestLineEnd).getBytes(StandardCharsets.UTF_8));
      return entries;
    }

    @Test
    @DisplayName("upper-case hex, tabs, CRLF, percent-encoding, no tag manifest and directory entries are fine")
    void lenient() {
      Map<String, byte[]> entries = bag("\r\n", true, "\t");
      entries.put("bag/data/", new byte[0]);
      Report report = verify(ArchiveFixtures.zip(entries));
      assertEquals(List.of(), report.problems());
      assertEquals(Layout.BAGIT, report.layout());
      assertEquals("bag", report.root());
    }

    @Test
    @DisplayName("but a changed payload file, a missing one, and unsupported manifests are still problems")
    void stillChecked() {
      Map<String, byte[]> entries = bag("\n", false, " ");
      entries.put("bag/data/hello 100%.txt", "hellO\n".getBytes(StandardCharsets.UTF_8));
      entries.put("bag/tagmanifest-md5.txt", "d41d8cd98f00b204e9800998ecf8427e  bagit.txt\n"
          .getBytes(StandardCharsets.UTF_8));
      entries.put("bag/fetch.txt", "http://example.com/x 1 data/x\n".getBytes(StandardCharsets.UTF_8));
      Report report = verify(ArchiveFixtures.zip(entries));
      assertProblem(report, "bag/data/hello 100%.txt", Reason.MISMATCH);
      assertProblem(report, "bag/tagmanifest-md5.txt", Reason.UNSUPPORTED);
      assertProblem(report, "bag/fetch.txt", Reason.UNSUPPORTED);
      assertEquals(3, report.problems().size(), report.problems().toString());
    }
  }

  @Nested
  @DisplayName("unsafe archives")
  class Unsafe {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"../evil.txt", "../../../../../../tmp/evil.txt", "a/../../evil.txt", "a/b/../../../evil",
        "..", "/etc/passwd", "/evil.txt", "//server/share/evil", "C:/Windows/System32/evil.dll", "C:evil.txt",
        "c:\\evil.txt", "..\\evil.txt", "a\\..\\..\\evil.txt", "\\\\server\\share\\evil", "evil\u0000.txt",
        "evil\n.txt", "evil\r.txt", "a\tb", "evil\u007F", "evil\u0085", "./evil.txt", "a/./b", "a//b", "",
        "file.txt:stream", "x/../y", "ok/..", "dir/\u001b[31mred"})
    @DisplayName("zip-slip names are refused (the rest of the package still checks out)")
    void zipSlip(String name) {
      List<Map.Entry<String, byte[]>> entries = new ArrayList<>(ArchiveFixtures.entries(zipBundle()).entrySet());
      entries.add(2, Map.entry(name, "pwned".getBytes(StandardCharsets.UTF_8)));
      Report report = verify(ArchiveFixtures.zip(entries));
      assertEquals(List.of(Reason.UNSAFE_PATH), report.problems().stream().map(Problem::reason).toList(),
          report.problems()::toString);
      assertEquals(name, report.problems().get(0).path());
      assertEquals(5, report.files(), "the unsafe entry is never trusted");
    }

    @Test
    @DisplayName("stops at the entry limit")
    void tooManyEntries() {
      List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        entries.add(Map.entry("f" + i, new byte[0]));
      }
      Report report = verify(ArchiveFixtures.zip(entries), new Limits(10, 1 << 20));
      assertEquals(List.of(new Problem("f10", Reason.TOO_MANY_ENTRIES, "the archive has more than 10 entries")),
          report.problems());
      assertTrue(verify(zipBundle(), new Limits(5, 1 << 20)).ok(), "exactly at the limit is fine");
    }

    @Test
    @DisplayName("stops inflating a bomb at the size limit")
    void bomb() throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(out)) {
        zip.setLevel(9);
        zip.putNextEntry(new ZipEntry("zeros.bin"));
        byte[] zeros = new byte[1 << 20];
        for (int i = 0; i < 64; i++) {
          zip.write(zeros);
        }
        zip.closeEntry();
      }
      assertTrue(out.size() < 128 * 1024, "64 MiB of zeros in " + out.size() + " bytes");
      Report report = verify(out.toByteArray(), new Limits(100, 4 << 20));
      assertEquals(Reason.TOO_LARGE, report.problems().get(0).reason());
      assertEquals("zeros.bin", report.problems().get(0).path());
      assertTrue(report.bytes() <= (4 << 20) + (1 << 16), "stopped early: " + report.bytes());
      assertEquals(Layout.UNKNOWN, report.layout());
      assertThrows(IllegalArgumentException.class, () -> new Limits(0, 1));
      assertThrows(IllegalArgumentException.class, () -> new Limits(1, -1));
    }
  }

  @Nested
  @DisplayName("damaged archives")
  class Damaged {

    @Test
    @DisplayName("bytes that are no ZIP archive, and an empty archive, are corrupt")
    void notZip() {
      assertEquals(Reason.CORRUPT, verify("not a zip at all".getBytes(StandardCharsets.UTF_8)).problems().get(0)
          .reason());
      assertEquals(Reason.CORRUPT, verify(ArchiveFixtures.zip(List.of())).problems().get(0).reason());
    }

    @Test
    @DisplayName("a truncated archive is corrupt, from a stream and from a file")
    void truncated(@TempDir Path dir) throws IOException {
      byte[] zip = auditorPackage();
      byte[] cut = Arrays.copyOf(zip, zip.length / 2);
      assertTrue(verify(cut).problems(Reason.CORRUPT).size() == 1, () -> verify(cut).problems().toString());
      Path file = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(zip, zip.length - 30));
      Report report = PackageVerifier.verify(file);
      assertFalse(report.ok());
      assertFalse(report.problems(Reason.CORRUPT).isEmpty(), report.problems().toString());
    }

    @Test
    @DisplayName("a central directory that names other entries than the local headers is corrupt")
    void centralDirectoryDisagrees(@TempDir Path dir) throws IOException {
      byte[] zip = zipBundle();
      List<ArchiveReproducibilityTest.Header> headers = ArchiveReproducibilityTest.headers(zip);
      // Rename README.txt to README.txu in the central directory only: extractors would see another file.
      String central = new String(zip, StandardCharsets.ISO_8859_1);
      int at = central.lastIndexOf("README.txt");
      assertTrue(at > central.indexOf("README.txt"), "found in both headers");
      zip[at + "README.tx".length()] = 'u';
      assertEquals(5, headers.size());
      assertTrue(verify(zip).ok(), "the stream only sees the local headers");
      Report report = PackageVerifier.verify(Files.write(dir.resolve("forked.zip"), zip));
      assertEquals(List.of(Reason.CORRUPT), report.problems().stream().map(Problem::reason).toList());
      assertEquals("README.txu", report.problems().get(0).path());
    }

    @Test
    @DisplayName("a failing stream is the caller's IOException, not a report")
    void failingStream() {
      IOException failure = new IOException("network down");
      byte[] zip = zipBundle();
      InputStream in = new InputStream() {
        private int read;

        @Override
        public int read() throws IOException {
          if (read++ > 100) {
            throw failure;
          }
          return zip[read - 1] & 0xFF;
        }
      };
      assertSame(failure, assertThrows(IOException.class, () -> PackageVerifier.verify(in)));
    }
  }
}
