package dev.exporthub.api.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Phase 58 (Executive Insights & Enterprise Reporting Center): an executive insight with its metrics.
 *
 * @param insightId the record id, never blank
 * @param category never blank
 * @param severity lower case, never blank
 * @param summary never blank
 * @param metrics sorted by name, each value finite; never null
 * @param generatedAt never null
 * @param tenantId the owning tenant, never blank
 * @param facilityId the facility, or {@code null} when tenant-wide
 * @param relatedIds ids of related records; {@code null} means none
 * @param attributes further raw fields; {@code null} means none
 */
public record Insight(
    String insightId,
    String category,
    String severity,
    String summary,
    Map<String, Double> metrics,
    Instant generatedAt,
    String tenantId,
    String facilityId,
    List<String> relatedIds,
    Map<String, Object> attributes) implements SourceRecord {

  private static final String TYPE = "Insight";

  /** Validates every field; see the parameter list for each contract. */
  public Insight {
    insightId = Checks.id(TYPE, "insightId", insightId);
    Checks.text(TYPE, insightId, "category", category);
    severity = Checks.level(TYPE, insightId, "severity", severity);
    Checks.text(TYPE, insightId, "summary", summary);
    metrics = Checks.metrics(TYPE, insightId, "metrics", metrics);
    Checks.required(TYPE, insightId, "generatedAt", generatedAt);
    Checks.text(TYPE, insightId, "tenantId", tenantId);
    Checks.optionalText(TYPE, insightId, "facilityId", facilityId);
    relatedIds = Checks.ids(TYPE, insightId, "relatedIds", relatedIds);
    attributes = Checks.attributes(TYPE, insightId, attributes);
  }

  @Override
  public SourceType type() {
    return SourceType.INSIGHTS;
  }

  @Override
  public String id() {
    return insightId;
  }

  /** {@inheritDoc} For this source: {@code generatedAt}. */
  @Override
  public Instant timestamp() {
    return generatedAt;
  }

  @Override
  public Map<String, Object> fields() {
    return new Checks.Fields()
        .put("insightId", insightId)
        .put("category", category)
        .put("severity", severity)
        .put("summary", summary)
        .put("metrics", metrics)
        .put("generatedAt", generatedAt)
        .common(this);
  }
}
