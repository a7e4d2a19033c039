package dev.exporthub.api.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Phase 52 (Alert & Notification Engine): an alert, with its SLA deadline when it has one.
 *
 * @param alertId the record id, never blank
 * @param severity lower case, never blank
 * @param category never blank
 * @param status lower case, never blank
 * @param createdAt never null
 * @param resolvedAt or {@code null} when absent
 * @param slaDeadline or {@code null} when absent
 * @param tenantId the owning tenant, never blank
 * @param facilityId the facility, or {@code null} when tenant-wide
 * @param relatedIds ids of related records; {@code null} means none
 * @param attributes further raw fields; {@code null} means none
 */
public record Alert(
    String alertId,
    String severity,
    String category,
    String status,
    Instant createdAt,
    Instant resolvedAt,
    Instant slaDeadline,
    String tenantId,
    String facilityId,
    List<String> relatedIds,
    Map<String, Object> attributes) implements SourceRecord {

  private static final String TYPE = "Alert";

  /** Validates every field; see the parameter list for each contract. */
  public Alert {
    alertId = Checks.id(TYPE, "alertId", alertId);
    severity = Checks.level(TYPE, alertId, "severity", severity);
    Checks.text(TYPE, alertId, "category", category);
    status = Checks.level(TYPE, alertId, "status", status);
    Checks.required(TYPE, alertId, "createdAt", createdAt);
    Checks.text(TYPE, alertId, "tenantId", tenantId);
    Checks.optionalText(TYPE, alertId, "facilityId", facilityId);
    relatedIds = Checks.ids(TYPE, alertId, "relatedIds", relatedIds);
    attributes = Checks.attributes(TYPE, alertId, attributes);
  }

  @Override
  public SourceType type() {
    return SourceType.ALERTS;
  }

  @Override
  public String id() {
    return alertId;
  }

  /** {@inheritDoc} For this source: {@code createdAt}. */
  @Override
  public Instant timestamp() {
    return createdAt;
  }

  @Override
  public Map<String, Object> fields() {
    return new Checks.Fields()
        .put("alertId", alertId)
        .put("severity", severity)
        .put("category", category)
        .put("status", status)
        .put("createdAt", createdAt)
        .put("resolvedAt", resolvedAt)
        .put("slaDeadline", slaDeadline)
        .common(this);
  }
}
