package dev.exporthub.core.source;

import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.SourceQuery;
import dev.exporthub.core.internal.RecordFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An operational data source over records already in memory. It copies what it is given (the
 * caller's collections are never modified or kept), sorts each source once by (timestamp, id),
 * and rejects duplicate ids within a source.
 *
 * <p>Immutable and thread-safe.
 */
public final class InMemoryDataSource implements OperationalDataSource {

  private final Map<SourceType, List<SourceRecord>> records;

  /** Per source, each tenant's records in the same order: a one-tenant query reads only its own. */
  private final Map<SourceType, Map<String, List<SourceRecord>>> byTenant;

  private InMemoryDataSource(Map<SourceType, List<SourceRecord>> records) {
    this.records = records;
    this.byTenant = new EnumMap<>(SourceType.class);
    records.forEach((type, list) -> {
      Map<String, List<SourceRecord>> tenants = new HashMap<>();
      for (SourceRecord record : list) {
        tenants.computeIfAbsent(record.tenantId(), t -> new ArrayList<>()).add(record);
      }
      tenants.replaceAll((tenant, own) -> List.copyOf(own));
      byTenant.put(type, tenants);
    });
  }

  /**
   * A source over these records, of any types mixed.
   *
   * @throws InvalidDataException when two records of one source share an id
   */
  public static InMemoryDataSource of(Collection<? extends SourceRecord> all) {
    EnumMap<SourceType, List<SourceRecord>> byType = new EnumMap<>(SourceType.class);
    for (SourceType type : SourceType.values()) {
      byType.put(type, new ArrayList<>());
    }
    for (SourceRecord record : all) {
      byType.get(record.type()).add(record);
    }
    EnumMap<SourceType, List<SourceRecord>> sorted = new EnumMap<>(SourceType.class);
    byType.forEach((type, list) -> {
      Set<String> ids = new HashSet<>();
      for (SourceRecord record : list) {
        if (!ids.add(record.id())) {
          throw new InvalidDataException(type.recordType().getSimpleName(), record.id(), type.idField(),
              "duplicate id within source " + type.id());
        }
      }
      list.sort(SourceRecord.ORDER);
      sorted.put(type, List.copyOf(list));
    });
    return new InMemoryDataSource(sorted);
  }

  /** A source over the records of several collections. */
  @SafeVarargs
  public static InMemoryDataSource of(Collection<? extends SourceRecord>... collections) {
    List<SourceRecord> all = new ArrayList<>();
    for (Collection<? extends SourceRecord> collection : collections) {
      all.addAll(collection);
    }
    return of(all);
  }

  /** A source with no records. */
  public static InMemoryDataSource empty() {
    return of(List.of());
  }

  /**
   * The records of one source that match the query, in (timestamp, id) order: found by tenant and
   * by binary search on the time range, so that a one-tenant query of a whole facility-less range
   * tests no record one by one.
   */
  @Override
  public Stream<? extends SourceRecord> records(SourceType type, SourceQuery query) {
    Set<String> tenants = query.tenantIds();
    boolean oneTenant = tenants.size() == 1;
    List<SourceRecord> list = oneTenant
        ? byTenant.get(type).getOrDefault(tenants.iterator().next(), List.of())
        : records.get(type);
    List<SourceRecord> inRange = list.subList(firstAtOrAfter(list, query.timeRange().from()),
        firstAtOrAfter(list, query.timeRange().to()));
    return oneTenant && query.facilityId() == null ? inRange.stream() : inRange.stream().filter(RecordFilter.of(query));
  }

  /** The index of the first record at or after {@code instant} in a list ordered by timestamp. */
  private static int firstAtOrAfter(List<SourceRecord> list, Instant instant) {
    int low = 0;
    int high = list.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (list.get(middle).timestamp().isBefore(instant)) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** Always {@code true}: records are sorted once, on construction. */
  @Override
  public boolean ordered() {
    return true;
  }

  /** How many records of one source it holds. */
  public int size(SourceType type) {
    return records.get(type).size();
  }
}
