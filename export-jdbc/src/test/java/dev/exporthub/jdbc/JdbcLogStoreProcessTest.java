package dev.exporthub.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.LogEntry;
import dev.exporthub.core.log.ExportLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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

/** Replicas in separate processes appending to one log table keep one gap-free, verifying chain. */
class JdbcLogStoreProcessTest {

  private static final String URL_FOR_CHILD = "EXPORTHUB_CHILD_JDBC_URL";

  @TempDir
  Path dir;

  @Test
  @Timeout(300)
  @DisplayName("four processes append 500 entries each to one PostgreSQL log at once: 2,000 entries, no gap, one "
      + "verifying chain")
  void fourWriters(TestReporter reporter) throws Exception {
    int writers = 4;
    int each = 500;
    try (TestDatabase db = TestDatabase.create()) {
      JdbcLogStore.createTables(db.dataSource());
      Path go = dir.resolve("go");
      List<Process> children = new ArrayList<>();
      Map<String, List<Long>> confirmed = new TreeMap<>();
      long started;
      try {
        for (int w = 0; w < writers; w++) {
          children.add(start(db.url(), "writer-" + w, Integer.toString(each), go.toString()));
        }
        for (int w = 0; w < writers; w++) {
          String name = "writer-" + w;
          assertEquals("ready", reader(children.get(w)).readLine(), () -> errors(name));
        }
        started = System.nanoTime();
        Files.createFile(go);
        for (int w = 0; w < writers; w++) {
          Process child = children.get(w);
          String name = "writer-" + w;
          confirmed.put(name, completeLines(reader(child)));
          assertTrue(child.waitFor(240, TimeUnit.SECONDS));
          assertEquals(0, child.exitValue(), () -> errors(name));
        }
      } finally {
        children.forEach(Process::destroyForcibly);
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      JdbcLogStore store = JdbcLogStore.openReadOnly(db.dataSource());
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*), min(position), max(position) FROM export_log")) {
        rs.next();
        assertEquals(List.of((long) writers * each, 1L, (long) writers * each),
            List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)), "positions 1 to 2,000 without a gap");
      }
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
      assertEquals(confirmed, stored, "each process's confirmed sequence numbers are its entries in the table");
      assertTrue(log.verify().valid(), () -> log.verify().summary());
      assertTrue(switches > writers, "the processes' appends interleaved (" + switches + " switches)");
      reporter.publishEntry(Map.of("entries", Integer.toString(entries.size()), "switches", Integer.toString(switches),
          "millis", Long.toString(millis),
          "appendsPerSecond", Long.toString(entries.size() * 1000L / Math.max(1, millis))));
    }
  }

  private Process start(String url, String name, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        JdbcAppendingProcess.class.getName(), URL_FOR_CHILD, args[0], name, args[1]));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve(name + ".err").toFile());
    builder.environment().put(URL_FOR_CHILD, url);
    return builder.start();
  }

  private final Map<Process, BufferedReader> readers = new java.util.HashMap<>();

  private BufferedReader reader(Process process) {
    return readers.computeIfAbsent(process,
        p -> new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
  }

  private static List<Long> completeLines(BufferedReader out) throws IOException {
    List<Long> numbers = new ArrayList<>();
    for (String line; (line = out.readLine()) != null; ) {
      numbers.add(Long.parseLong(line.strip()));
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
