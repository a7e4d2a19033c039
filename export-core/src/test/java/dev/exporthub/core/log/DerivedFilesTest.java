package dev.exporthub.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportStatistics;
import dev.exporthub.api.LogEntry;
import dev.exporthub.core.internal.LogAppender;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store's derived files ({@code <log>.idx}, {@code <log>.summary}): reads through them
 * equal the log, and none of them is believed when it disagrees with the log.
 */
class DerivedFilesTest {

  private static final Instant T0 = LogFixtures.T0;

  @TempDir
  Path dir;

  @Test
  @DisplayName("size, last and any range read through the index equal the lines as written")
  void readsThroughTheIndex() throws IOException {
    Path file = dir.resolve("log.jsonl");
    List<String> written = write(file, 300);
    try (FileLogStore store = FileLogStore.open(file)) {
      assertEquals(300, store.size());
      assertEquals(Optional.of(written.get(299)), store.last());
      assertEquals(written, store.read(1, 1000));
      assertEquals(written.subList(99, 120), store.read(100, 21));
      assertEquals(List.of(written.get(299)), store.read(300, 5));
      assertEquals(List.of(), store.read(301, 5));
      assertEquals(List.of(), store.read(5, 0));
      try (Stream<String> tail = store.stream(251)) {
        assertEquals(written.subList(250, 300), tail.toList());
      }
      assertThrows(IllegalArgumentException.class, () -> store.read(0, 1));
    }
    assertTrue(Files.size(LineIndex.pathOf(file)) == 8 + 300 * 8, "a header and one record per line");
  }

  @Test
  @DisplayName("deleting the derived files loses nothing: they are rebuilt with the same answers")
  void deletedDerivedFilesAreRebuilt() throws IOException {
    Path file = dir.resolve("log.jsonl");
    List<String> written = write(file, 50);
    ExportStatistics before = statistics(file);
    Files.delete(LineIndex.pathOf(file));
    Files.delete(summaryOf(file));
    try (FileLogStore store = FileLogStore.open(file)) {
      assertEquals(written, store.read(1, 100));
      assertEquals(before, new ExportLog(store).statistics(T0.plusSeconds(3600)));
    }
    assertTrue(Files.exists(LineIndex.pathOf(file)) && Files.exists(summaryOf(file)));
  }

  @Test
  @DisplayName("an index or summary of another log beside this one is found and rebuilt, never believed")
  void derivedFilesOfAnotherLog() throws IOException {
    Path a = dir.resolve("a/log.jsonl");
    Path b = dir.resolve("b/log.jsonl");
    write(a, 40);
    List<String> linesB = write(b, 40, "other-tenant");
    statistics(a);
    ExportStatistics truthB = LogStatistics.of(decode(linesB), T0.plusSeconds(3600));
    Files.copy(LineIndex.pathOf(a), LineIndex.pathOf(b), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(summaryOf(a), summaryOf(b), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (FileLogStore store = FileLogStore.open(b)) {
      assertEquals(linesB, store.read(1, 100));
      assertEquals(truthB, new ExportLog(store).statistics(T0.plusSeconds(3600)));
    }
  }

  @Test
  @DisplayName("an index longer than the log (a power loss took lines the index kept) and a torn record are repaired")
  void indexAheadOfTheLogAndTornRecord() throws IOException {
    Path file = dir.resolve("log.jsonl");
    List<String> written = write(file, 30);
    // The log loses its last 5 lines, the index keeps them, and its last record is torn.
    String kept = String.join("\n", written.subList(0, 25)) + "\n";
    Files.writeString(file, kept);
    try (FileChannel index = FileChannel.open(LineIndex.pathOf(file), StandardOpenOption.WRITE)) {
      index.truncate(index.size() - 3);
    }
    try (FileLogStore store = FileLogStore.open(file)) {
      assertEquals(25, store.size());
      assertEquals(written.subList(0, 25), store.read(1, 100));
      new LogAppender(store).append(LogFixtures.error(T0, "t1"));
      assertEquals(26, store.size());
      assertTrue(new ExportLog(store).verify().valid());
    }
    assertEquals(8 + 26 * 8, Files.size(LineIndex.pathOf(file)));
  }

  @Test
  @DisplayName("a damaged summary file is ignored and rebuilt; a line appended by another store is counted")
  void damagedSummary() throws IOException {
    Path file = dir.resolve("log.jsonl");
    List<String> written = write(file, 20);
    ExportStatistics truth = LogStatistics.of(decode(written), T0.plusSeconds(3600));
    assertEquals(truth, statistics(file));
    byte[] summary = Files.readAllBytes(summaryOf(file));
    summary[summary.length / 2] ^= 0x01;
    Files.write(summaryOf(file), summary);
    try (FileLogStore store = FileLogStore.open(file); FileLogStore other = FileLogStore.open(file)) {
      ExportLog log = new ExportLog(store);
      assertEquals(truth, log.statistics(T0.plusSeconds(3600)));
      new LogAppender(other).append(LogFixtures.generated(T0.plusSeconds(60), "t9"));
      assertEquals(21, store.size(), "a line another store appended is seen");
      assertEquals(truth.totalExports() + 1, log.statistics(T0.plusSeconds(3600)).totalExports());
    }
  }

  @Test
  @DisplayName("a read-only store changes nothing of the log, shows a torn last line, and refuses appends")
  void readOnly() throws IOException {
    Path file = dir.resolve("log.jsonl");
    List<String> written = write(file, 5);
    Files.writeString(file, "{\"schemaVersion\":1,\"seq", StandardOpenOption.APPEND);
    byte[] bytes = Files.readAllBytes(file);
    Files.delete(LineIndex.pathOf(file));
    try (FileLogStore store = FileLogStore.openReadOnly(file)) {
      assertEquals(6, store.size());
      assertEquals(Optional.of("{\"schemaVersion\":1,\"seq"), store.last());
      assertEquals(written, store.read(1, 5));
      assertTrue(new ExportLog(store).verify().has(LogVerification.Reason.MALFORMED));
      assertThrows(UnsupportedOperationException.class, () -> new LogAppender(store).append(LogFixtures.error(T0, "t")));
    }
    assertEquals(List.of(), Files.list(dir).filter(p -> p.toString().contains("torn")).toList());
    assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(file)), "the log is unchanged");
  }

  @Test
  @DisplayName("eight threads appending together share forces: fewer forces than appends, one valid chain; an "
      + "observer of the appends is told every line once, in stored order")
  void groupCommit() throws Exception {
    Path file = dir.resolve("log.jsonl");
    int threads = 8;
    int each = 50;
    List<String> told = java.util.Collections.synchronizedList(new ArrayList<>());
    List<String> outOfOrder = java.util.Collections.synchronizedList(new ArrayList<>());
    LogAppender.Observer observer = new LogAppender.Observer() {
      @Override
      public void appended(String previous, String line) {
        String last = told.isEmpty() ? null : told.get(told.size() - 1);
        if (!java.util.Objects.equals(previous, last)) {
          outOfOrder.add(line);
        }
        told.add(line);
      }

      @Override
      public void afterAppend() {
      }
    };
    try (FileLogStore store = FileLogStore.open(file)) {
      LogAppender writer = new LogAppender(store, observer);
      long forcesBefore = store.forces();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          String user = "u" + t;
          done.add(pool.submit(() -> {
            for (int i = 0; i < each; i++) {
              writer.append(new LogEntry.ExportDownloaded(0, T0, "t1",
                  new LogEntry.Download("EXP-" + user + "-" + i, "json", "x.json", i), user, null, null));
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      long forces = store.forces() - forcesBefore;
      assertEquals(threads * each, store.size());
      assertTrue(new ExportLog(store).verify().valid());
      assertTrue(forces < threads * each, "forces were shared: " + forces + " for " + threads * each + " appends");
      assertEquals(LogFixtures.lines(store), told, "the observer was told every stored line, in order");
      assertEquals(List.of(), outOfOrder);
    }
  }

  @Test
  @DisplayName("a log written before the index existed (schema 1, no derived files) opens, verifies and extends")
  void schemaOneLogWithoutDerivedFiles() throws IOException {
    Path file = dir.resolve("old.jsonl");
    try (var in = DerivedFilesTest.class.getResourceAsStream("/logs/schema-1.jsonl")) {
      Files.copy(in, file);
    }
    byte[] before = Files.readAllBytes(file);
    try (FileLogStore store = FileLogStore.open(file)) {
      ExportLog log = new ExportLog(store);
      assertTrue(store.openReport().intact());
      assertTrue(log.verify().valid());
      long size = store.size();
      assertTrue(size > 0);
      LogEntry next = new LogAppender(store).append(LogFixtures.error(T0, "t1"));
      assertEquals(size + 1, next.sequence());
      assertTrue(log.verify().valid());
    }
    byte[] after = Files.readAllBytes(file);
    assertTrue(java.util.Arrays.equals(before, 0, before.length, after, 0, before.length), "never rewritten");
  }

  // ---------------------------------------------------------------- helpers

  private static List<String> write(Path file, int n) {
    return write(file, n, "t1");
  }

  private static List<String> write(Path file, int n, String tenant) {
    try (FileLogStore store = FileLogStore.open(file)) {
      LogAppender writer = new LogAppender(store);
      for (int i = 0; i < n; i++) {
        Instant at = T0.plusSeconds(i);
        writer.append(i % 3 == 0 ? LogFixtures.downloaded(at, tenant) : LogFixtures.generated(at, tenant + (i % 2)));
      }
      return LogFixtures.lines(store);
    }
  }

  private static ExportStatistics statistics(Path file) {
    try (FileLogStore store = FileLogStore.open(file)) {
      return new ExportLog(store).statistics(T0.plusSeconds(3600));
    }
  }

  private static Path summaryOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".summary");
  }

  private static List<LogEntry> decode(List<String> lines) {
    return lines.stream().map(dev.exporthub.core.internal.LogCodec::decode).toList();
  }
}
