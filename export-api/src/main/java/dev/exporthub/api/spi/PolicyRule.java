package dev.exporthub.api.spi;

import dev.exporthub.api.ResolvedExport;
import java.util.List;

/**
 * An extra policy rule, evaluated after the six built-in rules. A rule can only add violations or
 * warnings: nothing a custom rule returns can allow what a built-in rule denies. A rule that throws
 * denies the request, with a violation naming the rule.
 */
public interface PolicyRule {

  /** A stable id for the rule, shown in decisions, e.g. {@code no-weekend-exports}. */
  String id();

  /**
   * Judges one request, as the hub resolved it (its scope, tenants, effective range and format).
   * Must be side-effect free and thread-safe.
   */
  Verdict evaluate(ResolvedExport export);

  /**
   * A rule's judgement.
   *
   * @param violations messages that deny the request; unmodifiable
   * @param warnings   messages that allow it with a caution; unmodifiable
   */
  record Verdict(List<String> violations, List<String> warnings) {

    private static final Verdict PASS = new Verdict(List.of(), List.of());

    public Verdict {
      violations = List.copyOf(violations);
      warnings = List.copyOf(warnings);
    }

    /** No objection. */
    public static Verdict pass() {
      return PASS;
    }

    /** One violation. */
    public static Verdict violation(String message) {
      return new Verdict(List.of(message), List.of());
    }

    /** One warning. */
    public static Verdict warning(String message) {
      return new Verdict(List.of(), List.of(message));
    }
  }
}
