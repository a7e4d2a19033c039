package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.LogEntry;
import dev.exporthub.core.ExportHub;
import dev.exporthub.samples.SampleData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @TempDir
  Path work;

  /** The format ids the hub discovers on this class path: the demo must use them all. */
  private static List<String> formatIds() {
    return ExportHub.builder().dataSource(SampleData.defaults()).build().formats().stream()
        .map(d -> d.format().id()).toList();
  }

  private static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(path).toString(), Files.readAllBytes(path));
      }
    }
    return files;
  }

  @Test
  @DisplayName("demo exports every category in every format, prints a row for each, and verifies the log")
  void exportsEverything() throws IOException {
    Cli.Run run = Cli.run(work, "demo", "--out", "demo");

    assertEquals(0, run.code(), run::toString);
    Path out = work.resolve("demo");
    List<String> formats = formatIds();
    List<String> rows = run.out().lines().filter(line -> line.matches("  [a-z-]+ +[a-z-]+ +\\d+ +\\d+  exports/.*"))
        .toList();
    assertEquals(ExportCategory.values().length * formats.size(), rows.size(), run::toString);
    for (ExportCategory category : ExportCategory.values()) {
      for (String format : formats) {
        assertTrue(rows.stream().anyMatch(row -> row.matches("  " + category.id() + " +" + format + " .*")),
            category.id() + " " + format);
      }
    }
    for (String row : rows) {
      String[] cells = row.strip().split(" +");
      Path file = out.resolve(cells[4]);
      assertEquals(Long.parseLong(cells[3]), Files.size(file), row);
    }
    assertTrue(run.out().contains("Exports      " + out.resolve("exports") + " (" + rows.size() + " files)"),
        run::toString);
    assertTrue(run.out().contains("Sample data  " + out.resolve("data")), run::toString);

    List<LogEntry> entries = Fixtures.entries(out.resolve(LogFiles.DEFAULT_NAME));
    assertEquals(3 * rows.size(), entries.size());
    assertTrue(run.out().contains(entries.size() + " entries checked, " + entries.size() + " valid, no problems"),
        run::toString);
    assertTrue(entries.stream().allMatch(e -> e.userId().equals(DemoCommand.USER)));
  }

  @Test
  @DisplayName("demo signs every export with a key it generates, and verifies every signature")
  void signsEverything() throws IOException {
    Cli.Run run = Cli.run(work, "demo", "--out", "demo");
    assertEquals(0, run.code(), run::toString);
    Path out = work.resolve("demo");
    assertTrue(Files.isRegularFile(out.resolve("exporthub-signing.key")));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(out.resolve("exporthub-signing.key"))));
    int exports = ExportCategory.values().length * formatIds().size();
    assertTrue(run.out().contains("Signatures   " + exports + " verified with key "), run::toString);
    long sigs;
    try (Stream<Path> files = Files.walk(out.resolve("exports"))) {
      sigs = files.filter(p -> p.toString().endsWith(".sig")).count();
    }
    // Single-file formats (JSON, CSV, HTML, Markdown and the plugins') get a detached signature; the
    // archives carry theirs inside.
    long singleFile = ExportHub.builder().dataSource(SampleData.defaults()).build().formats().stream()
        .filter(d -> !d.multiFile()).count();
    assertEquals(ExportCategory.values().length * singleFile, sigs, "one .sig per single-file export");
    List<LogEntry.ExportGenerated> generated = Fixtures.entries(out.resolve(LogFiles.DEFAULT_NAME)).stream()
        .filter(LogEntry.ExportGenerated.class::isInstance).map(LogEntry.ExportGenerated.class::cast).toList();
    assertTrue(generated.stream().allMatch(e -> e.export().signature() != null));
    Cli.Run verify = Cli.run(work, "verify", out.resolve("exports/compliance-pack").resolve(
        Fixtures.fileNames(out.resolve("exports/compliance-pack")).get(0)).toString(), "--public-key",
        out.resolve("exporthub-signing.pub").toString());
    assertEquals(0, verify.code(), verify::toString);
  }

  @Test
  @DisplayName("demo writes the same files every time it starts from a directory holding only its key, its log included")
  void deterministic() throws IOException {
    assertEquals(0, Cli.run(work, "demo", "--out", "a").code());
    Files.createDirectories(work.resolve("b"));
    for (String key : List.of("exporthub-signing.key", "exporthub-signing.pub")) {
      Files.copy(work.resolve("a").resolve(key), work.resolve("b").resolve(key),
          java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }
    assertEquals(0, Cli.run(work, "demo", "--out", "b").code());

    Map<String, byte[]> first = files(work.resolve("a"));
    Map<String, byte[]> second = files(work.resolve("b"));
    assertEquals(first.keySet(), second.keySet());
    first.forEach((name, bytes) -> assertArrayEquals(bytes, second.get(name), name));
  }

  @Test
  @DisplayName("a second demo in one directory rewrites the same exports and appends to the log, which still verifies")
  void rerun() throws IOException {
    assertEquals(0, Cli.run(work, "demo").code());
    Path out = work.resolve("demo-out");
    Map<String, byte[]> first = files(out.resolve("exports"));
    long entries = Fixtures.entries(out.resolve(LogFiles.DEFAULT_NAME)).size();

    Cli.Run again = Cli.run(work, "demo");

    assertEquals(0, again.code(), again::toString);
    Map<String, byte[]> second = files(out.resolve("exports"));
    assertEquals(first.keySet(), second.keySet());
    // Nothing in any export depends on the log, which is twice as long now: every byte is the same.
    first.forEach((name, bytes) -> assertArrayEquals(bytes, second.get(name), name));
    assertEquals(2 * entries, Fixtures.entries(out.resolve(LogFiles.DEFAULT_NAME)).size());
    assertTrue(again.out().contains((2 * entries) + " entries checked, " + (2 * entries) + " valid, no problems"),
        again::toString);
  }
}
