package dev.exporthub.api.spi;

import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import java.util.stream.Stream;

/**
 * Where a hub reads operational records from. Implement it to push filtering down to the host's
 * database; Export Hub ships an in-memory source and a data-directory source.
 *
 * <p>Contract: {@link #records} returns a new stream on every call (sections are re-read for the
 * counting pass and again for writing) and never hands out records it will later mutate (records
 * are immutable anyway). The query is a hint: a source may return more than it asks for, and the
 * hub filters again; it must not return less. Implementations must be safe for concurrent calls.
 */
public interface OperationalDataSource {

  /**
   * The records of one source that may match the query. The stream may hold resources; the hub
   * closes it.
   *
   * @param type  which source
   * @param query the scope and time hints
   * @return a new stream of records of {@code type.recordType()}
   */
  Stream<? extends SourceRecord> records(SourceType type, SourceQuery query);

  /**
   * Whether {@link #records} returns records ordered by (timestamp, id). When {@code false} (the
   * default) the hub sorts each section itself, which needs the section in memory.
   */
  default boolean ordered() {
    return false;
  }

  /**
   * Throws when the source cannot serve any read: a broken layout, a malformed federation file, an
   * unreachable database. The hub asks before it judges a request, so such a problem is one
   * {@code error} entry and no decision. The default is always ready.
   *
   * @throws dev.exporthub.api.ExportException naming the problem, typically an
   *                                           {@link dev.exporthub.api.InvalidDataException}
   */
  default void ready() {
  }

  /**
   * A view of this source that one export reads through: the hub opens it after the decision,
   * reads the counting pass and the writing pass through it, and closes it once the artifact is
   * written or the export failed. A source whose records may change while an export runs (a
   * database) returns a view of one consistent state, such as a transaction's snapshot, so that a
   * bundle's counts, summaries and digest cannot disagree with its items. The default reads this
   * source itself and closes nothing: right for sources that do not change, like the in-memory
   * and data-directory sources. A snapshot serves one export on one thread.
   *
   * @throws dev.exporthub.api.ExportException when the view cannot be opened
   */
  default Snapshot snapshot() {
    OperationalDataSource source = this;
    return new Snapshot() {
      @Override
      public Stream<? extends SourceRecord> records(SourceType type, SourceQuery query) {
        return source.records(type, query);
      }

      @Override
      public boolean ordered() {
        return source.ordered();
      }

      @Override
      public void close() {
        // nothing was opened
      }
    };
  }

  /**
   * The records of a source as one export sees them ({@link #snapshot()}); closing it releases
   * what it holds (a connection, a transaction) and never throws a checked exception.
   */
  interface Snapshot extends OperationalDataSource, AutoCloseable {
    @Override
    void close();
  }
}
