package dev.exporthub.core.policy;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.PolicyDecision;
import dev.exporthub.api.ResolvedExport;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.PolicyRule;
import dev.exporthub.api.spi.TenantDirectory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a caller may make an export, deny by default.
 *
 * <p>Order ({@code docs/SPECIFICATION.md} §6.1): the rules judge a {@link ResolvedExport}, whose
 * scope is already resolved (neither tenant nor federation means the caller's own tenant, §6.2);
 * the six {@link BuiltInRule}s run in the order of §6.3, then the custom rules in the order of
 * their ids, so the order in which a host registers them never changes a decision. Every rule
 * runs, and every violation and warning is reported, in rule order.
 *
 * <p>Deny by default:
 * <ul>
 *   <li>A decision is allowed exactly when no rule reported a violation. Rules can only add
 *       violations and warnings, so no custom rule can allow what a built-in rule denies.</li>
 *   <li>A rule that throws anything (an {@link Error} included) denies, with the violation
 *       {@code Policy rule '<id>' failed: <exception class name>}; a rule that returns
 *       {@code null} denies with {@code Policy rule '<id>' returned no verdict}. An error never lets
 *       a request through.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe, provided the custom rules are, as {@link PolicyRule} requires.
 */
public final class ExportPolicy {

  /** The query id of the probe requests {@link #visibility} evaluates. */
  public static final String VISIBILITY_QUERY_ID = "visibility";

  private final List<NamedRule> rules;

  /**
   * A policy of the six built-in rules followed by {@code customRules}, evaluated in the order of
   * their ids.
   *
   * @throws IllegalArgumentException when a custom rule has no id (null, blank, or {@code id()}
   *                                  throws), or two rules share an id (a built-in's included):
   *                                  ids name rules in decisions, so they must be unambiguous
   */
  public ExportPolicy(List<? extends PolicyRule> customRules) {
    Objects.requireNonNull(customRules, "customRules");
    List<NamedRule> all = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (BuiltInRule rule : BuiltInRule.values()) {
      all.add(new NamedRule(rule.id(), rule));
      ids.add(rule.id());
    }
    List<NamedRule> custom = new ArrayList<>();
    for (PolicyRule rule : customRules) {
      Objects.requireNonNull(rule, "custom rule");
      String id = idOf(rule);
      if (!ids.add(id)) {
        throw new IllegalArgumentException("Two policy rules have the id '" + id + "' (the second is "
            + rule.getClass().getName() + "); every rule needs its own id");
      }
      custom.add(new NamedRule(id, rule));
    }
    custom.sort(Comparator.comparing(NamedRule::id));
    all.addAll(custom);
    this.rules = List.copyOf(all);
  }

  /** A policy of the six built-in rules only. */
  public static ExportPolicy builtIn() {
    return new ExportPolicy(List.of());
  }

  /** The rules in evaluation order: the six built-ins, then the custom ones by id. Unmodifiable. */
  public List<PolicyRule> rules() {
    List<PolicyRule> list = new ArrayList<>(rules.size());
    for (NamedRule rule : rules) {
      list.add(rule.rule());
    }
    return Collections.unmodifiableList(list);
  }

  /** The ids of {@link #rules()}, in evaluation order; what every decision lists. Unmodifiable. */
  public List<String> ruleIds() {
    List<String> list = new ArrayList<>(rules.size());
    for (NamedRule rule : rules) {
      list.add(rule.id());
    }
    return Collections.unmodifiableList(list);
  }

  /**
   * Evaluates every rule for one resolved request.
   *
   * @return the decision: its query id, the resolved scope, allowed exactly when no rule reported a
   *         violation, the reason ({@link PolicyDecision#ALLOWED_REASON}, or
   *         {@code "N policy violation(s): <first violation>"}), every violation and warning in rule
   *         order, and the ids of every rule evaluated
   */
  public PolicyDecision evaluate(ResolvedExport export) {
    Objects.requireNonNull(export, "export");
    List<String> violations = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> evaluated = new ArrayList<>(rules.size());
    for (NamedRule rule : rules) {
      evaluated.add(rule.id());
      PolicyRule.Verdict verdict;
      try {
        verdict = rule.rule().evaluate(export);
      } catch (Throwable e) { // deny by default: whatever a rule throws, the request does not pass
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        violations.add("Policy rule '" + rule.id() + "' failed: " + e.getClass().getName());
        continue;
      }
      if (verdict == null) {
        violations.add("Policy rule '" + rule.id() + "' returned no verdict");
      } else {
        violations.addAll(verdict.violations());
        warnings.addAll(verdict.warnings());
      }
    }
    return PolicyDecision.of(export.queryId(), export.scope(), violations, warnings, evaluated);
  }

  /**
   * What a caller may export, for user interfaces to offer only that: each category with the
   * formats the caller may export it in. Computed by {@link #evaluate} itself, not by a copy of the
   * rules: a format is listed for a category exactly when the probe request
   * {@code ExportRequest.builder(category, format).queryId(VISIBILITY_QUERY_ID).timeRange(timeRange).build()}
   * (unscoped, so for the caller's own tenant) is allowed. Custom rules count too.
   *
   * @return the categories with at least one visible format, in {@link ExportCategory} order, each
   *         with its visible formats in the order of {@code formats}; unmodifiable
   */
  public Map<ExportCategory, List<ExportFormat>> visibility(Caller caller, TimeRange timeRange,
      List<FormatDescriptor> formats, TenantDirectory directory) {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(formats, "formats");
    EnumMap<ExportCategory, List<ExportFormat>> visible = new EnumMap<>(ExportCategory.class);
    for (ExportCategory category : ExportCategory.values()) {
      List<ExportFormat> allowed = new ArrayList<>();
      for (FormatDescriptor descriptor : formats) {
        ExportRequest probe = ExportRequest.builder(category, descriptor.format())
            .queryId(VISIBILITY_QUERY_ID).timeRange(timeRange).build();
        if (evaluate(ResolvedExport.resolve(probe, caller, descriptor, directory, timeRange.to())).allowed()) {
          allowed.add(descriptor.format());
        }
      }
      if (!allowed.isEmpty()) {
        visible.put(category, List.copyOf(allowed));
      }
    }
    return Collections.unmodifiableMap(visible);
  }

  private static String idOf(PolicyRule rule) {
    String id;
    try {
      id = rule.id();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Policy rule " + rule.getClass().getName() + " has no id: " + e, e);
    }
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("Policy rule " + rule.getClass().getName() + " has no id");
    }
    return id;
  }

  /** A rule with the id read once, when the policy was built. */
  private record NamedRule(String id, PolicyRule rule) {
  }
}
