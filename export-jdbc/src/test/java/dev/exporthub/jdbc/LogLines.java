package dev.exporthub.jdbc;

import dev.exporthub.api.LogEntry;
import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.core.internal.LogAppender;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Real, chained log entries for the store tests: the store refuses to chain after lines that are not. */
final class LogLines {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private LogLines() {
  }

  /** A download entry by this user; {@code i} makes it distinct. */
  static LogEntry.ExportDownloaded download(String user, long i) {
    return new LogEntry.ExportDownloaded(0, T0.plusSeconds(i), "t" + i % 3,
        new LogEntry.Download("EXP-" + user + "-" + i, "json", user + "-" + i + ".json", i), user, null, null);
  }

  /** An export entry of tenant {@code t<i % 3>}. */
  static LogEntry.ExportGenerated generated(long i) {
    return new LogEntry.ExportGenerated(0, T0.plusSeconds(i), "t" + i % 3, null,
        new LogEntry.GeneratedExport("EXP-" + i, "x" + i, "q" + i, "audit-findings", "json", 2, 10, 1000,
            "ab".repeat(32), 50, List.of("Phase 50: Audit & Governance Engine")),
        "alice", null, null);
  }

  /** Appends {@code count} entries, alternating exports and downloads, and returns the lines appended. */
  static List<String> append(ExportLogStore store, int count) {
    List<String> lines = new ArrayList<>();
    LogAppender appender = new LogAppender(store, new LogAppender.Observer() {
      @Override
      public void appended(String previous, String line) {
        lines.add(line);
      }

      @Override
      public void afterAppend() {
      }
    });
    long first = store.size();
    for (long i = first; i < first + count; i++) {
      appender.append(i % 2 == 0 ? generated(i) : download("alice", i));
    }
    return lines;
  }
}
