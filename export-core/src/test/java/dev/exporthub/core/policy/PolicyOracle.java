package dev.exporthub.core.policy;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The six built-in rules restated from the table of {@code docs/SPECIFICATION.md} §6.3, sharing no
 * code with {@link BuiltInRule} or {@link dev.exporthub.api.Caller#hasRole}: the reference the engine
 * is checked against. Rule 1 is judged on the resolved scope, and only when it names a tenant
 * (§6.4, and §11.1 row 20 for how that differs from the reference specification); a federation-only
 * scope names no tenant.
 */
final class PolicyOracle {

  /** What the six rules say, in rule order. */
  record Judgement(List<String> violations, List<String> warnings) {
    boolean allows() {
      return violations.isEmpty();
    }
  }

  private static final long NINETY_DAYS_IN_SECONDS = 90L * 24 * 60 * 60;

  private PolicyOracle() {
  }

  static Judgement judge(Caller caller, ExportScope requested, ExportCategory category, String formatId,
      boolean multiFile, TimeRange range) {
    String tenant = requested.tenantId();
    String federation = requested.federationId();
    if (tenant == null && federation == null) {
      tenant = caller.tenantId();
    }
    Set<String> granted = caller.permissions();
    String role = caller.role() == null ? "" : caller.role().toLowerCase(Locale.ROOT);
    List<String> violations = new ArrayList<>();
    List<String> warnings = new ArrayList<>();

    if (tenant != null && !tenant.equals(caller.tenantId())
        && !granted.contains("export:cross-tenant") && !granted.contains("export:federation-admin")) {
      violations.add("Cross-tenant export access denied");
    }
    if (federation != null && !granted.contains("export:federation-admin")
        && !federation.equals(caller.federationId()) && !granted.contains("export:federation:" + federation)) {
      violations.add("Federation export access denied");
    }
    if ((category.id().equals("executive-summary") || category.id().equals("full-operational"))
        && !Set.of("executive", "admin").contains(role) && !granted.contains("export:executive-view")) {
      violations.add("Executive-level exports require executive permissions");
    }
    if (category.id().equals("compliance-pack")
        && !Set.of("auditor", "executive", "admin").contains(role) && !granted.contains("export:compliance-pack")) {
      violations.add("Compliance pack exports require auditor role or permission");
    }
    long seconds = range.to().getEpochSecond() - range.from().getEpochSecond();
    int nanos = range.to().getNano() - range.from().getNano();
    boolean longRange = seconds > NINETY_DAYS_IN_SECONDS || (seconds == NINETY_DAYS_IN_SECONDS && nanos > 0);
    if (longRange) {
      if (granted.contains("export:long-range")) {
        warnings.add("Long-range exports may have reduced data availability or increased generation time");
      } else {
        violations.add("Time range exceeds 90 days. Requires export:long-range permission");
      }
    }
    if (multiFile && !granted.contains("export:bundle-formats")) {
      violations.add("Format '" + formatId + "' requires export:bundle-formats permission");
    }
    return new Judgement(violations, warnings);
  }
}
