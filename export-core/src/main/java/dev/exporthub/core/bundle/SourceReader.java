package dev.exporthub.core.bundle;

import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.SourceQuery;
import dev.exporthub.core.internal.RecordFilter;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads a data source for a bundle and holds it to its contract ({@code docs/SPECIFICATION.md}
 * §2.4, §3.3 and §10.3): records of the asked type, in the query, ids unique within the source,
 * and, from a source that declares itself ordered, records strictly by (timestamp, id) and the same
 * ones on every read. A breach is an {@link InvalidDataException} naming the record type, the
 * record id and the field.
 */
final class SourceReader {

  private final OperationalDataSource source;

  SourceReader(OperationalDataSource source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  boolean ordered() {
    return source.ordered();
  }

  /**
   * Reads one source, re-applying the query (sources may return more) and checking record types.
   * A scope that covers no tenant (an unknown federation, or a tenant outside the named federation)
   * matches nothing, so the source is not asked: a query's tenant set is never empty.
   */
  Stream<SourceRecord> read(SourceType type, SourceQuery query) {
    if (query.tenantIds().isEmpty()) {
      return Stream.empty();
    }
    Stream<? extends SourceRecord> records = Objects.requireNonNull(source.records(type, query),
        () -> "data source returned no stream for " + type.id());
    return records.sequential().map(record -> {
      if (record == null || record.type() != type) {
        throw new InvalidDataException(name(type), record == null ? null : record.id(), null,
            "the data source returned " + (record == null ? "null" : "a " + record.type().id() + " record")
                + " when asked for " + type.id());
      }
      return (SourceRecord) record;
    }).filter(RecordFilter.of(query));
  }

  /**
   * The counting pass's read of one source: when the source declares itself ordered, each record
   * must come after the one before; and each id must be unique within the source. Ids are kept
   * packed ({@link PackedIds}, which the references object then keeps as they are) and sorted once
   * at the end when they did not come sorted, where a duplicate shows as two equal neighbours: a
   * hash set would cost several times more.
   */
  final class FirstRead {
    final SourceType type;
    private final PackedIds ids = new PackedIds();
    private SourceRecord previous;

    FirstRead(SourceType type) {
      this.type = type;
    }

    Stream<SourceRecord> open(SourceQuery query) {
      return read(type, query).map(this::check);
    }

    private SourceRecord check(SourceRecord record) {
      ids.append(record.id());
      if (source.ordered()) {
        requireAfter(type, previous, record);
      }
      previous = record;
      return record;
    }

    long count() {
      return ids.size();
    }

    /**
     * The ids read, sorted.
     *
     * @throws InvalidDataException naming the id when one appeared twice
     */
    List<String> sortedIds() {
      // Ids usually come in id order already (they grow with time): one pass tells.
      if (!ids.strictlyAscending()) {
        ids.sort();
        for (int i = 1; i < ids.size(); i++) {
          if (ids.get(i).equals(ids.get(i - 1))) {
            throw new InvalidDataException(name(type), ids.get(i), type.idField(),
                "duplicate id within source " + type.id());
          }
        }
      }
      ids.trim();
      return ids;
    }
  }

  /**
   * Reads an ordered source again, for writing, checking that it hands out what the counting pass
   * saw: records in order, exactly {@code expected} of them. The bundle's counts, summaries and
   * digest were computed from the counting pass, so a source that changed in between must fail the
   * export rather than let it disagree with its own metadata.
   */
  Stream<SourceRecord> reread(SourceType type, SourceQuery query, long expected) {
    Stream<SourceRecord> records = read(type, query);
    Spliterator<SourceRecord> upstream = records.spliterator();
    // A spliterator rather than an iterator, so that a writer consuming the stream with forEach has
    // the records pushed through without the buffering of Stream.iterator().
    Spliterator<SourceRecord> checked = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
        Spliterator.ORDERED | Spliterator.NONNULL) {
      private SourceRecord previous;
      private long seen;

      private SourceRecord check(SourceRecord record) {
        requireAfter(type, previous, record);
        if (++seen > expected) {
          throw changed(type, "more than " + expected, expected);
        }
        previous = record;
        return record;
      }

      private void requireAll() {
        if (seen != expected) {
          throw changed(type, Long.toString(seen), expected);
        }
      }

      @Override
      public boolean tryAdvance(Consumer<? super SourceRecord> action) {
        boolean more = upstream.tryAdvance(record -> action.accept(check(record)));
        if (!more) {
          requireAll();
        }
        return more;
      }

      @Override
      public void forEachRemaining(Consumer<? super SourceRecord> action) {
        upstream.forEachRemaining(record -> action.accept(check(record)));
        requireAll();
      }
    };
    return StreamSupport.stream(checked, false).onClose(records::close);
  }

  private static InvalidDataException changed(SourceType type, String seen, long expected) {
    return new InvalidDataException(name(type), null, null, "the data source returned " + seen
        + " records in scope on reading again, but " + expected + " in the counting pass; it must not change"
        + " while an export runs");
  }

  private static void requireAfter(SourceType type, SourceRecord previous, SourceRecord record) {
    if (previous != null && SourceRecord.ORDER.compare(previous, record) >= 0) {
      throw new InvalidDataException(name(type), record.id(), type.timeField(),
          "the data source declares itself ordered by (timestamp, id) but returned this record after '"
              + previous.id() + "'");
    }
  }

  static String name(SourceType type) {
    return type.recordType().getSimpleName();
  }

}
