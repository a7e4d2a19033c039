package dev.exporthub.testkit;

import dev.exporthub.api.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Arbitrary callers, and the all-powerful caller the engine laws export as. */
public final class Callers {

  /** Every permission a built-in policy rule looks at (federation-specific ones aside). */
  public static final Set<String> ALL_PERMISSIONS = Set.of("export:cross-tenant", "export:federation-admin",
      "export:long-range", "export:bundle-formats", "export:executive-view", "export:compliance-pack");

  /** The roles the built-in rules know, and some they do not. */
  public static final List<String> ROLES = List.of("admin", "executive", "auditor", "operator", "viewer");

  private Callers() {
  }

  /** A caller of this tenant with role {@code admin} and {@link #ALL_PERMISSIONS}: every export is allowed. */
  public static Caller admin(String tenantId) {
    return Caller.of("testkit-admin", tenantId, "admin", ALL_PERMISSIONS);
  }

  /**
   * Callers of the data set's tenants: any role (in any case) or none, any subset of the
   * permissions including {@code export:federation:{id}} for the data set's federations, in a
   * federation of the data set or in none.
   */
  public static Arbitrary<Caller> of(DataSet data) {
    Objects.requireNonNull(data, "data");
    List<String> permissions = new ArrayList<>(ALL_PERMISSIONS);
    data.federationIds().forEach(federation -> permissions.add("export:federation:" + federation));
    permissions.add("export:unknown");
    Arbitrary<String> federations = data.federationIds().isEmpty()
        ? Arbitraries.<String>just(null)
        : Arbitraries.of(data.federationIds()).injectNull(0.5);
    return Combinators.combine(Texts.names(), Arbitraries.of(data.tenantIds()), federations, roles(),
            Arbitraries.subsetOf(permissions))
        .as(Caller::new);
  }

  /** Roles: the known ones in lower, upper and mixed case, unknown ones, and none ({@code null}). */
  public static Arbitrary<String> roles() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of(ROLES)),
        Tuple.of(1, Arbitraries.of("ADMIN", "Executive", "AUD\u0130TOR", "aud\u0131tor")),
        Tuple.of(1, Texts.names()),
        Tuple.of(1, Arbitraries.<String>just(null)));
  }
}
