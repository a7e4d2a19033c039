package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path shared;

  private static Path data;

  @TempDir
  Path work;

  private Path log;

  @BeforeAll
  static void writeSampleData() {
    data = Fixtures.sampleData(shared.resolve("data"));
  }

  /** A log of 7 entries: two completed exports (3 entries each) and one denial. */
  @BeforeEach
  void writeLog() {
    export("reports", "--role", "auditor");
    export("compliance-pack", "--role", "auditor");
    export("compliance-pack");
    log = work.resolve(LogFiles.DEFAULT_NAME);
  }

  private void export(String category, String... extra) {
    List<String> args = new ArrayList<>(List.of("export", "--data", data.toString(), "--category", category,
        "--format", "json", "--out", work.toString(), "--user", "alice", "--user-tenant", "tenant-1",
        "--now", Cli.NOW));
    args.addAll(List.of(extra));
    Cli.run(work, args.toArray(String[]::new));
  }

  private void rewriteLine(int index, String from, String to) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(log));
    assertTrue(lines.get(index).contains(from));
    lines.set(index, lines.get(index).replace(from, to));
    Files.write(log, lines);
  }

  @Test
  @DisplayName("log verify exits 0 on an intact log")
  void verifiesIntactLog() {
    Cli.Run run = Cli.run(work, "log", "verify");

    assertEquals(0, run.code(), run::toString);
    assertEquals("OK " + log + ": 7 entries checked, 7 valid, no problems", run.out().strip());
    assertEquals("", run.err());
  }

  @Test
  @DisplayName("log verify exits 1 on a tampered log and names the entry")
  void tamperedEntry() throws IOException {
    rewriteLine(1, "\"itemsIncluded\":", "\"itemsIncluded\":1");

    Cli.Run run = Cli.run(work, "log", "verify", "--log", log.toString());

    assertEquals(ExitCodes.FAILED, run.code(), run::toString);
    assertTrue(run.out().contains("entry 2: HASH_MISMATCH"), run::toString);
    assertEquals(List.of("exporthub log verify: the export log " + log + " does not verify: "
        + "7 entries checked, 6 valid, 1 problem (HASH_MISMATCH 1)"), run.errLines());
  }

  @Test
  @DisplayName("log verify names a deleted entry as missing")
  void deletedEntry() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(log));
    lines.remove(3);
    Files.write(log, lines);

    Cli.Run run = Cli.run(work, "log", "verify");

    assertEquals(ExitCodes.FAILED, run.code(), run::toString);
    assertTrue(run.out().contains("entry 4: MISSING"), run::toString);
  }

  @Test
  @DisplayName("log head prints SEQ:HASH of the newest entry; log verify --checkpoint finds a log cut back behind it")
  void headAndCheckpoint() throws IOException {
    Cli.Run head = Cli.run(work, "log", "head");
    String checkpoint = head.out().strip();

    assertEquals(0, head.code(), head::toString);
    assertEquals(Fixtures.log(log).head().orElseThrow().toString(), checkpoint);
    assertTrue(checkpoint.matches("7:[0-9a-f]{64}"), checkpoint);

    export("reports", "--role", "auditor");
    Cli.Run later = Cli.run(work, "log", "verify", "--checkpoint", checkpoint);
    assertEquals(0, later.code(), later::toString);
    assertTrue(later.out().contains("checkpoint " + checkpoint + " is in the log, unchanged"), later::toString);

    List<String> lines = Files.readAllLines(log);
    Files.write(log, lines.subList(0, 4));
    Cli.Run truncated = Cli.run(work, "log", "verify", "--checkpoint", checkpoint);
    assertEquals(ExitCodes.FAILED, truncated.code(), truncated::toString);
    assertTrue(truncated.out().contains("entry 7: TRUNCATED"), truncated::toString);
  }

  @Test
  @DisplayName("a malformed --checkpoint is a usage error")
  void malformedCheckpoint() {
    Cli.Run run = Cli.run(work, "log", "verify", "--checkpoint", "seven");

    assertEquals(ExitCodes.USAGE, run.code(), run::toString);
    assertTrue(run.err().contains("A checkpoint looks like SEQ:HASH"), run::toString);
  }

  @Test
  @DisplayName("log commands read the file without changing it, an unfinished last line included")
  void readOnly() throws IOException {
    Files.writeString(log, "{\"schemaVersion\":1,\"seq", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    byte[] before = Files.readAllBytes(log);

    Cli.Run verify = Cli.run(work, "log", "verify");
    Cli.Run stats = Cli.run(work, "log", "stats");

    assertEquals(ExitCodes.FAILED, verify.code(), verify::toString);
    assertTrue(verify.out().contains("entry 8: MALFORMED"), verify::toString);
    assertEquals(0, stats.code(), stats::toString);
    assertArrayEquals(before, Files.readAllBytes(log));
  }

  @Test
  @DisplayName("a missing log is a usage error for every log command, and is not created")
  void missingLog() {
    for (String command : List.of("verify", "head", "stats")) {
      Cli.Run run = Cli.run(work, "log", command, "--log", "absent.jsonl");
      assertEquals(ExitCodes.USAGE, run.code(), run::toString);
      assertTrue(run.err().contains("there is no export log at " + work.resolve("absent.jsonl")), run::toString);
    }
    assertEquals(ExitCodes.USAGE, Cli.run(work, "log", "export", "--format", "json", "--log", "absent.jsonl").code());
    assertTrue(Files.notExists(work.resolve("absent.jsonl")));
  }

  @Test
  @DisplayName("log head of an empty log exits 1")
  void emptyHead() throws IOException {
    Files.writeString(work.resolve("empty.jsonl"), "");

    Cli.Run run = Cli.run(work, "log", "head", "--log", "empty.jsonl");

    assertEquals(ExitCodes.FAILED, run.code(), run::toString);
    assertTrue(run.err().contains("is empty: it has no head"), run::toString);
  }

  @Test
  @DisplayName("log stats --json gives the statistics with the record's keys; --now sets the trend windows")
  void statsJson() throws IOException {
    Cli.Run run = Cli.run(work, "log", "stats", "--now", Cli.NOW, "--json");

    assertEquals(0, run.code(), run::toString);
    JsonNode stats = JSON.readTree(run.out());
    List<String> keys = new ArrayList<>();
    stats.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("totalExports", "totalDownloads", "byCategory", "byTenant", "byFormat",
        "averageGenerationTimeMs", "averageSizeBytes", "dataSourcesUsed", "trends"), keys);
    assertEquals(2, stats.get("totalExports").asLong());
    assertEquals(2, stats.get("totalDownloads").asLong());
    assertEquals(14, stats.get("byCategory").size());
    assertEquals(1, stats.at("/byCategory/compliance-pack").asLong());
    assertEquals(2, stats.at("/byFormat/json").asLong());
    assertEquals(2, stats.at("/byTenant/tenant-1").asLong());
    assertEquals("+100.0%", stats.at("/trends/exportsChange").asText());

    Cli.Run later = Cli.run(work, "log", "stats", "--now", "2026-01-16T13:00:00Z", "--json");
    assertEquals("-100.0%", JSON.readTree(later.out()).at("/trends/exportsChange").asText());
  }

  @Test
  @DisplayName("log stats prints a table")
  void statsText() {
    Cli.Run run = Cli.run(work, "log", "stats", "--now", Cli.NOW);

    assertEquals(0, run.code(), run::toString);
    List<String> lines = run.out().lines().toList();
    assertEquals("Exports       2  (24h trend +100.0%)", lines.get(0));
    assertEquals("Downloads     2  (24h trend +100.0%)", lines.get(1));
    assertTrue(lines.contains("  compliance-pack       1"), run::toString);
    assertTrue(lines.contains("  tenant-1  2"), run::toString);
  }

  @Test
  @DisplayName("log export --format json writes every entry exactly as stored")
  void exportJson() throws IOException {
    Cli.Run run = Cli.run(work, "log", "export", "--format", "json");

    assertEquals(0, run.code(), run::toString);
    JsonNode array = JSON.readTree(run.out());
    List<String> lines = Files.readAllLines(log);
    assertEquals(lines.size(), array.size());
    for (int i = 0; i < lines.size(); i++) {
      assertEquals(JSON.readTree(lines.get(i)), array.get(i));
    }
  }

  @Test
  @DisplayName("log export --format csv --out FILE writes a header and a row per entry to the file")
  void exportCsvToFile() throws IOException {
    Cli.Run run = Cli.run(work, "log", "export", "--format", "CSV", "--out", "log.csv");

    assertEquals(0, run.code(), run::toString);
    List<String> rows = Files.readAllLines(work.resolve("log.csv"));
    assertEquals(8, rows.size());
    assertTrue(rows.get(0).startsWith("\"sequence\",\"timestamp\",\"entryType\""), rows.get(0));
    assertEquals("wrote " + work.resolve("log.csv"), run.out().strip());
  }

  @Test
  @DisplayName("log export of an unknown format is a usage error")
  void exportUnknownFormat() {
    Cli.Run run = Cli.run(work, "log", "export", "--format", "xml");

    assertEquals(ExitCodes.USAGE, run.code(), run::toString);
    assertEquals(List.of("exporthub log export: --format must be json or csv, was 'xml'"), run.errLines());
  }

  @Test
  @DisplayName("an export to a log that does not verify goes ahead with a one-line warning")
  void exportWarnsOnTamperedLog() throws IOException {
    int last = Files.readAllLines(log).size() - 1;
    rewriteLine(last, "alice", "mallory");

    List<String> args = List.of("export", "--data", data.toString(), "--category", "reports", "--format", "json",
        "--out", work.toString(), "--user", "alice", "--user-tenant", "tenant-1");
    Cli.Run run = Cli.run(work, args.toArray(String[]::new));

    assertEquals(0, run.code(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().startsWith("warning: the export log " + log + ": its last line, entry " + (last + 1)
        + ", does not match its hash"), run::toString);
    // Opening checks the tail only; an entry changed further back is found by 'log verify'.
    rewriteLine(0, "alice", "mallory");
    assertEquals(List.of(), Cli.run(work, args.toArray(String[]::new)).errLines().stream()
        .filter(line -> line.contains("entry 1,")).toList());
    assertEquals(ExitCodes.FAILED, Cli.run(work, "log", "verify").code());
  }

  private Cli.Run exportWithLog(Path logFile) {
    return Cli.run(work, "export", "--data", data.toString(), "--category", "reports", "--format", "json",
        "--out", work.resolve("out").toString(), "--user", "alice", "--user-tenant", "tenant-1", "--role", "auditor",
        "--now", Cli.NOW, "--log", logFile.toString());
  }

  @Test
  @DisplayName("export --log <a data file> exits 2 with one line, and the file keeps its bytes and mtime")
  void exportRefusesADataFileAsTheLog() throws IOException {
    Path ownData = Fixtures.sampleData(work.resolve("own-data"));
    Path records = ownData.resolve("alerts.jsonl");
    Path array = Files.writeString(work.resolve("tasks.json"), "[\n  {\"taskId\": \"T-1\"}\n]\n");
    Files.createDirectories(work.resolve("out"));
    for (Path dataFile : List.of(records, array)) {
      FileTime longAgo = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
      Files.setLastModifiedTime(dataFile, longAgo);
      byte[] before = Files.readAllBytes(dataFile);

      Cli.Run run = exportWithLog(dataFile);

      assertEquals(ExitCodes.USAGE, run.code(), run::toString);
      assertEquals(1, run.errLines().size(), run::toString);
      assertTrue(run.err().startsWith("exporthub export: The file " + dataFile.toRealPath() + " is not an export log"),
          run::toString);
      assertArrayEquals(before, Files.readAllBytes(dataFile));
      assertEquals(longAgo, Files.getLastModifiedTime(dataFile));
      assertEquals(List.of(), Fixtures.fileNames(work.resolve("out")), "nothing exported");
    }
    assertEquals(List.of("alerts.jsonl"),
        Fixtures.fileNames(ownData).stream().filter(n -> n.startsWith("alerts")).toList(), "no side file beside it");
  }

  @Test
  @DisplayName("export to a log whose last line is complete but malformed exits 1 before exporting, naming the "
      + "file, the line and what to do; the log is unchanged")
  void exportRefusesToAppendAfterAMalformedLastLine() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(log));
    String last = lines.get(6);
    lines.set(6, last.substring(0, last.indexOf(",\"hash\":")) + "}");
    Files.write(log, lines);
    byte[] before = Files.readAllBytes(log);
    Files.createDirectories(work.resolve("out"));

    Cli.Run run = exportWithLog(log);

    assertEquals(ExitCodes.FAILED, run.code(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().startsWith("exporthub export: Not appending to the export log " + log.toRealPath()
        + ": its last line, line 7, is not a well-formed log entry"), run::toString);
    assertTrue(run.err().contains("restore line 7 from a trusted copy; run 'exporthub log verify --log " + log + "'"),
        run::toString);
    assertArrayEquals(before, Files.readAllBytes(log));
    assertEquals(List.of(), Fixtures.fileNames(work.resolve("out")), "nothing exported");

    Cli.Run verify = Cli.run(work, "log", "verify");
    assertTrue(verify.out().contains("entry 7: MALFORMED"), verify::toString);
  }

  @Test
  @DisplayName("export to a log with a torn last line warns, naming the side file that keeps its bytes, and goes on")
  void exportKeepsATornLastLine() throws IOException {
    String torn = "{\"schemaVersion\":1,\"sequence\":8,\"entryT";
    Files.writeString(log, torn, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    Path side = log.resolveSibling(LogFiles.DEFAULT_NAME + ".torn-1");
    Files.createDirectories(work.resolve("out"));

    Cli.Run run = exportWithLog(log);

    assertEquals(0, run.code(), run::toString);
    assertEquals(List.of("warning: cut an unfinished last line off the export log " + log + "; its bytes are kept in "
        + side.toRealPath()), run.errLines());
    assertEquals(torn, Files.readString(side));
    assertEquals(10, Fixtures.entries(log).size());
    assertTrue(Fixtures.log(log).verify().valid());
  }
}
