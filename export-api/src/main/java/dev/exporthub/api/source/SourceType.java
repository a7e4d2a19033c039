package dev.exporthub.api.source;

import java.util.Locale;
import java.util.Optional;

/**
 * The ten operational sources (phases 50 to 59), in phase order.
 *
 * <p>Each constant names the record type it holds, the record's id and time fields, the item type
 * its records have in a bundle, the key of the bundle's references object, and the file name stem
 * of the data-directory layout.
 */
public enum SourceType {
  AUDIT_FINDINGS(50, "audit-findings", "auditFindings", "audit-finding", AuditFinding.class, "auditFindingId", "foundAt"),
  DRIFT_EVENTS(51, "drift-events", "driftEvents", "drift-event", DriftEvent.class, "driftId", "detectedAt"),
  ALERTS(52, "alerts", "alerts", "alert", Alert.class, "alertId", "createdAt"),
  TASKS(53, "tasks", "tasks", "task", Task.class, "taskId", "createdAt"),
  OPERATOR_METRICS(54, "operator-metrics", "operatorMetrics", "operator-metric", OperatorMetric.class, "metricId", "recordedAt"),
  REAL_TIME_SIGNALS(55, "real-time-signals", "realTimeSignals", "real-time-signal", RealTimeSignal.class, "signalId", "timestamp"),
  CAPACITY_PROJECTIONS(56, "capacity-projections", "capacityProjections", "capacity-projection", CapacityProjection.class, "projectionId", "windowStart"),
  SCHEDULES(57, "schedules", "schedules", "schedule", Schedule.class, "scheduleId", "createdAt"),
  INSIGHTS(58, "insights", "insights", "insight", Insight.class, "insightId", "generatedAt"),
  REPORTS(59, "reports", "reports", "report", Report.class, "reportId", "generatedAt");

  private final int phase;
  private final String id;
  private final String referencesKey;
  private final String itemType;
  private final Class<? extends SourceRecord> recordType;
  private final String idField;
  private final String timeField;

  SourceType(int phase, String id, String referencesKey, String itemType,
      Class<? extends SourceRecord> recordType, String idField, String timeField) {
    this.phase = phase;
    this.id = id;
    this.referencesKey = referencesKey;
    this.itemType = itemType;
    this.recordType = recordType;
    this.idField = idField;
    this.timeField = timeField;
  }

  /** The phase number of the engine that produces these records, 50 to 59. */
  public int phase() {
    return phase;
  }

  /** A stable kebab-case id, also the data-directory file stem, e.g. {@code drift-events}. */
  public String id() {
    return id;
  }

  /** The key of this source in a bundle's references object, e.g. {@code driftEvents}. */
  public String referencesKey() {
    return referencesKey;
  }

  /** The item type of these records in a bundle, e.g. {@code drift-event}. */
  public String itemType() {
    return itemType;
  }

  /** The record class of this source. */
  public Class<? extends SourceRecord> recordType() {
    return recordType;
  }

  /** The name of the record's id field, e.g. {@code driftId}. */
  public String idField() {
    return idField;
  }

  /** The name of the field that places a record in time, e.g. {@code detectedAt}. */
  public String timeField() {
    return timeField;
  }

  /** The source with this {@link #id()}, case-insensitively. */
  public static Optional<SourceType> fromId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String wanted = id.toLowerCase(Locale.ROOT);
    for (SourceType type : values()) {
      if (type.id.equals(wanted)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
