package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exporthub.api.LogEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path shared;

  private static Path data;

  @TempDir
  Path work;

  @BeforeAll
  static void writeSampleData() {
    data = Fixtures.sampleData(shared.resolve("data"));
  }

  /** {@code export} as alice of tenant-1 into the working directory, with the given options added. */
  private Cli.Run export(String category, String format, String... extra) {
    List<String> args = new ArrayList<>(List.of("export", "--data", data.toString(), "--category", category,
        "--format", format, "--out", work.toString(), "--user", "alice", "--user-tenant", "tenant-1"));
    args.addAll(Arrays.asList(extra));
    return Cli.run(work, args.toArray(String[]::new));
  }

  private Path logFile() {
    return work.resolve(LogFiles.DEFAULT_NAME);
  }

  private List<String> exportedFiles() {
    return Fixtures.fileNames(work).stream().filter(name -> !name.equals(LogFiles.DEFAULT_NAME)).toList();
  }

  @Test
  @DisplayName("writes {bundleId}.{ext} into an existing directory and logs decision, generated and downloaded")
  void writesIntoDirectory() throws IOException {
    Cli.Run run = export("compliance-pack", "json", "--role", "auditor", "--now", Cli.NOW);

    assertEquals(0, run.code(), run::toString);
    List<String> files = exportedFiles();
    assertEquals(1, files.size(), files::toString);
    String name = files.get(0);
    assertTrue(name.matches("EXP-[0-9a-f]{16}\\.json"), name);
    JsonNode bundle = JSON.readTree(work.resolve(name).toFile());
    assertEquals(name.replace(".json", ""), bundle.get("bundleId").asText());
    assertTrue(run.out().contains(work.resolve(name).toString()), run::toString);
    assertEquals("", run.err());

    List<LogEntry> entries = Fixtures.entries(logFile());
    assertEquals(List.of("policy-decision", "export-generated", "export-downloaded"),
        entries.stream().map(LogEntry::entryType).toList());
    LogEntry.ExportDownloaded downloaded = assertInstanceOf(LogEntry.ExportDownloaded.class, entries.get(2));
    assertEquals(name, downloaded.download().filename());
    assertEquals(Files.size(work.resolve(name)), downloaded.download().sizeBytes());
    assertEquals("alice", downloaded.downloadedBy());
    assertEquals("tenant-1", downloaded.tenantId());
    assertTrue(Fixtures.log(logFile()).verify().valid());
  }

  @Test
  @DisplayName("--out names a file: the export is written there, and nothing else is left behind")
  void writesNamedFile() {
    Path out = work.resolve("pack.csv");
    Cli.Run run = Cli.run(work, "export", "--data", data.toString(), "--category", "audit-findings",
        "--format", "csv", "--out", "pack.csv", "--user", "alice", "--user-tenant", "tenant-1");

    assertEquals(0, run.code(), run::toString);
    assertTrue(Files.isRegularFile(out));
    assertEquals(List.of(LogFiles.DEFAULT_NAME, "pack.csv"), Fixtures.fileNames(work));
    LogEntry.ExportDownloaded downloaded = (LogEntry.ExportDownloaded) Fixtures.entries(logFile()).get(2);
    assertEquals("pack.csv", downloaded.download().filename());
  }

  @Test
  @DisplayName("the same export twice with --now gives identical files, exportId included")
  void deterministicWithNow() throws IOException {
    String[] options = {"--role", "executive", "--now", Cli.NOW};
    List<String> args = new ArrayList<>(List.of("export", "--data", data.toString(), "--category",
        "full-operational", "--format", "json", "--user", "alice", "--user-tenant", "tenant-1"));
    args.addAll(List.of(options));
    List<String> first = new ArrayList<>(args);
    first.addAll(List.of("--out", "first.json"));
    List<String> second = new ArrayList<>(args);
    second.addAll(List.of("--out", "second.json"));

    assertEquals(0, Cli.run(work, first.toArray(String[]::new)).code());
    assertEquals(0, Cli.run(work, second.toArray(String[]::new)).code());

    byte[] a = Files.readAllBytes(work.resolve("first.json"));
    byte[] b = Files.readAllBytes(work.resolve("second.json"));
    assertArrayEquals(a, b);
    JsonNode bundle = JSON.readTree(a);
    assertEquals(Cli.NOW, bundle.at("/metadata/generatedAt").asText());
    assertTrue(bundle.at("/metadata/totalItems").asLong() > 0);
  }

  @Test
  @DisplayName("with the same --now, two users' exports and two requests never share an exportId or queryId")
  void idsAreTheExportsOwn() throws IOException {
    List<String> exportIds = new ArrayList<>();
    for (String[] run : List.of(new String[] {"alice", "audit-findings"}, new String[] {"bob", "audit-findings"},
        new String[] {"alice", "alert-logs"})) {
      Path out = work.resolve(run[0] + "-" + run[1] + ".json");
      assertEquals(0, Cli.run(work, "export", "--data", data.toString(), "--category", run[1], "--format", "json",
          "--out", out.toString(), "--user", run[0], "--user-tenant", "tenant-1", "--now", Cli.NOW).code());
      exportIds.add(JSON.readTree(Files.readAllBytes(out)).get("exportId").asText());
    }
    assertEquals(3, new java.util.HashSet<>(exportIds).size(), exportIds::toString);
    List<String> queryIds = Fixtures.entries(logFile()).stream()
        .filter(LogEntry.PolicyEvaluated.class::isInstance)
        .map(e -> ((LogEntry.PolicyEvaluated) e).decision().queryId()).toList();
    assertEquals(3, queryIds.size());
    assertEquals(3, new java.util.HashSet<>(queryIds).size(), queryIds::toString);
  }

  @Test
  @DisplayName("a denied export exits 3, prints each violation on its own line, writes no file, logs one decision")
  void denied() {
    Cli.Run run = export("full-operational", "json", "--tenant", "tenant-2", "--now", Cli.NOW);

    assertEquals(ExitCodes.DENIED, run.code(), run::toString);
    assertEquals(List.of("denied: Cross-tenant export access denied",
        "denied: Executive-level exports require executive permissions"), run.errLines());
    assertEquals("", run.out());
    assertEquals(List.of(), exportedFiles());
    List<LogEntry> entries = Fixtures.entries(logFile());
    assertEquals(1, entries.size());
    LogEntry.PolicyEvaluated decision = assertInstanceOf(LogEntry.PolicyEvaluated.class, entries.get(0));
    assertFalse(decision.decision().allowed());
    assertEquals(2, decision.decision().violations().size());
  }

  @Test
  @DisplayName("an unknown category exits 2 and is logged as one INVALID_REQUEST error")
  void unknownCategory() {
    Cli.Run run = export("no-such-category", "json");

    assertEquals(ExitCodes.USAGE, run.code(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().startsWith("exporthub export: Unknown export category 'no-such-category'"), run::toString);
    LogEntry.ExportError error = assertInstanceOf(LogEntry.ExportError.class, Fixtures.entries(logFile()).get(0));
    assertEquals("INVALID_REQUEST", error.error().errorCode());
    assertEquals("no-such-category", error.error().details().get("category"));
    assertEquals("alice", error.userId());
    assertEquals(1, Fixtures.entries(logFile()).size());
    assertEquals(List.of(), exportedFiles());
  }

  @Test
  @DisplayName("an unknown format exits 2 and is logged once, by the hub, naming the formats there are")
  void unknownFormat() {
    Cli.Run run = export("reports", "xlsx");

    assertEquals(ExitCodes.USAGE, run.code(), run::toString);
    assertTrue(run.err().contains("Unknown export format 'xlsx'; available: "), run::toString);
    List<LogEntry> entries = Fixtures.entries(logFile());
    assertEquals(1, entries.size());
    assertEquals("INVALID_REQUEST", ((LogEntry.ExportError) entries.get(0)).error().errorCode());
    assertEquals(List.of(), exportedFiles());
  }

  @Test
  @DisplayName("an inverted time range exits 2 and is logged as an INVALID_REQUEST error")
  void invertedRange() {
    Cli.Run run = export("reports", "json", "--from", "2026-01-10", "--to", "2026-01-01");

    assertEquals(ExitCodes.USAGE, run.code(), run::toString);
    assertTrue(run.err().contains("Time range is inverted"), run::toString);
    LogEntry.ExportError error = (LogEntry.ExportError) Fixtures.entries(logFile()).get(0);
    assertEquals("INVALID_REQUEST", error.error().errorCode());
  }

  @Test
  @DisplayName("a malformed --from is an invalid request: exit 2, logged once by the hub")
  void malformedInstant() {
    Cli.Run run = export("reports", "json", "--from", "last tuesday");

    assertEquals(ExitCodes.USAGE, run.code(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().contains("'last tuesday' is not an ISO-8601 instant"), run::toString);
    List<LogEntry> entries = Fixtures.entries(logFile());
    assertEquals(1, entries.size());
    assertEquals("INVALID_REQUEST", ((LogEntry.ExportError) entries.get(0)).error().errorCode());
  }

  @Test
  @DisplayName("a blank user exits 2 and logs nothing: there is no caller to name")
  void blankUser() {
    Cli.Run run = Cli.run(work, "export", "--data", data.toString(), "--category", "reports", "--format", "json",
        "--out", work.toString(), "--user", " ", "--user-tenant", "tenant-1");

    assertEquals(ExitCodes.USAGE, run.code(), run::toString);
    assertTrue(run.err().contains("Caller user id must not be blank"), run::toString);
    assertFalse(Files.exists(logFile()));
  }

  @Test
  @DisplayName("a malformed data file exits 4, names the file and line, writes nothing and logs the error")
  void malformedDataFile() throws IOException {
    Path broken = Fixtures.sampleData(work.resolve("broken"));
    Path alerts = broken.resolve("alerts.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(alerts));
    lines.set(2, lines.get(2).substring(0, lines.get(2).length() / 2));
    Files.write(alerts, lines);
    Path out = work.resolve("out");
    Files.createDirectory(out);

    Cli.Run run = Cli.run(work, "export", "--data", "broken", "--category", "alert-logs", "--format", "json",
        "--out", "out", "--user", "alice", "--user-tenant", "tenant-1", "--now", Cli.NOW);

    assertEquals(ExitCodes.INVALID_DATA, run.code(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().contains("alerts.jsonl:3"), run::toString);
    assertEquals(List.of(), Fixtures.fileNames(out));
    List<LogEntry> entries = Fixtures.entries(logFile());
    assertEquals(List.of("policy-decision", "error"), entries.stream().map(LogEntry::entryType).toList());
    assertEquals("INVALID_DATA", ((LogEntry.ExportError) entries.get(1)).error().errorCode());
  }

  @Test
  @DisplayName("a record with an unknown field exits 4 naming the file, line, record id and field")
  void invalidRecordField() throws IOException {
    Path broken = Fixtures.sampleData(work.resolve("broken"));
    Path reports = broken.resolve("reports.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(reports));
    String line = lines.get(0);
    lines.set(0, line.substring(0, line.length() - 1) + ",\"colour\":\"red\"}");
    Files.write(reports, lines);
    String id = JSON.readTree(line).get("reportId").asText();

    Cli.Run run = Cli.run(work, "export", "--data", "broken", "--category", "reports", "--format", "json",
        "--out", ".", "--user", "alice", "--user-tenant", "tenant-1", "--now", Cli.NOW);

    assertEquals(ExitCodes.INVALID_DATA, run.code(), run::toString);
    assertTrue(run.err().contains("reports.jsonl:1 '" + id + "' field 'colour'"), run::toString);
    assertEquals(List.of(), exportedFiles().stream().filter(n -> !n.equals("broken")).toList());
  }

  @Test
  @DisplayName("a data directory that does not exist is a usage error")
  void missingDataDirectory() {
    Cli.Run run = Cli.run(work, "export", "--data", "nowhere", "--category", "reports", "--format", "json",
        "--out", ".", "--user", "alice", "--user-tenant", "tenant-1");

    assertEquals(ExitCodes.USAGE, run.code(), run::toString);
    assertTrue(run.err().contains("the data directory " + work.resolve("nowhere") + " does not exist"), run::toString);
  }

  @Test
  @DisplayName("--out in a directory that does not exist is a usage error, found before anything is logged")
  void missingOutDirectory() {
    Cli.Run run = Cli.run(work, "export", "--data", data.toString(), "--category", "reports", "--format", "json",
        "--out", "no/such/dir/x.json", "--user", "alice", "--user-tenant", "tenant-1");

    assertEquals(ExitCodes.USAGE, run.code(), run::toString);
    assertFalse(Files.exists(logFile()));
  }

  @Test
  @DisplayName("missing required options exit 2 with one line naming them")
  void missingOptions() {
    Cli.Run run = Cli.run(work, "export", "--data", data.toString());

    assertEquals(ExitCodes.USAGE, run.code(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().contains("Missing required options"), run::toString);
    assertTrue(run.err().contains("--category"), run::toString);
  }

  @Test
  @DisplayName("--option KEY=VALUE reaches the writer")
  void optionsReachTheWriter() throws IOException {
    assertEquals(0, export("reports", "csv", "--option", "csv.bom=true", "--option", "csv.delimiter=;").code());

    byte[] bytes = Files.readAllBytes(work.resolve(exportedFiles().get(0)));
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
    String header = new String(bytes, StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
    assertTrue(header.contains(";"), header);
  }

  @Test
  @DisplayName("a policy warning is printed on stderr and the export goes ahead")
  void warnings() {
    Cli.Run run = export("reports", "json", "--from", "2025-06-01", "--to", Cli.NOW,
        "--permission", "export:long-range");

    assertEquals(0, run.code(), run::toString);
    assertEquals(List.of("warning: Long-range exports may have reduced data availability or increased generation time"),
        run.errLines());
  }

  @Test
  @DisplayName("a federation member exports their federation's tenants")
  void federationScope() throws IOException {
    Cli.Run run = export("alert-logs", "json", "--federation", "fed-north", "--user-federation", "fed-north",
        "--now", Cli.NOW);

    assertEquals(0, run.code(), run::toString);
    JsonNode bundle = JSON.readTree(work.resolve(exportedFiles().get(0)).toFile());
    assertEquals("fed-north", bundle.at("/scope/federationId").asText());
    List<String> tenants = new ArrayList<>();
    bundle.at("/sections/0/items").forEach(item -> tenants.add(item.at("/data/tenantId").asText()));
    assertTrue(tenants.containsAll(List.of("tenant-1", "tenant-2")), tenants::toString);
    assertFalse(tenants.contains("tenant-3"), tenants::toString);
  }

  @Test
  @DisplayName("progress shows items done and items/s on a terminal, and nothing off one")
  void progress() {
    Cli.Run quiet = export("real-time-metrics", "json", "--now", Cli.NOW);
    List<String> args = new ArrayList<>(List.of("export", "--data", data.toString(), "--category",
        "real-time-metrics", "--format", "json", "--out", work.toString(), "--user", "alice",
        "--user-tenant", "tenant-1", "--now", Cli.NOW));
    Cli.Run terminal = Cli.runOnTerminal(work, args.toArray(String[]::new));

    assertEquals(0, quiet.code());
    assertEquals("", quiet.err());
    assertEquals(0, terminal.code(), terminal::toString);
    assertTrue(terminal.err().matches("(?s)\rexporting: \\d+ of (\\d+) items \\(\\d+ items/s\\).*\n"), terminal::toString);
    String[] draws = terminal.err().strip().split("\r");
    assertTrue(draws[draws.length - 1].matches("exporting: (\\d+) of \\1 items \\(\\d+ items/s\\)"), terminal::toString);
  }

  @Test
  @DisplayName("an error is one line on stderr; --verbose adds its stack trace")
  void verbose() {
    Cli.Run plain = export("nope", "json");
    Cli.Run verbose = export("nope", "json", "--verbose");

    assertEquals(1, plain.errLines().size(), plain::toString);
    assertEquals(ExitCodes.USAGE, verbose.code());
    assertTrue(verbose.errLines().size() > 3, verbose::toString);
    assertTrue(verbose.err().contains("at dev.exporthub."), verbose::toString);
  }

  @Test
  @DisplayName("--log chooses the log file; it is created with its directories")
  void logOption() {
    Cli.Run run = export("reports", "json", "--log", "logs/audit.jsonl");

    assertEquals(0, run.code(), run::toString);
    assertEquals(3, Fixtures.entries(work.resolve("logs/audit.jsonl")).size());
    assertFalse(Files.exists(logFile()));
  }
}
