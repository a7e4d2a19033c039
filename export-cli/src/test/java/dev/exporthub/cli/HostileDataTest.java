package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.exporthub.api.LogEntry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile data files of the issue, through the whole command in-process: each exits 4 with one
 * line naming the file and line, writes no export, and leaves the allowed decision and an
 * {@code INVALID_DATA} error in the log. Large files are written as streams or sparse, never built in
 * memory.
 */
class HostileDataTest {

  @TempDir
  Path work;

  /** Turns a sample data directory's alerts into a hostile file. */
  @FunctionalInterface
  interface Corruption {
    void apply(Path data, List<String> alertLines) throws IOException;
  }

  static Stream<Arguments> hostileFiles() {
    return Stream.of(
        arguments("a field twice in one record", (Corruption) (data, lines) -> {
          lines.set(1, lines.get(1).replaceFirst("\\{", "{\"severity\":\"low\","));
          replaceAlerts(data, "alerts.jsonl", String.join("\n", lines));
        }, "alerts.jsonl:2", "field 'severity': appears twice"),
        arguments("[{A}]{oops in .json", (Corruption) (data, lines) ->
            replaceAlerts(data, "alerts.json", "[" + lines.get(0) + "]{oops"), "alerts.json:1", "after the JSON array"),
        arguments("[{A}] [{B}] in .json", (Corruption) (data, lines) ->
            replaceAlerts(data, "alerts.json", "[" + lines.get(0) + "] [" + lines.get(1) + "]"),
            "alerts.json:1", "after the JSON array"),
        arguments("{A}{B} on one .jsonl line", (Corruption) (data, lines) -> {
          lines.set(0, lines.get(0) + lines.get(1));
          replaceAlerts(data, "alerts.jsonl", String.join("\n", lines));
        }, "alerts.jsonl:1", "exactly one record"),
        arguments("a 100 MB .jsonl line", (Corruption) (data, lines) -> hugeLine(data.resolve("alerts.jsonl"), lines),
            "alerts.jsonl:3", "longer than 1048576 bytes"),
        arguments("a 2 GB sparse .jsonl file", (Corruption) (data, lines) -> sparse(data, "alerts.jsonl"),
            "alerts.jsonl:1", "NUL byte"),
        arguments("JSON nested 20,000 deep in .json", (Corruption) (data, lines) ->
            replaceAlerts(data, "alerts.json", "[" + lines.get(0) + ",\n" + lines.get(1).replaceFirst("\\{",
                "{\"attributes\":{\"deep\":" + "[".repeat(20_000) + "]".repeat(20_000) + "},") + "]"),
            "alerts.json:2", "nests deeper than 101 levels"),
        arguments("invalid UTF-8 in .jsonl", (Corruption) (data, lines) -> {
          byte[] bytes = (String.join("\n", lines.subList(0, 3)) + "\n{\"alertId\":\"AL-\u00e9").getBytes(StandardCharsets.UTF_8);
          bytes[bytes.length - 1] = '(';
          replaceAlerts(data, "alerts.jsonl", bytes);
        }, "alerts.jsonl:4", "is not valid UTF-8"),
        arguments("a BOM in .jsonl", (Corruption) (data, lines) ->
            replaceAlerts(data, "alerts.jsonl", "\uFEFF" + String.join("\n", lines)), "alerts.jsonl:1", "byte order mark"),
        arguments("2 GB of NUL bytes as .json", (Corruption) (data, lines) -> sparse(data, "alerts.json"),
            "alerts.json:1", "NUL byte"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileFiles")
  @DisplayName("a hostile data file exits 4, names file and line, writes nothing and logs decision and INVALID_DATA")
  void exitsFourNamingFileAndLine(String name, Corruption corruption, String location, String problem)
      throws IOException {
    Path data = Fixtures.sampleData(work.resolve("data"));
    corruption.apply(data, new ArrayList<>(Files.readAllLines(data.resolve("alerts.jsonl"))));

    Cli.Run run = Cli.run(work, "export", "--data", "data", "--category", "alert-logs", "--format", "json",
        "--out", "out.json", "--user", "alice", "--user-tenant", "tenant-1", "--now", Cli.NOW);

    assertInvalidData(run, work, location, problem);
  }

  /** Exit 4, one stderr line with file:line and the problem, no export, and the log the issue asks for. */
  static void assertInvalidData(Cli.Run run, Path work, String location, String problem) {
    assertEquals(ExitCodes.INVALID_DATA, run.code(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().startsWith("exporthub export: " + location + " "), run::toString);
    assertTrue(run.err().contains(problem), run::toString);
    assertFalse(Files.exists(work.resolve("out.json")));
    List<LogEntry> entries = Fixtures.entries(work.resolve(LogFiles.DEFAULT_NAME));
    assertEquals(List.of("policy-decision", "error"), entries.stream().map(LogEntry::entryType).toList());
    assertTrue(assertInstanceOf(LogEntry.PolicyEvaluated.class, entries.get(0)).decision().allowed());
    LogEntry.ExportError error = assertInstanceOf(LogEntry.ExportError.class, entries.get(1));
    assertEquals("INVALID_DATA", error.error().errorCode());
    assertTrue(error.error().message().contains(location), error.error()::message);
  }

  /** Replaces the sample's alerts.jsonl with a file of this name and content. */
  static void replaceAlerts(Path data, String name, String content) throws IOException {
    replaceAlerts(data, name, content.getBytes(StandardCharsets.UTF_8));
  }

  static void replaceAlerts(Path data, String name, byte[] content) throws IOException {
    Files.delete(data.resolve("alerts.jsonl"));
    Files.write(data.resolve(name), content);
  }

  /** Two sample lines, then one line of over 100 MB, then the rest, written through a small buffer. */
  static void hugeLine(Path file, List<String> lines) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'A');
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      out.write((lines.get(0) + "\n" + lines.get(1) + "\n{\"alertId\":\"").getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < (100 << 20) / chunk.length; i++) {
        out.write(chunk);
      }
      out.write(("\"}\n" + String.join("\n", lines.subList(2, lines.size())) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Replaces the alerts with a sparse 2 GB file of NUL bytes of this name. */
  static void sparse(Path data, String name) throws IOException {
    Files.delete(data.resolve("alerts.jsonl"));
    try (RandomAccessFile file = new RandomAccessFile(data.resolve(name).toFile(), "rw")) {
      file.setLength(2L << 30);
    }
  }
}
