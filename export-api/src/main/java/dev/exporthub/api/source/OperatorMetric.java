package dev.exporthub.api.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Phase 54 (Operator & Team Performance Engine): one operator's performance figures at an instant.
 *
 * @param metricId the record id, never blank
 * @param operatorId never blank
 * @param operatorName never blank
 * @param utilizationRate finite
 * @param taskCompletionRate finite
 * @param slaComplianceRate finite
 * @param recordedAt never null
 * @param tenantId the owning tenant, never blank
 * @param facilityId the facility, or {@code null} when tenant-wide
 * @param relatedIds ids of related records; {@code null} means none
 * @param attributes further raw fields; {@code null} means none
 */
public record OperatorMetric(
    String metricId,
    String operatorId,
    String operatorName,
    double utilizationRate,
    double taskCompletionRate,
    double slaComplianceRate,
    Instant recordedAt,
    String tenantId,
    String facilityId,
    List<String> relatedIds,
    Map<String, Object> attributes) implements SourceRecord {

  private static final String TYPE = "OperatorMetric";

  /** Validates every field; see the parameter list for each contract. */
  public OperatorMetric {
    metricId = Checks.id(TYPE, "metricId", metricId);
    Checks.text(TYPE, metricId, "operatorId", operatorId);
    Checks.text(TYPE, metricId, "operatorName", operatorName);
    Checks.finite(TYPE, metricId, "utilizationRate", utilizationRate);
    Checks.finite(TYPE, metricId, "taskCompletionRate", taskCompletionRate);
    Checks.finite(TYPE, metricId, "slaComplianceRate", slaComplianceRate);
    Checks.required(TYPE, metricId, "recordedAt", recordedAt);
    Checks.text(TYPE, metricId, "tenantId", tenantId);
    Checks.optionalText(TYPE, metricId, "facilityId", facilityId);
    relatedIds = Checks.ids(TYPE, metricId, "relatedIds", relatedIds);
    attributes = Checks.attributes(TYPE, metricId, attributes);
  }

  @Override
  public SourceType type() {
    return SourceType.OPERATOR_METRICS;
  }

  @Override
  public String id() {
    return metricId;
  }

  /** {@inheritDoc} For this source: {@code recordedAt}. */
  @Override
  public Instant timestamp() {
    return recordedAt;
  }

  @Override
  public Map<String, Object> fields() {
    return new Checks.Fields()
        .put("metricId", metricId)
        .put("operatorId", operatorId)
        .put("operatorName", operatorName)
        .put("utilizationRate", utilizationRate)
        .put("taskCompletionRate", taskCompletionRate)
        .put("slaComplianceRate", slaComplianceRate)
        .put("recordedAt", recordedAt)
        .common(this);
  }
}
