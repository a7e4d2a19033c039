package dev.exporthub.api.source;

import dev.exporthub.api.InvalidDataException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Phase 56 (Capacity Forecasting & Resource Planning): a projected capacity for a window.
 *
 * @param projectionId the record id, never blank
 * @param category never blank
 * @param projectedCapacity finite
 * @param riskLevel lower case, never blank
 * @param windowStart never null
 * @param windowEnd never null
 * @param tenantId the owning tenant, never blank
 * @param facilityId the facility, or {@code null} when tenant-wide
 * @param relatedIds ids of related records; {@code null} means none
 * @param attributes further raw fields; {@code null} means none
 */
public record CapacityProjection(
    String projectionId,
    String category,
    double projectedCapacity,
    String riskLevel,
    Instant windowStart,
    Instant windowEnd,
    String tenantId,
    String facilityId,
    List<String> relatedIds,
    Map<String, Object> attributes) implements SourceRecord {

  private static final String TYPE = "CapacityProjection";

  /** Validates every field; see the parameter list for each contract. */
  public CapacityProjection {
    projectionId = Checks.id(TYPE, "projectionId", projectionId);
    Checks.text(TYPE, projectionId, "category", category);
    Checks.finite(TYPE, projectionId, "projectedCapacity", projectedCapacity);
    riskLevel = Checks.level(TYPE, projectionId, "riskLevel", riskLevel);
    Checks.required(TYPE, projectionId, "windowStart", windowStart);
    Checks.required(TYPE, projectionId, "windowEnd", windowEnd);
    if (windowEnd.isBefore(windowStart)) {
      throw new InvalidDataException(TYPE, projectionId, "windowEnd", "must not be before windowStart " + windowStart);
    }
    Checks.text(TYPE, projectionId, "tenantId", tenantId);
    Checks.optionalText(TYPE, projectionId, "facilityId", facilityId);
    relatedIds = Checks.ids(TYPE, projectionId, "relatedIds", relatedIds);
    attributes = Checks.attributes(TYPE, projectionId, attributes);
  }

  @Override
  public SourceType type() {
    return SourceType.CAPACITY_PROJECTIONS;
  }

  @Override
  public String id() {
    return projectionId;
  }

  /** {@inheritDoc} For this source: {@code windowStart}. */
  @Override
  public Instant timestamp() {
    return windowStart;
  }

  @Override
  public Map<String, Object> fields() {
    return new Checks.Fields()
        .put("projectionId", projectionId)
        .put("category", category)
        .put("projectedCapacity", projectedCapacity)
        .put("riskLevel", riskLevel)
        .put("windowStart", windowStart)
        .put("windowEnd", windowEnd)
        .common(this);
  }
}
