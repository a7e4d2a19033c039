package dev.exporthub.core.policy;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ResolvedExport;
import dev.exporthub.api.spi.PolicyRule;
import java.time.Duration;
import java.util.Objects;

/**
 * The six built-in policy rules of {@code docs/SPECIFICATION.md} §6.3 (the reference
 * specification's "Policy Enforcement"), in the order they are evaluated. Roles, permissions and
 * messages are the reference specification's, word for word; the rule ids are the project's, and
 * the conditions of rules 1 and 6 differ from the reference as §11.1 rows 20 and 21 say. Each rule
 * judges the <em>resolved</em> scope ({@link ResolvedExport#scope()}, §6.2): a request naming
 * neither tenant nor federation is judged as a request for the caller's own tenant.
 *
 * <p>Roles compare case-insensitively ({@link java.util.Locale#ROOT}, see {@link Caller#hasRole});
 * permissions compare exactly.
 *
 * <p>Each rule is independent of the others: no rule's outcome relaxes another's, so a request
 * collects the violations of every rule it breaks.
 */
public enum BuiltInRule implements PolicyRule {

  /**
   * Rule 1, {@code tenant-isolation}. A resolved scope that names a tenant other than the caller's
   * needs {@code export:cross-tenant} or {@code export:federation-admin}; otherwise
   * {@value #TENANT_ISOLATION_VIOLATION}.
   *
   * <p>A scope naming only a federation names no tenant, so this rule is silent and rule 2 judges it
   * (were it not, rule 2's membership and {@code export:federation:{id}} grants could never allow
   * anything). A scope naming a tenant <em>and</em> a federation is judged by both rules, literally:
   * a federation member who asks for {@code {tenant: t-2, federation: their-federation}} is denied
   * by this rule unless they hold one of its two permissions, even though {@code t-2} is in their
   * federation and they may export the whole federation (which includes {@code t-2}) with a
   * federation-only scope. Tenant isolation never consults the tenant directory, so no membership
   * record can open a single foreign tenant.
   */
  TENANT_ISOLATION("tenant-isolation") {
    @Override
    public Verdict evaluate(ResolvedExport export) {
      ExportScope scope = export.scope();
      Caller caller = export.caller();
      if (scope.tenantId() != null && !scope.tenantId().equals(caller.tenantId())
          && !caller.hasPermission(CROSS_TENANT) && !caller.hasPermission(FEDERATION_ADMIN)) {
        return Verdict.violation(TENANT_ISOLATION_VIOLATION);
      }
      return Verdict.pass();
    }
  },

  /**
   * Rule 2, {@code federation-access}. A resolved scope that names a federation needs
   * {@code export:federation-admin}, membership of that federation ({@link Caller#federationId()}
   * equal to the scope's), or {@code export:federation:{federationId}}; otherwise
   * {@value #FEDERATION_ACCESS_VIOLATION}.
   *
   * <p><strong>As {@code docs/SPECIFICATION.md} §6.4 states, a federation member may export every
   * tenant of their federation</strong> with a federation-only scope, without
   * {@code export:cross-tenant}: membership is the grant. This is a decision, not an accident.
   * Membership is what the host put in the {@link Caller}; the tenant directory decides only which
   * tenants' records such an export holds.
   */
  FEDERATION_ACCESS("federation-access") {
    @Override
    public Verdict evaluate(ResolvedExport export) {
      String federation = export.scope().federationId();
      Caller caller = export.caller();
      if (federation != null && !caller.hasPermission(FEDERATION_ADMIN)
          && !federation.equals(caller.federationId())
          && !caller.hasPermission("export:federation:" + federation)) {
        return Verdict.violation(FEDERATION_ACCESS_VIOLATION);
      }
      return Verdict.pass();
    }
  },

  /**
   * Rule 3, {@code export-permissions}. The executive summary and the full operational export need
   * role {@code executive} or {@code admin}, or {@code export:executive-view}; otherwise
   * {@value #EXPORT_PERMISSIONS_VIOLATION}.
   */
  EXPORT_PERMISSIONS("export-permissions") {
    @Override
    public Verdict evaluate(ResolvedExport export) {
      ExportCategory category = export.category();
      Caller caller = export.caller();
      if ((category == ExportCategory.EXECUTIVE_SUMMARY || category == ExportCategory.FULL_OPERATIONAL)
          && !caller.hasRole("executive") && !caller.hasRole("admin")
          && !caller.hasPermission("export:executive-view")) {
        return Verdict.violation(EXPORT_PERMISSIONS_VIOLATION);
      }
      return Verdict.pass();
    }
  },

  /**
   * Rule 4, {@code compliance-restrictions}. The compliance pack needs role {@code auditor},
   * {@code executive} or {@code admin}, or {@code export:compliance-pack}; otherwise
   * {@value #COMPLIANCE_RESTRICTIONS_VIOLATION}.
   */
  COMPLIANCE_RESTRICTIONS("compliance-restrictions") {
    @Override
    public Verdict evaluate(ResolvedExport export) {
      Caller caller = export.caller();
      if (export.category() == ExportCategory.COMPLIANCE_PACK
          && !caller.hasRole("auditor") && !caller.hasRole("executive") && !caller.hasRole("admin")
          && !caller.hasPermission("export:compliance-pack")) {
        return Verdict.violation(COMPLIANCE_RESTRICTIONS_VIOLATION);
      }
      return Verdict.pass();
    }
  },

  /**
   * Rule 5, {@code data-retention}. An effective time range longer than {@link #MAX_RANGE} (90 days)
   * needs {@code export:long-range}; without it {@value #DATA_RETENTION_VIOLATION}, with it the
   * export is allowed with the warning {@value #DATA_RETENTION_WARNING}. Exactly 90 days is not
   * long-range; one nanosecond more is. An inverted range never gets here: {@link
   * dev.exporthub.api.TimeRange} refuses it as an invalid request.
   */
  DATA_RETENTION("data-retention") {
    @Override
    public Verdict evaluate(ResolvedExport export) {
      if (export.timeRange().length().compareTo(MAX_RANGE) > 0) {
        return export.caller().hasPermission("export:long-range")
            ? Verdict.warning(DATA_RETENTION_WARNING)
            : Verdict.violation(DATA_RETENTION_VIOLATION);
      }
      return Verdict.pass();
    }
  },

  /**
   * Rule 6, {@code format-restrictions}. Every format whose writer declares itself a multi-file
   * bundle ({@link dev.exporthub.api.spi.FormatDescriptor#multiFile()}) needs
   * {@code export:bundle-formats}; otherwise {@code Format '{format}' requires export:bundle-formats
   * permission}. The reference specification names {@code zip} and {@code auditor-package}; a
   * plugin bundle format is protected the same way, because the rule asks the writer, not a list of
   * ids ({@code docs/SPECIFICATION.md} §11.1 row 21).
   */
  FORMAT_RESTRICTIONS("format-restrictions") {
    @Override
    public Verdict evaluate(ResolvedExport export) {
      if (export.format().multiFile() && !export.caller().hasPermission("export:bundle-formats")) {
        return Verdict.violation(formatRestrictionsViolation(export.format().format().id()));
      }
      return Verdict.pass();
    }
  };

  /** The longest range that needs no {@code export:long-range} permission: 90 days. */
  public static final Duration MAX_RANGE = Duration.ofDays(90);

  /** Rule 1's violation. */
  public static final String TENANT_ISOLATION_VIOLATION = "Cross-tenant export access denied";
  /** Rule 2's violation. */
  public static final String FEDERATION_ACCESS_VIOLATION = "Federation export access denied";
  /** Rule 3's violation. */
  public static final String EXPORT_PERMISSIONS_VIOLATION = "Executive-level exports require executive permissions";
  /** Rule 4's violation. */
  public static final String COMPLIANCE_RESTRICTIONS_VIOLATION =
      "Compliance pack exports require auditor role or permission";
  /** Rule 5's violation. */
  public static final String DATA_RETENTION_VIOLATION =
      "Time range exceeds 90 days. Requires export:long-range permission";
  /** Rule 5's warning, when {@code export:long-range} is granted. */
  public static final String DATA_RETENTION_WARNING =
      "Long-range exports may have reduced data availability or increased generation time";

  private static final String CROSS_TENANT = "export:cross-tenant";
  private static final String FEDERATION_ADMIN = "export:federation-admin";

  private final String id;

  BuiltInRule(String id) {
    this.id = Objects.requireNonNull(id);
  }

  /** The rule's stable id, e.g. {@code tenant-isolation}. */
  @Override
  public String id() {
    return id;
  }

  /** Rule 6's violation for a format id, e.g. {@code Format 'zip' requires export:bundle-formats permission}. */
  public static String formatRestrictionsViolation(String formatId) {
    return "Format '" + formatId + "' requires export:bundle-formats permission";
  }
}
