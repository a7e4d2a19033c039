package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

  @TempDir
  static Path shared;

  private static Path data;

  @TempDir
  Path work;

  @BeforeAll
  static void writeSampleData() {
    data = Fixtures.sampleData(shared.resolve("data"));
  }

  /** Exports compliance-pack in a format to {@code name} in the working directory. */
  private Path export(String format, String name) {
    Cli.Run run = Cli.run(work, "export", "--data", data.toString(), "--category", "compliance-pack",
        "--format", format, "--out", name, "--user", "alice", "--user-tenant", "tenant-1", "--role", "auditor",
        "--permission", "export:bundle-formats", "--now", Cli.NOW);
    assertEquals(0, run.code(), run::toString);
    return work.resolve(name);
  }

  /** Copies a ZIP archive entry by entry, changing the content of the entries whose names end with {@code suffix}. */
  private static void copyChanging(Path from, Path to, String suffix) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        if (entry.getName().endsWith(suffix)) {
          content = new String(content, StandardCharsets.UTF_8).replace("a", "b").getBytes(StandardCharsets.UTF_8);
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(content);
        out.closeEntry();
      }
    }
  }

  @Test
  @DisplayName("a ZIP bundle and an auditor package as exported verify: exit 0")
  void intactPackages() {
    Cli.Run zip = Cli.run(work, "verify", export("zip", "bundle.zip").toString());
    Cli.Run auditor = Cli.run(work, "verify", export("auditor-package", "package.zip").getFileName().toString());

    assertEquals(0, zip.code(), zip::toString);
    assertTrue(zip.out().startsWith("OK " + work.resolve("bundle.zip") + ": ZIP bundle, "), zip::toString);
    assertEquals(0, auditor.code(), auditor::toString);
    assertTrue(auditor.out().startsWith("OK " + work.resolve("package.zip") + ": auditor package, "),
        auditor::toString);
  }

  @Test
  @DisplayName("a changed file in a package: exit 1, naming the file")
  void changedFile() throws IOException {
    Path original = export("auditor-package", "package.zip");
    copyChanging(original, work.resolve("tampered.zip"), "findings.csv");

    Cli.Run run = Cli.run(work, "verify", "tampered.zip");

    assertEquals(ExitCodes.FAILED, run.code(), run::toString);
    assertTrue(run.out().lines().anyMatch(line -> line.startsWith("MISMATCH ") && line.contains("findings.csv")),
        run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().contains("does not verify"), run::toString);
  }

  @Test
  @DisplayName("a ZIP archive without a manifest does not check out: exit 1")
  void zipWithoutManifest() throws IOException {
    try (OutputStream file = Files.newOutputStream(work.resolve("plain.zip"));
        ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.putNextEntry(new ZipEntry("notes.txt"));
      zip.write("hello".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }

    Cli.Run run = Cli.run(work, "verify", "plain.zip");

    assertEquals(ExitCodes.FAILED, run.code(), run::toString);
    assertTrue(run.out().contains("NO_MANIFEST"), run::toString);
  }

  @Test
  @DisplayName("a JSON, CSV, HTML or Markdown export is not a package: exit 2")
  void notAPackage() {
    for (String format : List.of("json", "csv", "html", "markdown")) {
      Path file = export(format, "export." + format);
      Cli.Run run = Cli.run(work, "verify", file.toString());
      assertEquals(ExitCodes.USAGE, run.code(), run::toString);
      assertEquals(List.of("exporthub verify: " + file + " is not an export package: it has no manifest to verify "
          + "against (only zip and auditor-package exports carry one; give --public-key to check its signature)"),
          run.errLines());
    }
  }

  @Test
  @DisplayName("a missing file is a usage error")
  void missingFile() {
    Cli.Run run = Cli.run(work, "verify", "absent.zip");

    assertEquals(ExitCodes.USAGE, run.code(), run::toString);
    assertEquals(List.of("exporthub verify: no such file: " + work.resolve("absent.zip")), run.errLines());
  }
}
