package dev.exporthub.api.spi;

import dev.exporthub.api.Caller;
import dev.exporthub.api.PolicyDecision;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a writer may know beyond the bundle. Nothing in it depends on the export log's state, so a
 * writer's bytes cannot either ({@code docs/SPECIFICATION.md} §10.1): an archive carries the
 * decision itself, not a log sequence number or hash.
 *
 * @param decision the policy decision that allowed the export
 * @param caller   who asked for it, as the host authenticated them (their role and permissions
 *                 are what the decision judged)
 * @param options  the request's options, sorted; unmodifiable
 * @param clock    the hub's clock
 * @param signer   the signer a writer that {@linkplain FormatWriter#embedsSignature() embeds its
 *                 signature} signs with, or {@code null}: the hub has no signer, or signs the
 *                 artifact's bytes itself (a detached signature)
 */
public record WriteContext(PolicyDecision decision, Caller caller, Map<String, String> options, Clock clock,
    ArtifactSigner signer) {

  public WriteContext {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(caller, "caller");
    options = Collections.unmodifiableMap(new TreeMap<>(options));
    Objects.requireNonNull(clock, "clock");
  }

  /** A context without a signer. */
  public WriteContext(PolicyDecision decision, Caller caller, Map<String, String> options, Clock clock) {
    this(decision, caller, options, clock, null);
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
