package dev.exporthub.console;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportScope;
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
