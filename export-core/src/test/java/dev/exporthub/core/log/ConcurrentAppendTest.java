package dev.exporthub.core.log;

import dev.exporthub.core.internal.LogAppender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.LogEntry;
import dev.exporthub.api.spi.ExportLogStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appends from many threads: no lost, duplicated or interleaved entries. */
class ConcurrentAppendTest {

  private static final int THREADS = 8;
  private static final int APPENDS = 1000;

  @Test
  @DisplayName("8 threads x 1,000 appends to the in-memory store: 8,000 consecutive entries, one valid chain")
  void inMemory() throws Exception {
    hammer(new InMemoryLogStore());
  }

  @Test
  @DisplayName("8 threads x 1,000 appends to the file store: 8,000 consecutive entries, one valid chain, on disk")
  void file(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("log.jsonl");
    try (FileLogStore store = FileLogStore.open(file)) {
      hammer(store);
    }
    try (FileLogStore reopened = FileLogStore.open(file)) {
      assertTrue(reopened.openReport().intact(), () -> reopened.openReport().toString());
      assertEquals(THREADS * APPENDS, LogFixtures.lines(reopened).size());
    }
  }

  private static void hammer(ExportLogStore store) throws Exception {
    ExportLog log = new ExportLog(store);
    LogAppender writer = new LogAppender(store);
    Map<String, LogEntry> returned = new HashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<LogEntry>>> results = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        String user = "thread-" + t;
        results.add(pool.submit(() -> {
          start.await();
          List<LogEntry> mine = new ArrayList<>(APPENDS);
          for (int i = 0; i < APPENDS; i++) {
            mine.add(writer.append(new LogEntry.ExportDownloaded(0, LogFixtures.T0, "t1",
                new LogEntry.Download("EXP-" + user + "-" + i, "json", user + "-" + i + ".json", i), user, null, null)));
          }
          return mine;
        }));
      }
      start.countDown();
      returned.clear();
      for (Future<List<LogEntry>> result : results) {
        long previous = 0;
        for (LogEntry entry : result.get(2, TimeUnit.MINUTES)) {
          assertTrue(entry.sequence() > previous, "each thread's entries are in its own order");
          previous = entry.sequence();
          returned.put(((LogEntry.ExportDownloaded) entry).download().bundleId(), entry);
        }
      }
      assertEquals(THREADS * APPENDS, returned.size());
    } finally {
      pool.shutdownNow();
    }

    List<LogEntry> entries = log.entries();
    assertEquals(THREADS * APPENDS, entries.size(), "no entry lost or interleaved into another");
    for (LogEntry entry : entries) {
      assertEquals(returned.get(((LogEntry.ExportDownloaded) entry).download().bundleId()), entry,
          "what append returned is what was stored");
    }
    for (int i = 0; i < entries.size(); i++) {
      assertEquals(i + 1L, entries.get(i).sequence(), "consecutive sequence numbers");
    }
    assertEquals(THREADS * APPENDS,
        entries.stream().map(e -> ((LogEntry.ExportDownloaded) e).download().bundleId()).distinct().count(),
        "no entry duplicated");
    LogVerification verification = log.verify();
    assertTrue(verification.valid(), verification::summary);
    assertEquals(THREADS * APPENDS, verification.validEntries());
  }
}
