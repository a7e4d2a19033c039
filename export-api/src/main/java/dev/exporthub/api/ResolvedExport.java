package dev.exporthub.api;

import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.TenantDirectory;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One export request as the hub resolved it, once, before anything else happens: the query id, the
 * resolved scope and the tenants it covers, the effective time range, the writer's descriptor, who
 * the bundle names and which tenant the log records. The policy judges this value, the bundle is
 * built from it and every log entry of the export takes its ids from it, so no two steps can see two
 * different versions of one request ({@code docs/SPECIFICATION.md} §6.1).
 *
 * <p>Immutable. Made only by {@link #resolve}.
 */
public final class ResolvedExport {

  private final ExportRequest request;
  private final Caller caller;
  private final ExportScope scope;
  private final Set<String> tenants;
  private final TimeRange timeRange;
  private final FormatDescriptor format;

  private ResolvedExport(ExportRequest request, Caller caller, ExportScope scope, Set<String> tenants,
      TimeRange timeRange, FormatDescriptor format) {
    this.request = request;
    this.caller = caller;
    this.scope = scope;
    this.tenants = tenants;
    this.timeRange = timeRange;
    this.format = format;
  }

  /**
   * Resolves a request.
   *
   * <ul>
   *   <li>The scope: a request naming neither tenant nor federation means the caller's own tenant
   *       (keeping any facility), never every tenant; any other scope stays as requested.</li>
   *   <li>The tenants: the scope's tenant (none when it also names a federation that does not hold
   *       it), or every tenant the directory places in the scope's federation.</li>
   *   <li>The time range: the request's own, or the {@link TimeRange#DEFAULT_LENGTH} ending at
   *       {@code now}.</li>
   * </ul>
   *
   * @param request   the request, its query id assigned
   * @param format    the descriptor of the writer of {@code request.format()}
   * @param directory federation membership; asked only for a federation scope
   * @param now       the hub clock's now
   * @throws IllegalArgumentException when the request has no query id or the descriptor is of
   *                                  another format
   */
  public static ResolvedExport resolve(ExportRequest request, Caller caller, FormatDescriptor format,
      TenantDirectory directory, Instant now) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(now, "now");
    if (request.queryId() == null) {
      throw new IllegalArgumentException("Assign the request's query id before resolving it");
    }
    if (!format.format().equals(request.format())) {
      throw new IllegalArgumentException("The request asks for format '" + request.format()
          + "', not for the descriptor's '" + format.format() + "'");
    }
    ExportScope scope = request.scope().isUnscoped() ? request.scope().withTenant(caller.tenantId()) : request.scope();
    TimeRange range = request.timeRange() != null ? request.timeRange() : TimeRange.endingAt(now);
    return new ResolvedExport(request, caller, scope, tenantsOf(scope, directory), range, format);
  }

  private static Set<String> tenantsOf(ExportScope scope, TenantDirectory directory) {
    if (scope.federationId() == null) {
      return Set.of(scope.tenantId());
    }
    Set<String> members = directory.tenantsOf(scope.federationId());
    if (members == null) {
      return Set.of();
    }
    if (scope.tenantId() != null) {
      return members.contains(scope.tenantId()) ? Set.of(scope.tenantId()) : Set.of();
    }
    return Collections.unmodifiableSet(new TreeSet<>(members));
  }

  /**
   * The tenant a log entry about a request in this scope records: the scope's tenant, or, for a
   * scope naming only a federation, the caller's own tenant.
   */
  public static String logTenantOf(ExportScope scope, Caller caller) {
    return scope != null && scope.tenantId() != null ? scope.tenantId() : caller.tenantId();
  }

  /** The request as asked, with its query id. */
  public ExportRequest request() {
    return request;
  }

  public String queryId() {
    return request.queryId();
  }

  public ExportCategory category() {
    return request.category();
  }

  public Caller caller() {
    return caller;
  }

  /** The resolved scope: never unscoped. */
  public ExportScope scope() {
    return scope;
  }

  /** The tenants whose records the export holds; sorted, unmodifiable, possibly empty. */
  public Set<String> tenants() {
    return tenants;
  }

  /** The effective time range. */
  public TimeRange timeRange() {
    return timeRange;
  }

  /** The descriptor of the writer that renders the export. */
  public FormatDescriptor format() {
    return format;
  }

  /** Who the bundle's metadata names: the request's {@code requestedBy}, else the caller. */
  public String generatedBy() {
    return request.requestedBy() != null ? request.requestedBy() : caller.userId();
  }

  /** The tenant the export's log entries record ({@link #logTenantOf}). */
  public String logTenantId() {
    return logTenantOf(scope, caller);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ResolvedExport that && request.equals(that.request) && caller.equals(that.caller)
        && scope.equals(that.scope) && tenants.equals(that.tenants) && timeRange.equals(that.timeRange)
        && format.equals(that.format);
  }

  @Override
  public int hashCode() {
    return Objects.hash(request, caller, scope, timeRange, format);
  }

  @Override
  public String toString() {
    return "ResolvedExport[" + request.queryId() + ", " + request.category().id() + ", " + format.format() + ", "
        + scope + ", " + timeRange + ", tenants=" + tenants + "]";
  }
}
