package dev.exporthub.testkit;

import dev.exporthub.api.ExportScope;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.TenantDirectory;
import dev.exporthub.core.source.InMemoryDataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A whole operational data set: tenants with their facilities, federations of tenants, the
 * records of all ten sources, and the instant the data set was taken at (the clock of the hub
 * that exports it). Immutable.
 *
 * @param now        the instant a hub exporting this data set reads from its clock
 * @param facilities every tenant and its facility ids; sorted, unmodifiable (a tenant may have none)
 * @param federations every federation and its member tenants; sorted, unmodifiable
 * @param records    the records, in the order a source hands them out; unmodifiable. Ids are
 *                   unique within each source.
 */
public record DataSet(Instant now, Map<String, List<String>> facilities, Map<String, Set<String>> federations,
    List<SourceRecord> records) {

  public DataSet {
    Objects.requireNonNull(now, "now");
    TreeMap<String, List<String>> tenants = new TreeMap<>();
    facilities.forEach((tenant, ids) -> tenants.put(tenant, List.copyOf(new TreeSet<>(ids))));
    facilities = Collections.unmodifiableMap(tenants);
    TreeMap<String, Set<String>> feds = new TreeMap<>();
    federations.forEach((federation, members) ->
        feds.put(federation, Collections.unmodifiableSet(new TreeSet<>(members))));
    federations = Collections.unmodifiableMap(feds);
    records = List.copyOf(records);
  }

  /** The tenants, sorted. */
  public List<String> tenantIds() {
    return List.copyOf(facilities.keySet());
  }

  /** The facilities of one tenant, sorted; empty for an unknown tenant. */
  public List<String> facilityIds(String tenantId) {
    return facilities.getOrDefault(tenantId, List.of());
  }

  /** The federations, sorted. */
  public List<String> federationIds() {
    return List.copyOf(federations.keySet());
  }

  /** The federation membership, for {@code ExportHub.Builder.tenantDirectory(...)}. */
  public TenantDirectory tenantDirectory() {
    return TenantDirectory.of(federations);
  }

  /** An in-memory source over the records. */
  public OperationalDataSource source() {
    return InMemoryDataSource.of(records);
  }

  /** The same data set with its records in another order, the same for the same seed. */
  public DataSet shuffled(long seed) {
    List<SourceRecord> copy = new ArrayList<>(records);
    Collections.shuffle(copy, new Random(seed));
    return new DataSet(now, facilities, federations, copy);
  }

  /** The same data set with other records. */
  public DataSet withRecords(List<? extends SourceRecord> others) {
    return new DataSet(now, facilities, federations, List.copyOf(others));
  }

  /**
   * Whether a record belongs to a resolved scope (one that names a tenant or a federation), by
   * tenant, facility and federation alone, whatever its time: a tenant scope holds that tenant's
   * records; a federation scope its members'; both together the tenant's records only when it is
   * a member; a facility narrows any of these to that facility's records (tenant-wide records
   * fall outside it).
   */
  public Predicate<SourceRecord> scopeFilter(ExportScope resolved) {
    Objects.requireNonNull(resolved, "resolved");
    if (resolved.isUnscoped()) {
      throw new IllegalArgumentException("Resolve the scope first: an unscoped request means the caller's tenant");
    }
    Set<String> tenants;
    if (resolved.tenantId() != null) {
      boolean member = resolved.federationId() == null
          || federations.getOrDefault(resolved.federationId(), Set.of()).contains(resolved.tenantId());
      tenants = member ? Set.of(resolved.tenantId()) : Set.of();
    } else {
      tenants = federations.getOrDefault(resolved.federationId(), Set.of());
    }
    String facility = resolved.facilityId();
    return record -> tenants.contains(record.tenantId())
        && (facility == null || facility.equals(record.facilityId()));
  }

  @Override
  public String toString() {
    return "DataSet[now=" + now + ", facilities=" + facilities + ", federations=" + federations + ", "
        + records.size() + " records: " + records + "]";
  }
}
