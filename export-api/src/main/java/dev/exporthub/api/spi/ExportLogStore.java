package dev.exporthub.api.spi;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Where the export log's lines live. A store keeps lines in order and never rewrites one; it knows
 * nothing of their content: the log composes each line from the one before it, and the store makes
 * that read-compose-write step atomic, across threads and (for shared stores) across processes.
 *
 * <p>Lines are numbered from 1 in stored order. In an intact log line {@code n} holds the entry of
 * sequence number {@code n}, and is leaf {@code n - 1} of the log's Merkle tree; a store addresses
 * lines by this position, never by what they say, so a damaged log is read exactly as stored.
 *
 * <p>Reads never need the whole log: a store answers {@link #size()}, {@link #last()} and
 * {@link #read(long, int)} without loading it, and {@link #stream(long)} in constant memory.
 */
public interface ExportLogStore extends Closeable {

  /**
   * Appends one line after the last, atomically with reading the current last line. The line is
   * durable when this method returns.
   *
   * @param composer builds the new line from the current last line ({@code null} when empty)
   * @return the line appended
   */
  String append(LineComposer composer);

  /** How many lines are stored: the log's tree size. */
  long size();

  /** The newest stored line, or empty for an empty log. */
  default Optional<String> last() {
    long size = size();
    return size == 0 ? Optional.empty() : read(size, 1).stream().findFirst();
  }

  /**
   * Up to {@code max} stored lines, from line {@code from} on, in order; fewer (none) past the end.
   *
   * @param from the first line's number, from 1
   * @param max  how many lines at most, not negative
   */
  List<String> read(long from, int max);

  /**
   * The stored lines from line {@code from} on, in order, read lazily in constant memory: a full
   * verification or an export streams the log through it. Lines appended while the stream runs may
   * or may not be part of it. Close the stream (try-with-resources) to release what it holds.
   *
   * <p>The default reads through {@link #read(long, int)} in batches of 1,024 lines.
   */
  default Stream<String> stream(long from) {
    if (from < 1) {
      throw new IllegalArgumentException("Lines are numbered from 1, not " + from);
    }
    Iterator<String> batches = new Iterator<>() {
      private long next = from;
      private Iterator<String> batch = List.<String>of().iterator();
      private boolean exhausted;

      @Override
      public boolean hasNext() {
        if (!batch.hasNext() && !exhausted) {
          List<String> lines = new ArrayList<>(read(next, 1024));
          next += lines.size();
          exhausted = lines.isEmpty();
          batch = lines.iterator();
        }
        return batch.hasNext();
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return batch.next();
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(batches, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /**
   * Where this store keeps data derived from its lines (the log's summary of statistics and
   * history), so that a reopened log does not read every line again; empty when it keeps none (the
   * default: the summary is then made in memory from the lines). Derived data is never trusted: the
   * log checks it against the lines before using it.
   */
  default Optional<DerivedData> derivedData() {
    return Optional.empty();
  }

  /** Named blobs of derived data beside the log: a file beside a file, a row beside a table. */
  interface DerivedData {
    /** The content saved under this name, or empty. */
    Optional<byte[]> read(String name);

    /**
     * Replaces the content under this name atomically: a reader sees the old content or the new,
     * never a mix. A failure is reported by the exception and costs only a re-read later.
     */
    void write(String name, byte[] content);
  }

  /** Releases files and locks. The default does nothing. */
  @Override
  default void close() {
  }

  /** Builds the next line of the log from the last one. */
  @FunctionalInterface
  interface LineComposer {
    /**
     * @param lastLine the newest stored line, or {@code null} for an empty log
     * @return the line to append, without a line terminator
     */
    String compose(String lastLine);
  }
}
