package dev.exporthub.core.policy;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.spi.PolicyRule;
import java.time.Duration;
import java.util.Objects;

/**
 * The spec's six policy rules, in order. Conditions, roles, permissions and messages are the
 * spec's, word for word.
 */
public enum BuiltInRule implements PolicyRule {

  /**
   * Rule 1. A scope naming another tenant than the caller's needs {@code export:cross-tenant} or
   * {@code export:federation-admin}. A federation scope names no tenant, so it is rule 2's to judge.
   */
  TENANT_ISOLATION("tenant-isolation") {
    @Override
    public Verdict evaluate(Check check) {
      ExportScope scope = check.resolvedScope();
      Caller caller = check.caller();
      if (scope.tenantId() != null && !scope.tenantId().equals(caller.tenantId())
          && !caller.hasPermission(CROSS_TENANT) && !caller.hasPermission(FEDERATION_ADMIN)) {
        return Verdict.violation("Cross-tenant export access denied");
      }
      return Verdict.pass();
    }
  },

  /**
   * Rule 2. A federation scope needs {@code export:federation-admin}, membership of that federation,
   * or {@code export:federation:{federationId}}. As specified, a member may so export every tenant
   * of their federation: this is a decision, not an accident.
   */
  FEDERATION_ACCESS("federation-access") {
    @Override
    public Verdict evaluate(Check check) {
      String federation = check.resolvedScope().federationId();
      Caller caller = check.caller();
      if (federation != null && !caller.hasPermission(FEDERATION_ADMIN)
          && !federation.equals(caller.federationId())
          && !caller.hasPermission("export:federation:" + federation)) {
        return Verdict.violation("Federation export access denied");
      }
      return Verdict.pass();
    }
  },

  /** Rule 3. Executive summary and full operational need role executive or admin, or {@code export:executive-view}. */
  EXECUTIVE_PERMISSIONS("export-permissions") {
    @Override
    public Verdict evaluate(Check check) {
      ExportCategory category = check.request().category();
      Caller caller = check.caller();
      if ((category == ExportCategory.EXECUTIVE_SUMMARY || category == ExportCategory.FULL_OPERATIONAL)
          && !caller.hasRole("executive") && !caller.hasRole("admin")
          && !caller.hasPermission("export:executive-view")) {
        return Verdict.violation("Executive-level exports require executive permissions");
      }
      return Verdict.pass();
    }
  },

  /** Rule 4. The compliance pack needs role auditor, executive or admin, or {@code export:compliance-pack}. */
  COMPLIANCE_RESTRICTIONS("compliance-restrictions") {
    @Override
    public Verdict evaluate(Check check) {
      Caller caller = check.caller();
      if (check.request().category() == ExportCategory.COMPLIANCE_PACK
          && !caller.hasRole("auditor") && !caller.hasRole("executive") && !caller.hasRole("admin")
          && !caller.hasPermission("export:compliance-pack")) {
        return Verdict.violation("Compliance pack exports require auditor role or permission");
      }
      return Verdict.pass();
    }
  },

  /**
   * Rule 5. A range longer than 90 days needs {@code export:long-range}; when granted, the export is
   * allowed with a warning. Exactly 90 days is not long-range.
   */
  DATA_RETENTION("data-retention") {
    @Override
    public Verdict evaluate(Check check) {
      if (check.timeRange().length().compareTo(MAX_RANGE) > 0) {
        return check.caller().hasPermission("export:long-range")
            ? Verdict.warning("Long-range exports may have reduced data availability or increased generation time")
            : Verdict.violation("Time range exceeds 90 days. Requires export:long-range permission");
      }
      return Verdict.pass();
    }
  },

  /** Rule 6. Every multi-file bundle format (ZIP, Auditor Package, plugins alike) needs {@code export:bundle-formats}. */
  FORMAT_RESTRICTIONS("format-restrictions") {
    @Override
    public Verdict evaluate(Check check) {
      if (check.format().multiFile() && !check.caller().hasPermission("export:bundle-formats")) {
        return Verdict.violation("Format '" + check.format().format().id() + "' requires export:bundle-formats permission");
      }
      return Verdict.pass();
    }
  };

  /** The longest range that needs no {@code export:long-range} permission. */
  public static final Duration MAX_RANGE = Duration.ofDays(90);

  private static final String CROSS_TENANT = "export:cross-tenant";
  private static final String FEDERATION_ADMIN = "export:federation-admin";

  private final String id;

  BuiltInRule(String id) {
    this.id = Objects.requireNonNull(id);
  }

  @Override
  public String id() {
    return id;
  }
}
