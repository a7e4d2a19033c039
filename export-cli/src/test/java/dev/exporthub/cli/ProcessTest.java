package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exporthub.api.LogEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command and every exit code, run as a real {@code java} process. */
class ProcessTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path shared;

  @TempDir
  Path work;

  @BeforeAll
  static void sample() {
    Cli.Run run = Cli.process(shared, "sample", "--out", "data", "--now", Cli.NOW);
    assertEquals(0, run.code(), run::toString);
    assertTrue(Files.isRegularFile(shared.resolve("data/alerts.jsonl")));
  }

  private static List<String> exportArgs(String category, String format, String out, String... extra) {
    List<String> args = new ArrayList<>(List.of("export", "--data", shared.resolve("data").toString(),
        "--category", category, "--format", format, "--out", out, "--user", "alice", "--user-tenant", "tenant-1",
        "--now", Cli.NOW));
    args.addAll(List.of(extra));
    return args;
  }

  private Cli.Run process(List<String> args) {
    return Cli.process(work, args.toArray(String[]::new));
  }

  @Test
  @DisplayName("export exits 0 and, with --now, writes the same bytes every time; the log commands read its log")
  void exportAndLogCommands() throws IOException {
    Cli.Run first = process(exportArgs("compliance-pack", "json", "first.json", "--role", "auditor"));
    Cli.Run second = process(exportArgs("compliance-pack", "json", "second.json", "--role", "auditor"));

    assertEquals(0, first.code(), first::toString);
    assertEquals(0, second.code(), second::toString);
    assertTrue(first.out().startsWith("Exported compliance-pack as json: 3 sections, "), first::toString);
    assertArrayEquals(Files.readAllBytes(work.resolve("first.json")), Files.readAllBytes(work.resolve("second.json")));

    Cli.Run verify = Cli.process(work, "log", "verify");
    assertEquals(0, verify.code(), verify::toString);
    assertTrue(verify.out().contains("6 entries checked, 6 valid, no problems"), verify::toString);

    Cli.Run head = Cli.process(work, "log", "head");
    assertEquals(0, head.code(), head::toString);
    assertEquals(Fixtures.log(work.resolve(LogFiles.DEFAULT_NAME)).head().orElseThrow().toString(), head.out().strip());

    Cli.Run stats = Cli.process(work, "log", "stats", "--json", "--now", Cli.NOW);
    assertEquals(0, stats.code(), stats::toString);
    assertEquals(2, JSON.readTree(stats.out()).get("totalDownloads").asLong());

    Cli.Run csv = Cli.process(work, "log", "export", "--format", "csv");
    assertEquals(0, csv.code(), csv::toString);
    assertEquals(7, csv.out().lines().count());
  }

  @Test
  @DisplayName("every format: the same export with the same --now writes the same bytes against a fresh log and a used one")
  void logStateChangesNoByte() throws IOException {
    Cli.Run keygen = Cli.process(work, "keygen", "--out", "keys");
    assertEquals(0, keygen.code(), keygen::toString);
    String key = work.resolve("keys/exporthub-signing.key").toString();
    // The used log holds other users' exports, a denial and a download before the exports compared.
    Files.createDirectories(work.resolve("earlier"));
    Cli.Run other = process(exportArgs("full-operational", "json", "earlier", "--role", "admin", "--log", "used.jsonl"));
    assertEquals(0, other.code(), other::toString);
    Cli.Run denied = process(exportArgs("compliance-pack", "zip", "earlier", "--log", "used.jsonl"));
    assertEquals(3, denied.code(), denied::toString);
    for (String format : List.of("json", "csv", "html", "markdown", "zip", "auditor-package")) {
      Path fresh = Files.createDirectories(work.resolve("fresh-" + format));
      Path used = Files.createDirectories(work.resolve("used-" + format));
      Cli.Run a = process(exportArgs("compliance-pack", format, fresh.toString(), "--role", "auditor", "--permission",
          "export:bundle-formats", "--log", fresh.resolve("log.jsonl").toString(), "--sign-key", key));
      Cli.Run b = process(exportArgs("compliance-pack", format, used.toString(), "--role", "auditor", "--permission",
          "export:bundle-formats", "--log", "used.jsonl", "--sign-key", key));
      assertEquals(0, a.code(), a::toString);
      assertEquals(0, b.code(), b::toString);
      List<String> names = Fixtures.fileNames(fresh).stream().filter(n -> !n.equals("log.jsonl")).toList();
      assertEquals(names, Fixtures.fileNames(used), format);
      assertEquals(format.equals("zip") || format.equals("auditor-package") ? 1 : 2, names.size(), names::toString);
      for (String name : names) {
        assertArrayEquals(Files.readAllBytes(fresh.resolve(name)), Files.readAllBytes(used.resolve(name)),
            format + ": " + name);
      }
    }
    assertTrue(Fixtures.entries(work.resolve("used.jsonl")).size() > 12);
  }

  @Test
  @DisplayName("log verify exits 1 on a tampered log and names the entry")
  void tamperedLog() throws IOException {
    assertEquals(0, process(exportArgs("reports", "json", ".")).code());
    Path log = work.resolve(LogFiles.DEFAULT_NAME);
    List<String> lines = new ArrayList<>(Files.readAllLines(log));
    lines.set(2, lines.get(2).replace("\"downloadedBy\":\"alice\"", "\"downloadedBy\":\"mallory\""));
    Files.write(log, lines);

    Cli.Run run = Cli.process(work, "log", "verify");

    assertEquals(ExitCodes.FAILED, run.code(), run::toString);
    assertTrue(run.out().contains("entry 3: HASH_MISMATCH"), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
  }

  @Test
  @DisplayName("a denied export exits 3, writes no file and logs a policy decision")
  void denied() {
    Cli.Run run = process(exportArgs("executive-summary", "json", "out.json"));

    assertEquals(ExitCodes.DENIED, run.code(), run::toString);
    assertEquals(List.of("denied: Executive-level exports require executive permissions"), run.errLines());
    assertFalse(Files.exists(work.resolve("out.json")));
    assertEquals(List.of(LogFiles.DEFAULT_NAME), Fixtures.fileNames(work));
    LogEntry.PolicyEvaluated decision =
        (LogEntry.PolicyEvaluated) Fixtures.entries(work.resolve(LogFiles.DEFAULT_NAME)).get(0);
    assertFalse(decision.decision().allowed());
  }

  @Test
  @DisplayName("an invalid request exits 2")
  void invalidRequest() {
    Cli.Run run = process(exportArgs("compliance", "json", "out.json"));

    assertEquals(ExitCodes.USAGE, run.code(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().contains("Unknown export category 'compliance'"), run::toString);
  }

  @Test
  @DisplayName("a malformed data file exits 4 and names the file and line")
  void malformedData() throws IOException {
    Path data = Fixtures.sampleData(work.resolve("data"));
    List<String> lines = new ArrayList<>(Files.readAllLines(data.resolve("insights.jsonl")));
    lines.set(4, "{not json");
    Files.write(data.resolve("insights.jsonl"), lines);

    Cli.Run run = Cli.process(work, "export", "--data", "data", "--category", "insights", "--format", "json",
        "--out", "out.json", "--user", "alice", "--user-tenant", "tenant-1");

    assertEquals(ExitCodes.INVALID_DATA, run.code(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().contains("insights.jsonl:5"), run::toString);
    assertFalse(Files.exists(work.resolve("out.json")));
  }

  @Test
  @DisplayName("verify exits 0 on an intact package, 1 on a damaged one, 2 on a file that is not a package")
  void verify() throws IOException {
    assertEquals(0, process(exportArgs("reports", "json", "reports.json")).code());
    assertEquals(0, process(exportArgs("reports", "auditor-package", "reports.zip",
        "--permission", "export:bundle-formats")).code());
    byte[] zip = Files.readAllBytes(work.resolve("reports.zip"));
    byte[] damaged = zip.clone();
    int at = indexOf(damaged, "README.md".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    damaged[at] = 'X';
    Files.write(work.resolve("damaged.zip"), damaged);

    Cli.Run intact = Cli.process(work, "verify", "reports.zip");
    Cli.Run broken = Cli.process(work, "verify", "damaged.zip");
    Cli.Run notAPackage = Cli.process(work, "verify", "reports.json");

    assertEquals(0, intact.code(), intact::toString);
    assertTrue(intact.out().startsWith("OK " + work.resolve("reports.zip") + ": auditor package"), intact::toString);
    assertEquals(ExitCodes.FAILED, broken.code(), broken::toString);
    assertEquals(1, broken.errLines().size(), broken::toString);
    assertEquals(ExitCodes.USAGE, notAPackage.code(), notAPackage::toString);
    assertTrue(notAPackage.err().contains("is not an export package"), notAPackage::toString);
  }

  private static int indexOf(byte[] bytes, byte[] wanted) {
    outer:
    for (int i = 0; i + wanted.length <= bytes.length; i++) {
      for (int j = 0; j < wanted.length; j++) {
        if (bytes[i + j] != wanted[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  @DisplayName("any other failure exits 1: here, the head of an empty log")
  void otherFailure() throws IOException {
    Files.createFile(work.resolve("empty.jsonl"));

    Cli.Run run = Cli.process(work, "log", "head", "--log", "empty.jsonl");

    assertEquals(ExitCodes.FAILED, run.code(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
  }

  @Test
  @DisplayName("demo exits 0, writes every category in every format, and keeps its log in its directory")
  void demo() throws IOException {
    Cli.Run run = Cli.process(work, "demo");

    assertEquals(0, run.code(), run::toString);
    assertEquals("", run.err());
    Path out = work.resolve("demo-out");
    assertTrue(Fixtures.log(out.resolve(LogFiles.DEFAULT_NAME)).verify().valid());
    JsonNode bundle = JSON.readTree(Files.list(out.resolve("exports/full-operational"))
        .filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow().toFile());
    assertEquals(10, bundle.get("sections").size());
    assertFalse(Files.exists(work.resolve(LogFiles.DEFAULT_NAME)));
  }

  @Test
  @DisplayName("with the same --now, two users' exports never share an exportId, as real processes")
  void idsDifferByUser() throws IOException {
    Cli.Run alice = process(exportArgs("audit-findings", "json", "alice.json"));
    List<String> bobArgs = exportArgs("audit-findings", "json", "bob.json");
    bobArgs.set(bobArgs.indexOf("alice"), "bob");
    Cli.Run bob = process(bobArgs);
    assertEquals(0, alice.code(), alice::toString);
    assertEquals(0, bob.code(), bob::toString);
    String a = JSON.readTree(work.resolve("alice.json").toFile()).get("exportId").asText();
    String b = JSON.readTree(work.resolve("bob.json").toFile()).get("exportId").asText();
    assertTrue(!a.equals(b), a);
  }
}
