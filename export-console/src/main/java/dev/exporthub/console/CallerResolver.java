package dev.exporthub.console;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportScope;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Tells the console who is asking. The host implements it from what it already trusts: a session
 * cookie, a header set by an authenticating proxy, a TLS client certificate. The browser never
 * chooses its own identity, role, permissions or scope: everything the console exports is decided
 * by this resolver and the hub's policy.
 *
 * <p>Called once for every API request, on the console's worker threads, so implementations must
 * be thread-safe and should be quick.
 */
@FunctionalInterface
public interface CallerResolver {

  /**
   * The caller making this request.
   *
   * @param request the request's method, path, headers, cookies and remote address
   * @return the caller, or {@code null} when the request is not authenticated: the console answers
   *         {@code 401} and does nothing else. An exception is answered {@code 500} without its
   *         message.
   */
  Caller resolve(ConsoleRequest request);

  /**
   * The scope every export of this caller covers. The default is the caller's own tenant, all its
   * facilities ({@link ExportScope#unscoped()}, which the policy resolves to the caller's tenant).
   * Override it to pin a caller to one facility. The policy judges whatever scope is returned, so a
   * scope outside the caller's rights is denied, not widened.
   *
   * @param caller the caller {@link #resolve} returned for {@code request}
   */
  default ExportScope scope(ConsoleRequest request, Caller caller) {
    return ExportScope.unscoped();
  }

  /**
   * The facilities of the caller's tenant the page offers to narrow an export to, in the order
   * shown; the page always offers "All facilities" too. An export request naming any other
   * facility is refused ({@code 403}), so the list is the limit of what the caller can choose, and
   * the policy still judges the narrowed scope. Ignored when {@link #scope} pins a facility: then
   * that one is the only choice. The default offers none.
   *
   * @param caller the caller {@link #resolve} returned for {@code request}
   */
  default List<String> facilities(ConsoleRequest request, Caller caller) {
    return List.of();
  }

  /**
   * This resolver, offering {@code facilities} on the page ({@link #facilities}) to every caller it
   * resolves: for a host whose callers may each see the same facilities, such as the CLI's single
   * user.
   */
  default CallerResolver offering(Collection<String> facilities) {
    List<String> offered = List.copyOf(facilities);
    for (String facility : offered) {
      if (facility.isBlank()) {
        throw new IllegalArgumentException("A facility id must not be blank");
      }
    }
    CallerResolver resolver = this;
    return new CallerResolver() {
      @Override
      public Caller resolve(ConsoleRequest request) {
        return resolver.resolve(request);
      }

      @Override
      public ExportScope scope(ConsoleRequest request, Caller caller) {
        return resolver.scope(request, caller);
      }

      @Override
      public List<String> facilities(ConsoleRequest request, Caller caller) {
        return offered;
      }

      @Override
      public String toString() {
        return resolver + " offering " + offered;
      }
    };
  }

  /**
   * A resolver that answers every request with one caller and the caller's whole tenant: for a
   * single-user console on a workstation, such as the CLI's {@code exporthub console}.
   */
  static CallerResolver fixed(Caller caller) {
    return fixed(caller, null);
  }

  /**
   * A resolver that answers every request with one caller, scoped to one facility of the caller's
   * tenant, or to the whole tenant when {@code facilityId} is {@code null}.
   */
  static CallerResolver fixed(Caller caller, String facilityId) {
    Objects.requireNonNull(caller, "caller");
    ExportScope scope = facilityId == null ? ExportScope.unscoped()
        : ExportScope.facility(caller.tenantId(), facilityId);
    return new CallerResolver() {
      @Override
      public Caller resolve(ConsoleRequest request) {
        return caller;
      }

      @Override
      public ExportScope scope(ConsoleRequest request, Caller resolved) {
        return scope;
      }

      @Override
      public String toString() {
        return "CallerResolver.fixed[" + caller.userId() + "@" + caller.tenantId()
            + (facilityId == null ? "" : "/" + facilityId) + "]";
      }
    };
  }
}
