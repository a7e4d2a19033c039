package dev.exporthub.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.Caller;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.TenantDirectory;
import dev.exporthub.core.internal.LogAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The statistics the log answers from its summary are exactly those counted from its entries, for
 * any log, query and end of the trend windows; and a summary caught up line by line, or saved and
 * loaded again, gives what a fresh count gives.
 */
class LogSummaryProperties {

  private static final TenantDirectory DIRECTORY = TenantDirectory.of(Map.of("fed-a", Set.of("t1", "t2")));

  @Property(tries = 150)
  @Label("statistics from the summary equal statistics counted from the entries the query matches")
  void summaryEqualsCounting(@ForAll("logs") List<LogEntry> entries, @ForAll("queries") LogQuery query,
      @ForAll("instants") Instant now, @ForAll @IntRange(min = 0, max = 40) int split) {
    InMemoryLogStore store = new InMemoryLogStore();
    LogAppender writer = new LogAppender(store);
    ExportLog log = new ExportLog(store);
    int first = Math.min(split, entries.size());
    entries.subList(0, first).forEach(writer::append);
    log.statistics(query, now); // a summary of the first part, caught up below
    entries.subList(first, entries.size()).forEach(writer::append);
    List<LogEntry> matching = log.entries(query);
    assertEquals(LogStatistics.of(matching, now), log.statistics(query, now));
  }

  @Property(tries = 150)
  @Label("history from the summary equals the newest matching exports counted from the entries")
  void historyEqualsCounting(@ForAll("logs") List<LogEntry> entries, @ForAll("queries") LogQuery query,
      @ForAll @IntRange(min = 0, max = 120) int limit, @ForAll @IntRange(min = 0, max = 40) int split) {
    InMemoryLogStore store = new InMemoryLogStore();
    LogAppender writer = new LogAppender(store);
    ExportLog log = new ExportLog(store);
    int first = Math.min(split, entries.size());
    entries.subList(0, first).forEach(writer::append);
    log.recentExports(limit, query);
    entries.subList(first, entries.size()).forEach(writer::append);
    List<LogEntry> expected = log.entries(query).stream().filter(e -> e instanceof LogEntry.ExportGenerated)
        .sorted(java.util.Comparator.comparingLong(LogEntry::sequence).reversed()).limit(limit).toList();
    assertEquals(expected, log.recentExports(limit, query));
  }

  @Property(tries = 150)
  @Label("exports per day from the summary equal counting the matching exports by UTC day")
  void exportsPerDayEqualCounting(@ForAll("logs") List<LogEntry> entries, @ForAll("queries") LogQuery query,
      @ForAll @IntRange(min = -15, max = 15) int offset, @ForAll @IntRange(min = 1, max = 20) int length) {
    InMemoryLogStore store = new InMemoryLogStore();
    entries.forEach(new LogAppender(store)::append);
    ExportLog log = new ExportLog(store);
    java.time.LocalDate first = java.time.LocalDate.ofInstant(LogFixtures.T0, java.time.ZoneOffset.UTC)
        .plusDays(offset);
    java.time.LocalDate last = first.plusDays(length - 1);
    java.util.SortedMap<java.time.LocalDate, Long> expected = new java.util.TreeMap<>();
    for (java.time.LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      expected.put(day, 0L);
    }
    for (LogEntry e : log.entries(query)) {
      java.time.LocalDate day = java.time.LocalDate.ofInstant(e.timestamp(), java.time.ZoneOffset.UTC);
      if (e instanceof LogEntry.ExportGenerated && expected.containsKey(day)) {
        expected.merge(day, 1L, Long::sum);
      }
    }
    assertEquals(expected, log.exportsPerDay(query, first, last));
  }

  @Property(tries = 30)
  @Label("a file store's summary saved and loaded again gives the same statistics")
  void savedSummary(@ForAll("logs") List<LogEntry> entries, @ForAll("queries") LogQuery query,
      @ForAll("instants") Instant now) throws IOException {
    Path dir = Files.createTempDirectory("exporthub-summary");
    Path file = dir.resolve("log.jsonl");
    try {
      try (FileLogStore store = FileLogStore.open(file)) {
        entries.forEach(new LogAppender(store)::append);
      }
      LogSummary counted = new LogSummary();
      try (FileLogStore store = FileLogStore.open(file)) {
        LogFixtures.lines(store).forEach(counted::add);
      }
      LogSummary loaded;
      try (FileLogStore store = FileLogStore.open(file)) {
        counted.save(store.derivedData().orElseThrow());
        loaded = LogSummary.load(store.derivedData().orElseThrow()).orElseThrow();
      }
      assertTrue(Files.exists(dir.resolve("log.jsonl.summary")));
      assertEquals(counted.lines(), loaded.lines());
      assertEquals(counted.statistics(query, now), loaded.statistics(query, now));
      assertEquals(counted.recentExportLines(query, 10), loaded.recentExportLines(query, 10));
      java.time.LocalDate day = java.time.LocalDate.ofInstant(LogFixtures.T0, java.time.ZoneOffset.UTC);
      assertEquals(counted.exportsPerDay(query, day.minusDays(12), day.plusDays(12)),
          loaded.exportsPerDay(query, day.minusDays(12), day.plusDays(12)));
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  @Provide
  Arbitrary<List<LogEntry>> logs() {
    return LogFixtures.entryLists(40);
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.oneOf(LogFixtures.timestamps(), Arbitraries.just(LogFixtures.T0.plusSeconds(86_400L * 11)));
  }

  @Provide
  Arbitrary<LogQuery> queries() {
    Arbitrary<LogQuery> byTenant = LogFixtures.tenantIds().map(t -> LogQuery.all().tenant(t));
    Arbitrary<LogQuery> byType = Arbitraries.subsetOf(LogQuery.ENTRY_TYPES).ofMinSize(1)
        .map(types -> LogQuery.all().entryTypes(types.toArray(String[]::new)));
    Arbitrary<LogQuery> visible = Arbitraries.of(
            Caller.of("u", "t1", null, List.of()),
            Caller.of("u", "t3", null, List.of()),
            Caller.of("u", "t3", null, List.of("export:cross-tenant")),
            Caller.of("u", "t1", null, List.of()).inFederation("fed-a"))
        .map(caller -> LogQuery.all().visibleTo(caller, DIRECTORY));
    Arbitrary<LogQuery> timed = LogFixtures.timestamps()
        .map(t -> LogQuery.all().within(new TimeRange(t, t.plusSeconds(86_400 * 3))));
    return Arbitraries.oneOf(Arbitraries.just(LogQuery.all()), byTenant, byType, visible, timed);
  }
}
