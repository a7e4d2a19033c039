package dev.exporthub.api;

/**
 * Which slice of the data an export covers. Every part is optional; a scope with neither tenant nor
 * federation means the caller's own tenant, never "everything" (the policy resolves it before any
 * rule runs).
 *
 * @param tenantId     keep only this tenant's records, or {@code null}
 * @param facilityId   keep only this facility's records, or {@code null}
 * @param federationId keep only records of tenants in this federation, or {@code null}
 */
public record ExportScope(String tenantId, String facilityId, String federationId) {

  private static final ExportScope UNSCOPED = new ExportScope(null, null, null);

  /** Blank parts are bad input, not wildcards. */
  public ExportScope {
    requireNotBlank("tenantId", tenantId);
    requireNotBlank("facilityId", facilityId);
    requireNotBlank("federationId", federationId);
  }

  private static void requireNotBlank(String name, String value) {
    if (value != null && value.isBlank()) {
      throw new InvalidRequestException("Scope " + name + " must not be blank; leave it out instead");
    }
  }

  /** No explicit scope: the caller's own tenant. */
  public static ExportScope unscoped() {
    return UNSCOPED;
  }

  /** One tenant, all its facilities. */
  public static ExportScope tenant(String tenantId) {
    return new ExportScope(tenantId, null, null);
  }

  /** One facility of one tenant. */
  public static ExportScope facility(String tenantId, String facilityId) {
    return new ExportScope(tenantId, facilityId, null);
  }

  /** Every tenant of one federation. */
  public static ExportScope federation(String federationId) {
    return new ExportScope(null, null, federationId);
  }

  /** This scope with another tenant. */
  public ExportScope withTenant(String tenant) {
    return new ExportScope(tenant, facilityId, federationId);
  }

  /**
   * The scope in words, as every human-readable output and title shows it: {@code tenant t-1},
   * {@code tenant t-1, facility f-a}, {@code federation fed-north}; {@code unscoped} when empty.
   */
  public String label() {
    StringBuilder text = new StringBuilder();
    part(text, "tenant ", tenantId);
    part(text, "facility ", facilityId);
    part(text, "federation ", federationId);
    return text.length() == 0 ? "unscoped" : text.toString();
  }

  private static void part(StringBuilder text, String name, String value) {
    if (value != null) {
      text.append(text.length() == 0 ? "" : ", ").append(name).append(value);
    }
  }

  /** {@code true} when neither a tenant nor a federation is named. */
  public boolean isUnscoped() {
    return tenantId == null && federationId == null;
  }
}
