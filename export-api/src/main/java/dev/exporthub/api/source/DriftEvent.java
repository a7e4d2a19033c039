package dev.exporthub.api.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Phase 51 (Drift Detection Engine): an environmental drift that was detected.
 *
 * @param driftId the record id, never blank
 * @param severity lower case, never blank
 * @param category never blank
 * @param detectedAt never null
 * @param resolvedAt or {@code null} when absent
 * @param tenantId the owning tenant, never blank
 * @param facilityId the facility, or {@code null} when tenant-wide
 * @param relatedIds ids of related records; {@code null} means none
 * @param attributes further raw fields; {@code null} means none
 */
public record DriftEvent(
    String driftId,
    String severity,
    String category,
    Instant detectedAt,
    Instant resolvedAt,
    String tenantId,
    String facilityId,
    List<String> relatedIds,
    Map<String, Object> attributes) implements SourceRecord {

  private static final String TYPE = "DriftEvent";

  /** Validates every field; see the parameter list for each contract. */
  public DriftEvent {
    driftId = Checks.id(TYPE, "driftId", driftId);
    severity = Checks.level(TYPE, driftId, "severity", severity);
    Checks.text(TYPE, driftId, "category", category);
    Checks.required(TYPE, driftId, "detectedAt", detectedAt);
    Checks.text(TYPE, driftId, "tenantId", tenantId);
    Checks.optionalText(TYPE, driftId, "facilityId", facilityId);
    relatedIds = Checks.ids(TYPE, driftId, "relatedIds", relatedIds);
    attributes = Checks.attributes(TYPE, driftId, attributes);
  }

  @Override
  public SourceType type() {
    return SourceType.DRIFT_EVENTS;
  }

  @Override
  public String id() {
    return driftId;
  }

  /** {@inheritDoc} For this source: {@code detectedAt}. */
  @Override
  public Instant timestamp() {
    return detectedAt;
  }

  @Override
  public Map<String, Object> fields() {
    return new Checks.Fields()
        .put("driftId", driftId)
        .put("severity", severity)
        .put("category", category)
        .put("detectedAt", detectedAt)
        .put("resolvedAt", resolvedAt)
        .common(this);
  }
}
