package dev.exporthub.api.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Phase 50 (Audit & Governance Engine): a finding of an audit.
 *
 * @param auditFindingId the record id, never blank
 * @param severity lower case, never blank
 * @param category never blank
 * @param status lower case, never blank
 * @param description never blank
 * @param foundAt never null
 * @param resolvedAt or {@code null} when absent
 * @param tenantId the owning tenant, never blank
 * @param facilityId the facility, or {@code null} when tenant-wide
 * @param relatedIds ids of related records; {@code null} means none
 * @param attributes further raw fields; {@code null} means none
 */
public record AuditFinding(
    String auditFindingId,
    String severity,
    String category,
    String status,
    String description,
    Instant foundAt,
    Instant resolvedAt,
    String tenantId,
    String facilityId,
    List<String> relatedIds,
    Map<String, Object> attributes) implements SourceRecord {

  private static final String TYPE = "AuditFinding";

  /** Validates every field; see the parameter list for each contract. */
  public AuditFinding {
    auditFindingId = Checks.id(TYPE, "auditFindingId", auditFindingId);
    severity = Checks.level(TYPE, auditFindingId, "severity", severity);
    Checks.text(TYPE, auditFindingId, "category", category);
    status = Checks.level(TYPE, auditFindingId, "status", status);
    Checks.text(TYPE, auditFindingId, "description", description);
    Checks.required(TYPE, auditFindingId, "foundAt", foundAt);
    Checks.text(TYPE, auditFindingId, "tenantId", tenantId);
    Checks.optionalText(TYPE, auditFindingId, "facilityId", facilityId);
    relatedIds = Checks.ids(TYPE, auditFindingId, "relatedIds", relatedIds);
    attributes = Checks.attributes(TYPE, auditFindingId, attributes);
  }

  @Override
  public SourceType type() {
    return SourceType.AUDIT_FINDINGS;
  }

  @Override
  public String id() {
    return auditFindingId;
  }

  /** {@inheritDoc} For this source: {@code foundAt}. */
  @Override
  public Instant timestamp() {
    return foundAt;
  }

  @Override
  public Map<String, Object> fields() {
    return new Checks.Fields()
        .put("auditFindingId", auditFindingId)
        .put("severity", severity)
        .put("category", category)
        .put("status", status)
        .put("description", description)
        .put("foundAt", foundAt)
        .put("resolvedAt", resolvedAt)
        .common(this);
  }
}
