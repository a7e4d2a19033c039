package dev.exporthub.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.LogEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The file store across processes: a killed writer loses nothing it confirmed; two writers keep one chain. */
class FileLogStoreProcessTest {

  @TempDir
  Path dir;

  @Test
  @Timeout(180)
  @DisplayName("writers killed mid-loop, three times over: every entry they confirmed is in the reopened file, "
      + "and the chain is valid")
  void killedWriter(TestReporter reporter) throws Exception {
    Path file = dir.resolve("log.jsonl");
    List<Long> confirmed = new ArrayList<>();
    for (int round = 1; round <= 3; round++) {
      String name = "crash-" + round;
      Process child = start(name, file.toString(), "-1", name);
      int before = confirmed.size();
      try {
        BufferedReader out = reader(child);
        assertEquals("ready", out.readLine(), () -> errors(name));
        String line;
        while (confirmed.size() < before + 200 && (line = out.readLine()) != null) {
          confirmed.add(Long.parseLong(line));
        }
        Thread.sleep(round * 3L); // let the kill land somewhere else each round
        // SIGKILL through the process handle: Process.destroyForcibly() would also close our end of
        // the pipe, and the numbers printed just before the kill must still be read.
        child.toHandle().destroyForcibly();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        confirmed.addAll(completeLines(out)); // printed before the kill, still in the pipe
      } finally {
        child.destroyForcibly();
      }
      assertTrue(confirmed.size() >= before + 200, () -> "the child confirmed too few: " + errors(name));

      try (FileLogStore store = FileLogStore.open(file)) {
        ExportLog log = new ExportLog(store);
        FileLogStore.OpenReport report = store.openReport();
        assertTrue(new ExportLog(store).verify().valid(), report::toString);
        assertTrue(report.tornFile() == null || Files.size(report.tornFile()) > 0, "a cut torn line is kept");
        List<LogEntry> entries = log.entries();
        for (int i = 0; i < entries.size(); i++) {
          assertEquals(i + 1L, entries.get(i).sequence());
        }
        for (int i = before; i < confirmed.size(); i++) {
          assertTrue(confirmed.get(i) > (i == 0 ? 0 : confirmed.get(i - 1)), "confirmed numbers increase");
        }
        long lastConfirmed = confirmed.get(confirmed.size() - 1);
        assertTrue(entries.size() >= lastConfirmed,
            "every confirmed entry survived: " + entries.size() + " stored, up to " + lastConfirmed + " confirmed");
        for (int i = before; i < confirmed.size(); i++) {
          assertEquals(name, entries.get((int) (confirmed.get(i) - 1)).userId(), "the entry it confirmed is its own");
        }
        assertTrue(log.verify().valid());
        assertEquals(entries.size(), store.size(), "the index counts every line");
        assertEquals(LogFixtures.lines(store).get(entries.size() - 1), store.last().orElseThrow());
        reporter.publishEntry(Map.of("round", Integer.toString(round), "confirmed", Integer.toString(confirmed.size()),
            "stored", Integer.toString(entries.size()),
            "tornLineCut", Boolean.toString(report.discardedLine() != null)));
      }
    }
  }

  @Test
  @Timeout(180)
  @DisplayName("two processes appending to one file keep one valid chain")
  void twoWriters(TestReporter reporter) throws Exception {
    writers(2, 1000, reporter);
  }

  @Test
  @Timeout(240)
  @DisplayName("four processes append 500 entries each to one file at once: 2,000 entries, no gap, one verifying chain")
  void fourWriters(TestReporter reporter) throws Exception {
    writers(4, 500, reporter);
  }

  private void writers(int writers, int each, TestReporter reporter) throws Exception {
    Path file = dir.resolve("log.jsonl");
    Path go = dir.resolve("go");
    List<String> names = new ArrayList<>();
    List<Process> children = new ArrayList<>();
    Map<String, List<Long>> confirmed = new TreeMap<>();
    try {
      for (int w = 0; w < writers; w++) {
        names.add("writer-" + w);
        children.add(start(names.get(w), file.toString(), Integer.toString(each), names.get(w), go.toString()));
      }
      List<BufferedReader> outs = children.stream().map(FileLogStoreProcessTest::reader).toList();
      for (int w = 0; w < writers; w++) {
        String name = names.get(w);
        assertEquals("ready", outs.get(w).readLine(), () -> errors(name));
      }
      Files.createFile(go);
      for (int w = 0; w < writers; w++) {
        String name = names.get(w);
        Process child = children.get(w);
        confirmed.put(name, completeLines(outs.get(w)));
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), () -> errors(name));
      }
    } finally {
      children.forEach(Process::destroyForcibly);
    }

    try (FileLogStore store = FileLogStore.open(file)) {
      assertTrue(store.openReport().intact(), () -> store.openReport().toString());
      ExportLog log = new ExportLog(store);
      List<LogEntry> entries = log.entries();
      assertEquals(writers * each, entries.size());
      Map<String, List<Long>> stored = new TreeMap<>();
      int switches = 0;
      for (int i = 0; i < entries.size(); i++) {
        LogEntry entry = entries.get(i);
        assertEquals(i + 1L, entry.sequence());
        stored.computeIfAbsent(entry.userId(), u -> new ArrayList<>()).add(entry.sequence());
        if (i > 0 && !entry.userId().equals(entries.get(i - 1).userId())) {
          switches++;
        }
      }
      assertEquals(confirmed, stored, "each process's confirmed sequence numbers are its entries in the file");
      List<String> lines = LogFixtures.lines(store);
      for (int line = 1; line <= lines.size(); line += 97) {
        assertEquals(List.of(lines.get(line - 1)), store.read(line, 1), "the shared index holds line " + line);
      }
      assertTrue(log.verify().valid());
      reporter.publishEntry("switches", Integer.toString(switches));
      assertTrue(switches > 1, "the processes' appends interleaved (" + switches + " switches)");
    }
  }

  @Test
  @Timeout(180)
  @DisplayName("a process killed while rebuilding the line index, five times over, leaves a log that opens, reads "
      + "through its index and verifies")
  void killedWhileIndexing(TestReporter reporter) throws Exception {
    Path file = dir.resolve("log.jsonl");
    InMemoryLogStore memory = new InMemoryLogStore();
    dev.exporthub.core.internal.LogAppender writer = new dev.exporthub.core.internal.LogAppender(memory);
    for (int i = 0; i < 20_000; i++) {
      writer.append(LogFixtures.generated(LogFixtures.T0.plusSeconds(i), "t" + i % 7));
    }
    List<String> lines = LogFixtures.lines(memory);
    Files.writeString(file, String.join("\n", lines) + "\n");
    for (int round = 1; round <= 5; round++) {
      String name = "indexing-" + round;
      Process child = start(IndexingProcess.class, name, file.toString());
      try {
        BufferedReader out = reader(child);
        for (int opened = 0; opened < round; opened++) {
          assertEquals("indexed " + lines.size(), out.readLine(), () -> errors(name));
        }
        Thread.sleep(round * 2L);
        child.toHandle().destroyForcibly();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
      } finally {
        child.destroyForcibly();
      }
      try (FileLogStore store = FileLogStore.open(file)) {
        assertEquals(lines.size(), store.size());
        for (int line : new int[] {1, 2, 777, 12_345, lines.size()}) {
          assertEquals(List.of(lines.get(line - 1)), store.read(line, 1), "line " + line);
        }
        assertTrue(new ExportLog(store).verify().valid());
      }
      assertEquals(8 + 8L * lines.size(), Files.size(LineIndex.pathOf(file)), "a whole index, rebuilt or kept");
      try (var strays = Files.list(dir)) {
        assertEquals(List.of(), strays.filter(p -> p.toString().endsWith(".tmp")).toList(), "no temporary file left");
      }
    }
    reporter.publishEntry("lines", Integer.toString(lines.size()));
  }

  private Process start(String name, String... args) throws IOException {
    return start(AppendingProcess.class, name, args);
  }

  private Process start(Class<?> main, String name, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        main.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectError(dir.resolve(name + ".err").toFile())
        .start();
  }

  private static BufferedReader reader(Process process) {
    return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** The numbers on the lines still to read that are ended by a line break; a cut-off last one is left out. */
  private static List<Long> completeLines(BufferedReader out) throws IOException {
    StringBuilder rest = new StringBuilder();
    char[] buffer = new char[8192];
    for (int n; (n = out.read(buffer)) != -1; ) {
      rest.append(buffer, 0, n);
    }
    List<Long> numbers = new ArrayList<>();
    int start = 0;
    for (int end; (end = rest.indexOf("\n", start)) >= 0; start = end + 1) {
      numbers.add(Long.parseLong(rest.substring(start, end).strip()));
    }
    return numbers;
  }

  private String errors(String name) {
    try {
      return "child stderr: " + Files.readString(dir.resolve(name + ".err"));
    } catch (IOException e) {
      return "no stderr: " + e;
    }
  }
}
