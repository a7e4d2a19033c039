package dev.exporthub.api.spi;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.TimeRange;
import java.util.List;
import java.util.Objects;

/**
 * An extra policy rule, evaluated after the six built-in rules. A rule can only add violations or
 * warnings: nothing a custom rule returns can allow what a built-in rule denies. A rule that throws
 * denies the request, with a violation naming the rule.
 */
public interface PolicyRule {

  /** A stable id for the rule, shown in decisions, e.g. {@code no-weekend-exports}. */
  String id();

  /** Judges one request. Must be side-effect free and thread-safe. */
  Verdict evaluate(Check check);

  /**
   * What a rule sees.
   *
   * @param request       the request
   * @param resolvedScope the scope after resolution (an unscoped request names the caller's tenant)
   * @param timeRange     the effective time range
   * @param format        the descriptor of the requested format's writer
   * @param caller        who asks
   * @param directory     federation membership
   */
  record Check(ExportRequest request, ExportScope resolvedScope, TimeRange timeRange, FormatDescriptor format,
      Caller caller, TenantDirectory directory) {
    public Check {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(resolvedScope, "resolvedScope");
      Objects.requireNonNull(timeRange, "timeRange");
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(directory, "directory");
    }
  }

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
