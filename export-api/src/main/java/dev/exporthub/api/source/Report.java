package dev.exporthub.api.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Phase 59 (Enterprise Reporting & Compliance Pack Generator): a generated enterprise report.
 *
 * @param reportId the record id, never blank
 * @param category never blank
 * @param title never blank
 * @param sectionsCount not negative
 * @param generatedAt never null
 * @param tenantId the owning tenant, never blank
 * @param facilityId the facility, or {@code null} when tenant-wide
 * @param relatedIds ids of related records; {@code null} means none
 * @param attributes further raw fields; {@code null} means none
 */
public record Report(
    String reportId,
    String category,
    String title,
    int sectionsCount,
    Instant generatedAt,
    String tenantId,
    String facilityId,
    List<String> relatedIds,
    Map<String, Object> attributes) implements SourceRecord {

  private static final String TYPE = "Report";

  /** Validates every field; see the parameter list for each contract. */
  public Report {
    reportId = Checks.id(TYPE, "reportId", reportId);
    Checks.text(TYPE, reportId, "category", category);
    Checks.text(TYPE, reportId, "title", title);
    Checks.count(TYPE, reportId, "sectionsCount", sectionsCount);
    Checks.required(TYPE, reportId, "generatedAt", generatedAt);
    Checks.text(TYPE, reportId, "tenantId", tenantId);
    Checks.optionalText(TYPE, reportId, "facilityId", facilityId);
    relatedIds = Checks.ids(TYPE, reportId, "relatedIds", relatedIds);
    attributes = Checks.attributes(TYPE, reportId, attributes);
  }

  @Override
  public SourceType type() {
    return SourceType.REPORTS;
  }

  @Override
  public String id() {
    return reportId;
  }

  /** {@inheritDoc} For this source: {@code generatedAt}. */
  @Override
  public Instant timestamp() {
    return generatedAt;
  }

  @Override
  public Map<String, Object> fields() {
    return new Checks.Fields()
        .put("reportId", reportId)
        .put("category", category)
        .put("title", title)
        .put("sectionsCount", sectionsCount)
        .put("generatedAt", generatedAt)
        .common(this);
  }
}
