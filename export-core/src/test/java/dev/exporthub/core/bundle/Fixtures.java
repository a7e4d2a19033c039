package dev.exporthub.core.bundle;

import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.Alert;
import dev.exporthub.api.source.AuditFinding;
import dev.exporthub.api.source.CapacityProjection;
import dev.exporthub.api.source.DriftEvent;
import dev.exporthub.api.source.Insight;
import dev.exporthub.api.source.OperatorMetric;
import dev.exporthub.api.source.RealTimeSignal;
import dev.exporthub.api.source.Report;
import dev.exporthub.api.source.Schedule;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.source.Task;
import dev.exporthub.api.spi.TenantDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test data built straight from the API records: records of every type with a given tenant,
 * facility and time, and a boundary data set with items just inside and just outside every edge.
 *
 * <p>Every record's other instants lie one day after its placing instant, so a builder that placed
 * items by the wrong field would include or drop the records at the range's edges.
 */
final class Fixtures {

  static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant TO = Instant.parse("2026-02-01T00:00:00Z");
  /** After {@link #TO}: with {@link #RANGE}, SLA records are judged as of {@code TO}. */
  static final Instant NOW = Instant.parse("2026-02-10T12:00:00Z");
  static final TimeRange RANGE = TimeRange.of(FROM, TO);
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final Duration NANO = Duration.ofNanos(1);
  static final Duration OTHER_FIELDS = Duration.ofDays(1);

  static final List<String> TENANTS = List.of("t-1", "t-2", "t-3");
  /** {@code null} is a tenant-wide record. */
  static final List<String> FACILITIES = Arrays.asList("f-1", "f-2", null);
  /** fed-a holds t-1 and t-2; t-3 is in fed-b. */
  static final TenantDirectory DIRECTORY = TenantDirectory.of(Map.of("fed-a", Set.of("t-1", "t-2"), "fed-b", Set.of("t-3")));

  private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");
  private static final List<String> STATUSES = List.of("open", "in-progress", "resolved");

  private Fixtures() {}

  /** Instants just outside, on and just inside both edges of {@code range}, and one in the middle. */
  static List<Instant> edges(TimeRange range) {
    Instant mid = range.from().plus(range.length().dividedBy(2));
    return List.of(range.from().minus(NANO), range.from(), range.from().plus(NANO), mid,
        range.to().minus(NANO), range.to(), range.to().plus(NANO));
  }

  /**
   * Records of every type for every tenant, facility and edge instant of {@code range}. Alerts and
   * tasks come twice: with an SLA deadline and without.
   */
  static List<SourceRecord> boundaryData(TimeRange range) {
    List<SourceRecord> all = new ArrayList<>();
    List<Instant> edges = edges(range);
    int n = 0;
    for (SourceType type : SourceType.values()) {
      for (String tenant : TENANTS) {
        for (String facility : FACILITIES) {
          for (Instant at : edges) {
            String id = prefix(type) + "-" + tenant + "-" + (facility == null ? "all" : facility) + "-" + n++;
            all.add(record(type, id, tenant, facility, at, n));
            if (type == SourceType.ALERTS) {
              all.add(alert(id + "-sla", tenant, facility, at, at.plus(Duration.ofHours(n % 48)),
                  n % 3 == 0 ? null : at.plus(OTHER_FIELDS)));
            } else if (type == SourceType.TASKS) {
              all.add(task(id + "-sla", tenant, facility, at, at.plus(Duration.ofHours(n % 48)),
                  n % 3 == 0 ? null : at.plus(OTHER_FIELDS)));
            }
          }
        }
      }
    }
    return List.copyOf(all);
  }

  static String prefix(SourceType type) {
    return switch (type) {
      case AUDIT_FINDINGS -> "af";
      case DRIFT_EVENTS -> "de";
      case ALERTS -> "al";
      case TASKS -> "tk";
      case OPERATOR_METRICS -> "om";
      case REAL_TIME_SIGNALS -> "rs";
      case CAPACITY_PROJECTIONS -> "cp";
      case SCHEDULES -> "sc";
      case INSIGHTS -> "in";
      case REPORTS -> "rp";
    };
  }

  /**
   * A record of {@code type}; {@code variant} picks its levels, statuses and numbers. Alerts and
   * tasks get no SLA deadline; the other instants lie a day after {@code at}.
   */
  static SourceRecord record(SourceType type, String id, String tenant, String facility, Instant at, int variant) {
    String severity = SEVERITIES.get(Math.floorMod(variant, SEVERITIES.size()));
    String status = STATUSES.get(Math.floorMod(variant, STATUSES.size()));
    double rate = Math.floorMod(variant * 37, 101) / 100.0;
    Instant later = at.plus(OTHER_FIELDS);
    List<String> related = List.of("rel-" + Math.floorMod(variant, 7), "rel-" + Math.floorMod(variant, 3));
    return switch (type) {
      case AUDIT_FINDINGS -> new AuditFinding(id, severity, "access-control", status, "Finding " + id, at,
          variant % 2 == 0 ? later : null, tenant, facility, related, Map.of("auditor", "a-" + variant % 4));
      case DRIFT_EVENTS -> new DriftEvent(id, severity, variant % 2 == 0 ? "temperature" : "humidity", at,
          variant % 3 == 0 ? null : later, tenant, facility, related, null);
      case ALERTS -> alert(id, tenant, facility, at, null, variant % 2 == 0 ? later : null);
      case TASKS -> task(id, tenant, facility, at, null, variant % 2 == 0 ? later : null);
      case OPERATOR_METRICS -> new OperatorMetric(id, "op-" + variant % 5, "Operator " + variant % 5, rate,
          1 - rate, rate / 2, at, tenant, facility, related, null);
      case REAL_TIME_SIGNALS -> new RealTimeSignal(id, variant % 2 == 0 ? "cpu" : "temperature", rate * 100,
          variant % 2 == 0 ? "%" : "C", severity, at, tenant, facility, related, Map.of("probe", variant));
      case CAPACITY_PROJECTIONS -> new CapacityProjection(id, "storage", 1000 * rate, severity, at, later,
          tenant, facility, related, null);
      case SCHEDULES -> new Schedule(id, 10 + variant % 7, variant % 4, variant % 2, rate, 1 - rate, at,
          tenant, facility, related, null);
      case INSIGHTS -> new Insight(id, "efficiency", severity, "Insight " + id,
          Map.of("score", rate, "trend", -rate), at, tenant, facility, related, null);
      case REPORTS -> new Report(id, variant % 2 == 0 ? "compliance" : "operations", "Report " + id,
          variant % 9, at, tenant, facility, related, null);
    };
  }

  static Alert alert(String id, String tenant, String facility, Instant createdAt, Instant deadline, Instant resolvedAt) {
    return new Alert(id, "high", "sla", resolvedAt == null ? "open" : "resolved", createdAt, resolvedAt, deadline,
        tenant, facility, List.of("rel-" + id), null);
  }

  static Task task(String id, String tenant, String facility, Instant createdAt, Instant deadline, Instant completedAt) {
    return new Task(id, "medium", completedAt == null ? "open" : "done", createdAt, completedAt, deadline,
        "op-1", tenant, facility, List.of(), null);
  }

  /** A plan with the test defaults: format json, generated by {@code u-1}, export id {@code x-1}. */
  static Plan plan(dev.exporthub.api.ExportCategory category, ExportScope scope, TimeRange range) {
    return new Plan(category, ExportFormat.JSON, scope, range, "u-1", false, "x-1");
  }
}
