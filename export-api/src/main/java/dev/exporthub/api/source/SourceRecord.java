package dev.exporthub.api.source;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A record produced by one of the ten operational engines.
 *
 * <p>Every record is immutable and validated on construction: ids are not blank, required fields
 * are present, numbers are finite, enumerated values (severity, status, priority, risk level) are
 * lower case ({@link java.util.Locale#ROOT}). Collections are unmodifiable copies; the
 * {@link #attributes()} map and any nested maps are sorted by key.
 */
public sealed interface SourceRecord
    permits AuditFinding, DriftEvent, Alert, Task, OperatorMetric, RealTimeSignal,
        CapacityProjection, Schedule, Insight, Report {

  /** The order of every section and of an ordered source: by timestamp, then id. */
  Comparator<SourceRecord> ORDER = Comparator.comparing(SourceRecord::timestamp).thenComparing(SourceRecord::id);

  /** The source this record belongs to. */
  SourceType type();

  /** The record's id, unique within its source. Never blank. */
  String id();

  /** The instant that places the record in time (see {@link SourceType#timeField()}). Never null. */
  Instant timestamp();

  /** The owning tenant. Never blank. */
  String tenantId();

  /** The facility within the tenant, or {@code null} when the record is tenant-wide. */
  String facilityId();

  /** Ids of related records of the same tenant, in the order the engine gave them. Never null. */
  List<String> relatedIds();

  /** Further raw fields of the engine, sorted by key. Never null. */
  Map<String, Object> attributes();

  /**
   * Every field of the record for a bundle item's {@code data}, in a fixed order: the record's own
   * fields in the order of {@code docs/SPECIFICATION.md} §2.3, then {@code tenantId},
   * {@code facilityId} and {@code attributes} (§2.2). Absent optional values and an empty
   * attributes map are left out. Instants stay {@link Instant}s; every value is an
   * {@linkplain dev.exporthub.api.ItemValue item value}, so an item takes this map as it is.
   */
  Map<String, Object> fields();
}
