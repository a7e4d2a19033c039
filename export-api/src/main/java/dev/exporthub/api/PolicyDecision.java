package dev.exporthub.api;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of evaluating every policy rule for one request.
 *
 * @param queryId    the request's query id
 * @param scope      the resolved scope (an unscoped request resolves to the caller's tenant)
 * @param allowed    {@code true} exactly when {@code violations} is empty
 * @param reason     a fixed sentence for an allowed export; for a denial
 *                   {@code "N policy violation(s): <first message>"}
 * @param violations every violation message, in rule order; unmodifiable
 * @param warnings   every warning message, in rule order; unmodifiable
 * @param rules      the ids of the rules that were evaluated, in order; unmodifiable
 */
public record PolicyDecision(
    String queryId,
    ExportScope scope,
    boolean allowed,
    String reason,
    List<String> violations,
    List<String> warnings,
    List<String> rules) {

  /** The reason given for every allowed export. */
  public static final String ALLOWED_REASON = "All policy rules passed";

  public PolicyDecision {
    Objects.requireNonNull(queryId, "queryId");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(reason, "reason");
    violations = List.copyOf(violations);
    warnings = List.copyOf(warnings);
    rules = List.copyOf(rules);
    if (allowed != violations.isEmpty()) {
      throw new IllegalArgumentException("A decision is allowed exactly when it has no violations");
    }
  }

  /** A decision from the given violations and warnings, with the reason derived from them. */
  public static PolicyDecision of(String queryId, ExportScope scope, List<String> violations,
      List<String> warnings, List<String> rules) {
    boolean allowed = violations.isEmpty();
    String reason = allowed ? ALLOWED_REASON
        : violations.size() + " policy violation(s): " + violations.get(0);
    return new PolicyDecision(queryId, scope, allowed, reason, violations, warnings, rules);
  }
}
