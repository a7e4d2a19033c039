package dev.exporthub.api.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Phase 55 (Real-Time Telemetry & Signal Processing): one measured signal.
 *
 * @param signalId the record id, never blank
 * @param metric never blank
 * @param value finite
 * @param unit never blank
 * @param severity lower case, never blank
 * @param timestamp never null
 * @param tenantId the owning tenant, never blank
 * @param facilityId the facility, or {@code null} when tenant-wide
 * @param relatedIds ids of related records; {@code null} means none
 * @param attributes further raw fields; {@code null} means none
 */
public record RealTimeSignal(
    String signalId,
    String metric,
    double value,
    String unit,
    String severity,
    Instant timestamp,
    String tenantId,
    String facilityId,
    List<String> relatedIds,
    Map<String, Object> attributes) implements SourceRecord {

  private static final String TYPE = "RealTimeSignal";

  /** Validates every field; see the parameter list for each contract. */
  public RealTimeSignal {
    signalId = Checks.id(TYPE, "signalId", signalId);
    Checks.text(TYPE, signalId, "metric", metric);
    Checks.finite(TYPE, signalId, "value", value);
    Checks.text(TYPE, signalId, "unit", unit);
    severity = Checks.level(TYPE, signalId, "severity", severity);
    Checks.required(TYPE, signalId, "timestamp", timestamp);
    Checks.text(TYPE, signalId, "tenantId", tenantId);
    Checks.optionalText(TYPE, signalId, "facilityId", facilityId);
    relatedIds = Checks.ids(TYPE, signalId, "relatedIds", relatedIds);
    attributes = Checks.attributes(TYPE, signalId, attributes);
  }

  @Override
  public SourceType type() {
    return SourceType.REAL_TIME_SIGNALS;
  }

  @Override
  public String id() {
    return signalId;
  }

  @Override
  public Map<String, Object> fields() {
    return new Checks.Fields()
        .put("signalId", signalId)
        .put("metric", metric)
        .put("value", value)
        .put("unit", unit)
        .put("severity", severity)
        .put("timestamp", timestamp)
        .common(this);
  }
}
