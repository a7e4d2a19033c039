package dev.exporthub.api.spi;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which tenants belong to which federation. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TenantDirectory {

  /** A directory with no federations. */
  TenantDirectory NONE = federation -> Set.of();

  /** The tenants of a federation; empty when it is unknown. Never null. */
  Set<String> tenantsOf(String federationId);

  /** A fixed directory from a map of federation id to tenant ids. */
  static TenantDirectory of(Map<String, ? extends Set<String>> federations) {
    TreeMap<String, Set<String>> copy = new TreeMap<>();
    federations.forEach((federation, tenants) ->
        copy.put(federation, java.util.Collections.unmodifiableSet(new TreeSet<>(tenants))));
    return federation -> copy.getOrDefault(federation, Set.of());
  }
}
