package dev.exporthub.api.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Phase 57 (Workload Orchestration & Scheduling Engine): a generated workload schedule.
 *
 * @param scheduleId the record id, never blank
 * @param totalSlots not negative
 * @param totalConflicts not negative
 * @param criticalConflicts not negative
 * @param averageCapacityUtilization finite
 * @param slaRiskScore finite
 * @param createdAt never null
 * @param tenantId the owning tenant, never blank
 * @param facilityId the facility, or {@code null} when tenant-wide
 * @param relatedIds ids of related records; {@code null} means none
 * @param attributes further raw fields; {@code null} means none
 */
public record Schedule(
    String scheduleId,
    int totalSlots,
    int totalConflicts,
    int criticalConflicts,
    double averageCapacityUtilization,
    double slaRiskScore,
    Instant createdAt,
    String tenantId,
    String facilityId,
    List<String> relatedIds,
    Map<String, Object> attributes) implements SourceRecord {

  private static final String TYPE = "Schedule";

  /** Validates every field; see the parameter list for each contract. */
  public Schedule {
    scheduleId = Checks.id(TYPE, "scheduleId", scheduleId);
    Checks.count(TYPE, scheduleId, "totalSlots", totalSlots);
    Checks.count(TYPE, scheduleId, "totalConflicts", totalConflicts);
    Checks.count(TYPE, scheduleId, "criticalConflicts", criticalConflicts);
    Checks.finite(TYPE, scheduleId, "averageCapacityUtilization", averageCapacityUtilization);
    Checks.finite(TYPE, scheduleId, "slaRiskScore", slaRiskScore);
    Checks.required(TYPE, scheduleId, "createdAt", createdAt);
    Checks.text(TYPE, scheduleId, "tenantId", tenantId);
    Checks.optionalText(TYPE, scheduleId, "facilityId", facilityId);
    relatedIds = Checks.ids(TYPE, scheduleId, "relatedIds", relatedIds);
    attributes = Checks.attributes(TYPE, scheduleId, attributes);
  }

  @Override
  public SourceType type() {
    return SourceType.SCHEDULES;
  }

  @Override
  public String id() {
    return scheduleId;
  }

  /** {@inheritDoc} For this source: {@code createdAt}. */
  @Override
  public Instant timestamp() {
    return createdAt;
  }

  @Override
  public Map<String, Object> fields() {
    return new Checks.Fields()
        .put("scheduleId", scheduleId)
        .put("totalSlots", totalSlots)
        .put("totalConflicts", totalConflicts)
        .put("criticalConflicts", criticalConflicts)
        .put("averageCapacityUtilization", averageCapacityUtilization)
        .put("slaRiskScore", slaRiskScore)
        .put("createdAt", createdAt)
        .common(this);
  }
}
