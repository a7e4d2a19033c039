package dev.exporthub.api.spi;

import dev.exporthub.api.PolicyDecision;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a writer may know beyond the bundle.
 *
 * @param decision         the policy decision that allowed the export
 * @param decisionLogHash  the hash of the decision's log entry (the chain of custody), or {@code null}
 * @param options          the request's options, sorted; unmodifiable
 * @param clock            the hub's clock
 */
public record WriteContext(PolicyDecision decision, String decisionLogHash, Map<String, String> options, Clock clock) {

  public WriteContext {
    Objects.requireNonNull(decision, "decision");
    options = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(options));
    Objects.requireNonNull(clock, "clock");
  }

  /** An option's value, or {@code defaultValue}. */
  public String option(String key, String defaultValue) {
    return options.getOrDefault(key, defaultValue);
  }

  /** An option read as a boolean ({@code true} ignoring case), or {@code defaultValue}. */
  public boolean flag(String key, boolean defaultValue) {
    String value = options.get(key);
    return value == null ? defaultValue : value.equalsIgnoreCase("true");
  }
}
