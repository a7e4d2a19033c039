package dev.exporthub.core.source;

import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.SourceQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
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

  /** The order every section uses: timestamp, then id. */
  public static final Comparator<SourceRecord> ORDER =
      Comparator.comparing(SourceRecord::timestamp).thenComparing(SourceRecord::id);

  private final Map<SourceType, List<SourceRecord>> records;

  private InMemoryDataSource(Map<SourceType, List<SourceRecord>> records) {
    this.records = records;
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
      list.sort(ORDER);
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

  @Override
  public Stream<? extends SourceRecord> records(SourceType type, SourceQuery query) {
    return records.get(type).stream()
        .filter(r -> query.matches(r.tenantId(), r.facilityId(), r.timestamp()));
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
