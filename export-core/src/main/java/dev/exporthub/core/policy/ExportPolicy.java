package dev.exporthub.core.policy;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.PolicyDecision;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.PolicyRule;
import dev.exporthub.api.spi.TenantDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates the six built-in rules, then the custom rules, for one request. Deny by default: every
 * violation is reported, a rule that throws denies, and custom rules can only add violations or
 * warnings.
 *
 * <p>Immutable and thread-safe.
 */
public final class ExportPolicy {

  private final List<PolicyRule> rules;

  /** A policy of the built-in rules followed by {@code customRules}, in the given order. */
  public ExportPolicy(List<? extends PolicyRule> customRules) {
    List<PolicyRule> all = new ArrayList<>(List.of(BuiltInRule.values()));
    for (PolicyRule rule : customRules) {
      all.add(Objects.requireNonNull(rule, "custom rule"));
    }
    this.rules = List.copyOf(all);
  }

  /** The rules in evaluation order: the six built-ins, then the custom ones. */
  public List<PolicyRule> rules() {
    return rules;
  }

  /**
   * The scope the rules judge: a request with neither tenant nor federation means the caller's own
   * tenant, never every tenant.
   */
  public static ExportScope resolveScope(ExportScope requested, Caller caller) {
    return requested.isUnscoped() ? requested.withTenant(caller.tenantId()) : requested;
  }

  /**
   * Evaluates every rule.
   *
   * @param request   the request, with its query id assigned
   * @param caller    who asks
   * @param timeRange the effective time range
   * @param format    the descriptor of the requested format's writer
   * @param directory federation membership
   * @return the decision, allowed exactly when no rule reported a violation
   */
  public PolicyDecision evaluate(ExportRequest request, Caller caller, TimeRange timeRange, FormatDescriptor format,
      TenantDirectory directory) {
    Objects.requireNonNull(request.queryId(), "queryId must be assigned before policy");
    ExportScope scope = resolveScope(request.scope(), caller);
    PolicyRule.Check check = new PolicyRule.Check(request, scope, timeRange, format, caller, directory);
    List<String> violations = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> evaluated = new ArrayList<>(rules.size());
    for (PolicyRule rule : rules) {
      String id = safeId(rule);
      evaluated.add(id);
      try {
        PolicyRule.Verdict verdict = rule.evaluate(check);
        if (verdict == null) {
          violations.add("Policy rule '" + id + "' returned no verdict");
        } else {
          violations.addAll(verdict.violations());
          warnings.addAll(verdict.warnings());
        }
      } catch (RuntimeException | LinkageError e) {
        violations.add("Policy rule '" + id + "' failed: " + e.getClass().getName());
      }
    }
    return PolicyDecision.of(request.queryId(), scope, violations, warnings, evaluated);
  }

  private static String safeId(PolicyRule rule) {
    try {
      String id = rule.id();
      return id == null || id.isBlank() ? rule.getClass().getName() : id;
    } catch (RuntimeException e) {
      return rule.getClass().getName();
    }
  }
}
