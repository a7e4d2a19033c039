package dev.exporthub.core.log;

import dev.exporthub.api.Caller;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.TenantDirectory;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which log entries to read: by tenant, by entry type, by time, and only those a caller may see.
 * Immutable; every method returns a narrowed copy, and the conditions combine with "and".
 *
 * <pre>{@code
 * log.entries(LogQuery.all().entryTypes("export-generated").within(range).visibleTo(caller, directory));
 * }</pre>
 *
 * <p><b>Visibility</b> follows the policy's tenant rules: a caller sees the entries of their own
 * tenant; a caller with {@code export:cross-tenant} or {@code export:federation-admin} sees every
 * entry; a member of a federation also sees the entries of the federation's tenants (as the
 * {@link TenantDirectory} lists them) and the policy decisions on their federation's scope
 * ({@code docs/SPECIFICATION.md} §7.7). An entry that names no tenant (a policy decision on a
 * federation-only scope; the hub gives every other entry the scope's tenant or the caller's own,
 * §7.1) is seen only by callers who see every entry, unless it is such a federation decision.
 */
public final class LogQuery {

  /** The four entry types, in the order of {@code docs/SPECIFICATION.md} §7.1. */
  public static final List<String> ENTRY_TYPES =
      List.of("export-generated", "export-downloaded", "policy-decision", "error");

  private static final String CROSS_TENANT = "export:cross-tenant";
  private static final String FEDERATION_ADMIN = "export:federation-admin";
  /** Tenant ids a line holds exactly as written (JSON escapes none of these characters). */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:-]+");
  private static final LogQuery ALL = new LogQuery(null, Set.of(), null, null, null);

  private final String tenantId;
  private final String tenantMember; // how a line names the tenant, when plain enough to search for; else null
  private final Set<String> entryTypes;
  private final TimeRange range;
  private final Caller caller;
  private final TenantDirectory directory;

  private LogQuery(String tenantId, Set<String> entryTypes, TimeRange range, Caller caller,
      TenantDirectory directory) {
    this.tenantId = tenantId;
    this.tenantMember = tenantId != null && PLAIN.matcher(tenantId).matches()
        ? "\"tenantId\":\"" + tenantId + "\"" : null;
    this.entryTypes = entryTypes;
    this.range = range;
    this.caller = caller;
    this.directory = directory;
  }

  /** Every entry. */
  public static LogQuery all() {
    return ALL;
  }

  /** Only entries whose {@link LogEntry#tenantId()} is this tenant. */
  public LogQuery tenant(String tenant) {
    if (tenant == null || tenant.isBlank()) {
      throw new InvalidRequestException("A log query's tenant must not be blank");
    }
    return new LogQuery(tenant, entryTypes, range, caller, directory);
  }

  /**
   * Only entries of these types, from {@link #ENTRY_TYPES}.
   *
   * @throws InvalidRequestException for an unknown type or none at all
   */
  public LogQuery entryTypes(String... types) {
    if (types.length == 0) {
      throw new InvalidRequestException("Name at least one entry type: one of " + ENTRY_TYPES);
    }
    TreeSet<String> wanted = new TreeSet<>();
    for (String type : types) {
      if (!ENTRY_TYPES.contains(type)) {
        throw new InvalidRequestException("Unknown log entry type '" + type + "': use one of " + ENTRY_TYPES);
      }
      wanted.add(type);
    }
    return new LogQuery(tenantId, Collections.unmodifiableSet(wanted), range, caller, directory);
  }

  /** Only entries whose timestamp lies in {@code [from, to)}. */
  public LogQuery within(TimeRange timeRange) {
    return new LogQuery(tenantId, entryTypes, Objects.requireNonNull(timeRange, "timeRange"), caller, directory);
  }

  /** Only entries this caller may see (see the class description). */
  public LogQuery visibleTo(Caller viewer, TenantDirectory tenants) {
    return new LogQuery(tenantId, entryTypes, range, Objects.requireNonNull(viewer, "viewer"),
        Objects.requireNonNull(tenants, "tenants"));
  }

  /** Whether the entry meets every condition of this query. */
  public boolean matches(LogEntry entry) {
    return (tenantId == null || tenantId.equals(entry.tenantId()))
        && (entryTypes.isEmpty() || entryTypes.contains(entry.entryType()))
        && (range == null || range.contains(entry.timestamp()))
        && (caller == null || visible(entry));
  }

  /**
   * A cheap test on a stored line's text before it is decoded: {@code false} only when the line
   * cannot hold a matching entry (it does not name the query's tenant at all). Reading history back
   * through a large log decodes only the lines that pass.
   */
  boolean mayMatch(String line) {
    return tenantMember == null || line.contains(tenantMember);
  }

  /** Whether entries of this type can match: the type condition alone. */
  boolean admitsType(String entryType) {
    return entryTypes.isEmpty() || entryTypes.contains(entryType);
  }

  /**
   * Whether an export or a download of this tenant ({@code null}: naming none) matches, apart from
   * its type and time: the tenant and visibility conditions, which for such entries depend on the
   * tenant alone. This is what lets the log answer statistics from per-tenant totals.
   */
  boolean admitsTenant(String tenant) {
    return (tenantId == null || tenantId.equals(tenant)) && (caller == null || visibleTenant(tenant));
  }

  /** Whether the query has a time condition, which per-tenant totals cannot answer. */
  boolean timeBound() {
    return range != null;
  }

  private boolean visible(LogEntry entry) {
    if (entry.tenantId() != null || !(entry instanceof LogEntry.PolicyEvaluated decision)) {
      return visibleTenant(entry.tenantId());
    }
    return seesEverything() || caller.federationId() != null
        && caller.federationId().equals(decision.decision().scope().federationId());
  }

  private boolean seesEverything() {
    return caller.hasPermission(CROSS_TENANT) || caller.hasPermission(FEDERATION_ADMIN);
  }

  private boolean visibleTenant(String tenant) {
    if (seesEverything()) {
      return true;
    }
    if (tenant == null) {
      return false;
    }
    if (tenant.equals(caller.tenantId())) {
      return true;
    }
    String federation = caller.federationId();
    return federation != null && directory.tenantsOf(federation).contains(tenant);
  }

  @Override
  public String toString() {
    return "LogQuery[tenant=" + tenantId + ", entryTypes=" + entryTypes + ", range=" + range
        + ", visibleTo=" + (caller == null ? null : caller.userId()) + "]";
  }
}
