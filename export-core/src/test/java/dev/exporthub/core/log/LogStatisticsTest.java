package dev.exporthub.core.log;

import dev.exporthub.core.internal.LogAppender;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportStatistics;
import dev.exporthub.api.LogEntry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The statistics of {@code docs/SPECIFICATION.md} §8.1, and trends over the windows (now-24h, now]
 * and (now-48h, now-24h] (§8.2).
 */
class LogStatisticsTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T09:30:00Z"), ZoneOffset.UTC);
  private static final Instant NOW = CLOCK.instant();
  private static final Duration DAY = Duration.ofHours(24);
  private static final Duration NANO = Duration.ofNanos(1);

  private final InMemoryLogStore store = new InMemoryLogStore();
  private final ExportLog log = new ExportLog(store);
  private final LogAppender writer = new LogAppender(store);

  @Test
  @DisplayName("an empty log has every category and built-in format at zero and no change")
  void empty() {
    ExportStatistics stats = log.statistics(NOW);
    assertEquals(0, stats.totalExports());
    assertEquals(0, stats.totalDownloads());
    assertEquals(14, stats.byCategory().size());
    assertEquals(List.of("compliance-pack", "executive-summary", "operational-snapshot", "audit-findings", "drift-logs",
        "alert-logs", "task-logs", "operator-analytics", "real-time-metrics", "capacity-forecasts", "schedules",
        "insights", "reports", "full-operational"), new ArrayList<>(stats.byCategory().keySet()));
    stats.byCategory().values().forEach(count -> assertEquals(0L, count));
    assertEquals(orderedMap("json", 0L, "csv", 0L, "html", 0L, "markdown", 0L, "zip", 0L, "auditor-package", 0L),
        stats.byFormat());
    assertEquals(Map.of(), stats.byTenant());
    assertEquals(0.0, stats.averageGenerationTimeMs());
    assertEquals(0.0, stats.averageSizeBytes());
    assertEquals(0, stats.dataSourcesUsed());
    assertEquals(new ExportStatistics.Trends("0.0%", "0.0%"), stats.trends());
  }

  @Test
  @DisplayName("totals, by category, format and tenant, averages and distinct phases")
  void figures() {
    writer.append(LogFixtures.generated(NOW, "t2", "compliance-pack", "csv", 3000, 40,
        List.of("Phase 50: Audit & Governance Engine", "Phases 52-53: Alert & Task SLA Tracking")));
    writer.append(LogFixtures.generated(NOW, "t1", "compliance-pack", "zip", 1000, 10,
        List.of("Phase 50: Audit & Governance Engine", "Phase 51: Drift Detection Engine")));
    writer.append(LogFixtures.generated(NOW, "t1", "insights", "xlsx", 2000, 25,
        List.of("Phase 58: Executive Insights & Enterprise Reporting Center")));
    writer.append(LogFixtures.generated(NOW, null, "full-operational", "oscal", 6000, 5, List.of()));
    writer.append(LogFixtures.downloaded(NOW, "t1"));
    writer.append(LogFixtures.error(NOW, "t1"));
    writer.append(LogFixtures.decision(NOW, dev.exporthub.api.ExportScope.tenant("t1"), "u"));

    ExportStatistics stats = log.statistics(NOW);
    assertEquals(4, stats.totalExports());
    assertEquals(1, stats.totalDownloads());
    assertEquals(2L, stats.byCategory().get("compliance-pack"));
    assertEquals(1L, stats.byCategory().get("insights"));
    assertEquals(1L, stats.byCategory().get("full-operational"));
    assertEquals(0L, stats.byCategory().get("reports"));
    assertEquals(orderedMap("json", 0L, "csv", 1L, "html", 0L, "markdown", 0L, "zip", 1L, "auditor-package", 0L,
        "oscal", 1L, "xlsx", 1L), stats.byFormat(), "built-ins first, then others sorted");
    assertEquals(orderedMap("t1", 2L, "t2", 1L), stats.byTenant());
    assertEquals(List.of("t1", "t2"), new ArrayList<>(stats.byTenant().keySet()));
    assertEquals(20.0, stats.averageGenerationTimeMs());
    assertEquals(3000.0, stats.averageSizeBytes());
    assertEquals(5, stats.dataSourcesUsed(), "phases 50, 51, 52, 53 and 58");
  }

  @Test
  @DisplayName("trends count (now-24h, now] against (now-48h, now-24h], on both sides of each boundary")
  void windows() {
    // Exports in the last window: exactly now, just after now-24h, and just before now.
    exportAt(NOW);
    exportAt(NOW.minus(DAY).plus(NANO));
    exportAt(NOW.minus(NANO));
    // Outside both windows: just after now (the future) and exactly now-48h.
    exportAt(NOW.plus(NANO));
    exportAt(NOW.minus(DAY).minus(DAY));
    // Previous window: exactly now-24h, just after now-48h, in between, and just before now-24h.
    exportAt(NOW.minus(DAY));
    exportAt(NOW.minus(DAY).minus(DAY).plus(NANO));
    exportAt(NOW.minus(Duration.ofHours(36)));
    exportAt(NOW.minus(DAY).minus(NANO));
    // Downloads: one in the previous window, none in the last.
    writer.append(LogFixtures.downloaded(NOW.minus(DAY), "t1"));

    ExportStatistics stats = log.statistics(CLOCK.instant());
    assertEquals(9, stats.totalExports(), "totals cover the whole log");
    assertEquals(new ExportStatistics.Trends("-25.0%", "-100.0%"), stats.trends());
  }

  @ParameterizedTest(name = "an export at now {0} counts as {1}")
  @CsvSource({
      "+PT0S,       +100.0%",   // exactly now: the last window
      "-PT0.000000001S, +100.0%",
      "-PT23H59M59.999999999S, +100.0%",
      "-PT24H,      -100.0%",   // exactly now-24h: the previous window
      "-PT24H0.000000001S, -100.0%",
      "-PT47H59M59.999999999S, -100.0%",
      "-PT48H,      0.0%",      // exactly now-48h: neither
      "+PT0.000000001S, 0.0%"}) // after now: neither
  void windowBoundaries(String offset, String expected) {
    Duration d = Duration.parse(offset.strip().replace("+", ""));
    exportAt(NOW.plus(d));
    assertEquals(expected, log.statistics(NOW).trends().exportsChange());
  }

  @Test
  @DisplayName("from nothing to something is +100.0%; equal counts are 0.0%")
  void fromZeroAndEqual() {
    exportAt(NOW);
    writer.append(LogFixtures.downloaded(NOW.minus(DAY), "t1"));
    writer.append(LogFixtures.downloaded(NOW, "t1"));
    assertEquals(new ExportStatistics.Trends("+100.0%", "0.0%"), log.statistics(NOW).trends());
  }

  @ParameterizedTest(name = "{0} against {1} is {2}")
  @CsvSource({
      "9, 8, +12.5%",
      "711, 750, -5.2%",
      "5, 5, 0.0%",
      "0, 0, 0.0%",
      "3, 0, +100.0%",
      "0, 4, -100.0%",
      "401, 400, +0.3%",   // 0.25 rounds half-up
      "399, 400, -0.3%",   // and away from zero below
      "10001, 10000, 0.0%", // a change that rounds to nothing shows no sign
      "2, 3, -33.3%",
      "3, 1, +200.0%"})
  void change(long last, long previous, String expected) {
    assertEquals(expected, LogStatistics.change(last, previous));
  }

  @Test
  @DisplayName("statistics are rebuilt unchanged from a reopened log file")
  void rebuiltFromFile(@TempDir Path dir) {
    Path file = dir.resolve("log.jsonl");
    ExportStatistics before;
    try (FileLogStore store = FileLogStore.open(file)) {
      ExportLog fileLog = new ExportLog(store);
      new LogAppender(store).append(LogFixtures.generated(NOW.minusSeconds(10), "t1", "compliance-pack", "csv", 3000, 40,
          List.of("Phase 50: Audit & Governance Engine")));
      new LogAppender(store).append(LogFixtures.generated(NOW.minus(Duration.ofHours(30)), "t2", "drift-logs", "json", 1000, 12,
          List.of("Phase 51: Drift Detection Engine")));
      new LogAppender(store).append(LogFixtures.downloaded(NOW.minusSeconds(5), "t1"));
      before = fileLog.statistics(NOW);
    }
    try (FileLogStore reopened = FileLogStore.open(file)) {
      ExportStatistics after = new ExportLog(reopened).statistics(NOW);
      assertEquals(before, after);
      assertEquals(2, after.totalExports());
      assertEquals(2, after.dataSourcesUsed());
      assertEquals(2000.0, after.averageSizeBytes());
      assertEquals(26.0, after.averageGenerationTimeMs());
      assertEquals(new ExportStatistics.Trends("0.0%", "+100.0%"), after.trends());
    }
  }

  @Test
  @DisplayName("every category id of the enum is a key, in enum order")
  void categoryKeys() {
    List<String> ids = java.util.Arrays.stream(ExportCategory.values()).map(ExportCategory::id).toList();
    assertEquals(ids, new ArrayList<>(log.statistics(NOW).byCategory().keySet()));
  }

  private void exportAt(Instant at) {
    writer.append(new LogEntry.ExportGenerated(0, at, "t1", null,
        new LogEntry.GeneratedExport("EXP-" + at, "x", "q", "audit-findings", "json", 1, 1, 100, "ab".repeat(32), 1,
            List.of("Phase 50: Audit & Governance Engine")), "alice", null, null));
  }

  private static Map<String, Long> orderedMap(Object... keysAndValues) {
    Map<String, Long> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], (Long) keysAndValues[i + 1]);
    }
    return map;
  }
}
