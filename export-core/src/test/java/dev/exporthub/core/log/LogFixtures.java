package dev.exporthub.core.log;

import dev.exporthub.core.internal.LogAppender;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.PolicyDecision;
import dev.exporthub.api.SectionKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import dev.exporthub.api.spi.ExportLogStore;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;

/** Log entries for tests: jqwik arbitraries of all four kinds, and small example builders. */
final class LogFixtures {

  static final Instant T0 = Instant.parse("2026-01-15T12:00:00Z");

  private LogFixtures() {}

  // ---------------------------------------------------------------- arbitraries

  /** Any entry of the four kinds, unchained. */
  static Arbitrary<LogEntry> entries() {
    return Arbitraries.oneOf(
        generated().map(LogEntry.class::cast),
        downloaded().map(LogEntry.class::cast),
        decisions().map(LogEntry.class::cast),
        errors().map(LogEntry.class::cast));
  }

  /** Lists of 0 to {@code max} entries, sizes spread evenly. */
  static Arbitrary<List<LogEntry>> entryLists(int max) {
    return entries().list().ofMinSize(0).ofMaxSize(max).withSizeDistribution(RandomDistribution.uniform());
  }

  /** The stored lines of a log of these entries. */
  static List<String> seal(List<LogEntry> entries) {
    InMemoryLogStore store = new InMemoryLogStore();
    entries.forEach(new LogAppender(store)::append);
    return lines(store);
  }

  /** Every line of a store, streamed into a list. */
  static List<String> lines(ExportLogStore store) {
    try (Stream<String> lines = store.stream(1)) {
      return lines.toList();
    }
  }

  static Arbitrary<LogEntry.ExportGenerated> generated() {
    Arbitrary<LogEntry.GeneratedExport> export = Combinators.combine(
        ids("EXP-"),
        Arbitraries.of(Arrays.stream(ExportCategory.values()).map(ExportCategory::id).toList()),
        formats(),
        Arbitraries.integers().between(0, 11),
        Arbitraries.longs().between(0, 1_000_000),
        Arbitraries.longs().between(0, Long.MAX_VALUE / 2),
        Arbitraries.longs().between(0, 600_000),
        Arbitraries.of(Arrays.stream(SectionKind.values()).map(SectionKind::dataSource).distinct().toList())
            .list().ofMaxSize(4).uniqueElements())
        .as((bundle, category, format, sections, items, size, ms, sources) -> new LogEntry.GeneratedExport(
            bundle, "x-" + bundle, "q-" + bundle, category, format, sections, items, size,
            "ab".repeat(32), ms, sources));
    return Combinators.combine(timestamps(), tenants(), optional(ids("f-")), export, users())
        .as((t, tenant, facility, x, user) -> new LogEntry.ExportGenerated(0, t, tenant, facility, x, user, null, null));
  }

  static Arbitrary<LogEntry.ExportDownloaded> downloaded() {
    Arbitrary<LogEntry.Download> download = Combinators.combine(ids("EXP-"), formats(), text(),
        Arbitraries.longs().between(0, 1L << 40))
        .as(LogEntry.Download::new);
    return Combinators.combine(timestamps(), tenants(), download, users())
        .as((t, tenant, d, user) -> new LogEntry.ExportDownloaded(0, t, tenant, d, user, null, null));
  }

  static Arbitrary<LogEntry.PolicyEvaluated> decisions() {
    Arbitrary<ExportScope> scope = Combinators.combine(optional(tenantIds()), optional(ids("f-")), optional(ids("fed-")))
        .as(ExportScope::new);
    Arbitrary<PolicyDecision> decision = Combinators.combine(ids("q-"), scope, text().list().ofMaxSize(3),
        text().list().ofMaxSize(2), Arbitraries.of("tenant-isolation", "format-restrictions").list().ofMaxSize(2))
        .as(PolicyDecision::of);
    return Combinators.combine(timestamps(), decision, users())
        .as((t, d, user) -> new LogEntry.PolicyEvaluated(0, t, d, user, null, null));
  }

  static Arbitrary<LogEntry.ExportError> errors() {
    Arbitrary<LogEntry.ErrorInfo> error = Combinators.combine(optional(ids("q-")),
        Arbitraries.of("INVALID_REQUEST", "INVALID_DATA", "EXPORT_FAILED"), text(),
        Arbitraries.maps(Arbitraries.of("category", "format", "field", "=key"), text()).ofMaxSize(3))
        .as(LogEntry.ErrorInfo::new);
    return Combinators.combine(timestamps(), tenants(), error, users())
        .as((t, tenant, e, user) -> new LogEntry.ExportError(0, t, tenant, e, user, null, null));
  }

  static Arbitrary<Instant> timestamps() {
    return Combinators.combine(
            Arbitraries.longs().between(T0.getEpochSecond() - 86_400 * 10, T0.getEpochSecond() + 86_400 * 10),
            Arbitraries.of(0, 0, 1, 500_000_000, 123_456_789))
        .as(Instant::ofEpochSecond);
  }

  /** Mostly a small set of tenants, sometimes none. */
  static Arbitrary<String> tenants() {
    return tenantIds().injectNull(0.1);
  }

  static Arbitrary<String> tenantIds() {
    return Arbitraries.of("t1", "t2", "t3", "=t4", "tenant ü");
  }

  static Arbitrary<String> users() {
    return Arbitraries.oneOf(Arbitraries.of("alice", "bob", "carol"), text().filter(s -> !s.isEmpty()));
  }

  static Arbitrary<String> formats() {
    return Arbitraries.of("json", "csv", "html", "markdown", "zip", "auditor-package", "xlsx");
  }

  static Arbitrary<String> ids(String prefix) {
    return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(10).map(s -> prefix + s);
  }

  /** Free text, with the characters that stress JSON and CSV writers. */
  static Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("abcXYZ09 ,;:=+-@'\"\\\t\n\r/{}[]éß漢\u0000\u2028").ofMaxLength(12),
        Arbitraries.of("=SUM(A1:A9)", "+1", "-2", "@cmd", "\tTab", "\rCR", "\u0000NUL", "'quoted", "\"q\"",
            "smile \uD83D\uDE00", "line\nbreak", "plain"));
  }

  static <T> Arbitrary<T> optional(Arbitrary<T> values) {
    return values.injectNull(0.2);
  }

  // ---------------------------------------------------------------- examples

  static LogEntry.ExportGenerated generated(Instant at, String tenant, String category, String format, long size,
      long ms, List<String> sources) {
    return new LogEntry.ExportGenerated(0, at, tenant, null,
        new LogEntry.GeneratedExport("EXP-" + category + "-" + at.getEpochSecond(), "x1", "q1", category, format, 2,
            10, size, "ab".repeat(32), ms, sources),
        "alice", null, null);
  }

  static LogEntry.ExportGenerated generated(Instant at, String tenant) {
    return generated(at, tenant, "audit-findings", "json", 1000, 50, List.of("Phase 50: Audit & Governance Engine"));
  }

  static LogEntry.ExportDownloaded downloaded(Instant at, String tenant) {
    return new LogEntry.ExportDownloaded(0, at, tenant, new LogEntry.Download("EXP-1", "json", "EXP-1.json", 1000),
        "bob", null, null);
  }

  static LogEntry.PolicyEvaluated decision(Instant at, ExportScope scope, String user) {
    return new LogEntry.PolicyEvaluated(0, at,
        PolicyDecision.of("q-" + at.getEpochSecond(), scope, List.of(), List.of(), List.of("tenant-isolation")),
        user, null, null);
  }

  /** The stored lines of a log of {@code n} entries, the four kinds in turn, a minute apart. */
  static List<String> storedLog(int n) {
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant at = T0.plusSeconds(60L * i);
      entries.add(switch (i % 4) {
        case 0 -> decision(at, ExportScope.tenant("t1"), "alice");
        case 1 -> generated(at, "t1");
        case 2 -> downloaded(at, "t1");
        default -> error(at, "t2");
      });
    }
    return seal(entries);
  }

  static LogEntry.ExportError error(Instant at, String tenant) {
    return new LogEntry.ExportError(0, at, tenant,
        new LogEntry.ErrorInfo("q1", "INVALID_REQUEST", "Unknown category 'x'", Map.of("category", "x")),
        "carol", null, null);
  }
}
