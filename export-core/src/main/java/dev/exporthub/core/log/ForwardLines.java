package dev.exporthub.core.log;

import dev.exporthub.api.spi.ExportLogStore;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * A store's lines read once, forward, in constant memory: the one-pass line source that
 * {@link InclusionReceipt#prove}, {@link ConsistencyProof#prove} and a {@link CompactRange} need
 * (they ask for each leaf at most once, in increasing order). {@link #apply} takes a leaf index, from
 * 0 (line {@code index + 1}), never lower than the one asked before; lines in between are skipped.
 * Close it to release the store's stream.
 */
public final class ForwardLines implements LongFunction<String>, AutoCloseable {

  private final Stream<String> stream;
  private final Iterator<String> lines;
  private long next; // the leaf index of the line lines.next() returns

  private ForwardLines(ExportLogStore store) {
    this.stream = store.stream(1);
    this.lines = stream.iterator();
  }

  /** The lines of this store, from the first. */
  public static ForwardLines of(ExportLogStore store) {
    return new ForwardLines(Objects.requireNonNull(store, "store"));
  }

  /**
   * The line of leaf {@code index}.
   *
   * @throws IllegalStateException when {@code index} is below one asked before, or past the last line
   */
  @Override
  public String apply(long index) {
    if (index < next) {
      throw new IllegalStateException("Leaf " + index + " was asked for after leaf " + (next - 1)
          + ": these lines are read forward only");
    }
    while (next < index && lines.hasNext()) {
      lines.next();
      next++;
    }
    if (!lines.hasNext()) {
      throw new IllegalStateException("The log holds no line for leaf " + index);
    }
    next++;
    return lines.next();
  }

  @Override
  public void close() {
    stream.close();
  }
}
