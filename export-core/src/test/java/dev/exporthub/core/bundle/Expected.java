package dev.exporthub.core.bundle;

import dev.exporthub.api.ExportScope;
import dev.exporthub.api.SectionKind;
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
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The test's own answer to "what belongs in this section": scope and time range written out
 * independently of the builder (and of {@link SourceRecord#timestamp()}), from
 * {@code docs/SPECIFICATION.md} §2.1 and §3.3.
 */
final class Expected {

  /** The federations of {@code Fixtures.DIRECTORY}, restated rather than asked of the directory. */
  static final Map<String, Set<String>> FEDERATIONS = Map.of("fed-a", Set.of("t-1", "t-2"), "fed-b", Set.of("t-3"));

  private Expected() {}

  /** Each source's time field, {@code docs/SPECIFICATION.md} §2.1. */
  static Instant placedAt(SourceRecord record) {
    if (record instanceof AuditFinding f) {
      return f.foundAt();
    } else if (record instanceof DriftEvent d) {
      return d.detectedAt();
    } else if (record instanceof Alert a) {
      return a.createdAt();
    } else if (record instanceof Task t) {
      return t.createdAt();
    } else if (record instanceof OperatorMetric m) {
      return m.recordedAt();
    } else if (record instanceof RealTimeSignal s) {
      return s.timestamp();
    } else if (record instanceof CapacityProjection p) {
      return p.windowStart();
    } else if (record instanceof Schedule s) {
      return s.createdAt();
    } else if (record instanceof Insight i) {
      return i.generatedAt();
    } else if (record instanceof Report r) {
      return r.generatedAt();
    }
    throw new AssertionError(record);
  }

  /**
   * Tenant, facility and federation as {@code docs/SPECIFICATION.md} §3.3 says; the scope is already
   * resolved (§6.2).
   */
  static boolean inScope(SourceRecord record, ExportScope scope) {
    if (scope.tenantId() != null && !scope.tenantId().equals(record.tenantId())) {
      return false;
    }
    if (scope.federationId() != null
        && !FEDERATIONS.getOrDefault(scope.federationId(), Set.of()).contains(record.tenantId())) {
      return false;
    }
    return scope.facilityId() == null || scope.facilityId().equals(record.facilityId());
  }

  /** {@code from <= t < to}, written without {@link TimeRange#contains}. */
  static boolean inRange(Instant t, TimeRange range) {
    return t.compareTo(range.from()) >= 0 && t.compareTo(range.to()) < 0;
  }

  /** The item ids a section must hold, in (timestamp, itemId) order. */
  static List<String> itemIds(SectionKind kind, List<? extends SourceRecord> records, ExportScope scope,
      TimeRange range) {
    record Placed(Instant at, String id) { }
    return records.stream()
        .filter(r -> inScope(r, scope) && inRange(placedAt(r), range))
        .filter(r -> kind == SectionKind.SLA_COMPLIANCE
            ? (r instanceof Alert a && a.slaDeadline() != null) || (r instanceof Task t && t.slaDeadline() != null)
            : r.type() == kind.source().orElseThrow())
        .map(r -> new Placed(placedAt(r), kind == SectionKind.SLA_COMPLIANCE
            ? (r instanceof Alert ? "alert:" : "task:") + r.id() : r.id()))
        .sorted(Comparator.comparing(Placed::at).thenComparing(Placed::id))
        .map(Placed::id)
        .toList();
  }

  /** The ids of one source in scope and range, for the references object. */
  static List<String> sourceIds(SourceType type, List<? extends SourceRecord> records, ExportScope scope,
      TimeRange range) {
    return records.stream()
        .filter(r -> r.type() == type && inScope(r, scope) && inRange(placedAt(r), range))
        .map(SourceRecord::id)
        .sorted()
        .toList();
  }
}
