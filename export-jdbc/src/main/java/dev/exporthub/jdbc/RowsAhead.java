package dev.exporthub.jdbc;

import dev.exporthub.api.source.SourceRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The records of a result set, read and checked ahead on a thread of their own, so that turning
 * rows into records runs on one core while the export counts or writes on another. The reading
 * thread is the only one to touch the result set until it ends: {@link #close()} stops it and waits
 * for it, and only then may the caller close the result set and its statement, since a JDBC
 * connection is not for two threads at once. The heap holds at most {@link #AHEAD} batches.
 */
final class RowsAhead extends Spliterators.AbstractSpliterator<SourceRecord> implements AutoCloseable {

  private static final int BATCH = 256;
  private static final int AHEAD = 4;
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final Object END = new Object();

  /** A failure of the reading thread, rethrown here in its place in the stream. */
  private record Failure(RuntimeException cause) { }

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
  private final Thread reader;
  private volatile boolean stopped;
  private SourceRecord[] batch = new SourceRecord[0];
  private int next;
  private boolean done;

  RowsAhead(ResultSet rows, RowReader records, String table) {
    super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
    reader = new Thread(() -> read(rows, records, table), "exporthub-jdbc-reader-" + THREADS.incrementAndGet());
    reader.setDaemon(true);
    reader.start();
  }

  private void read(ResultSet rows, RowReader records, String table) {
    try {
      SourceRecord[] filling = new SourceRecord[BATCH];
      int size = 0;
      try {
        while (!stopped && rows.next()) {
          filling[size++] = records.read(rows);
          if (size == BATCH) {
            queue.put(filling);
            filling = new SourceRecord[BATCH];
            size = 0;
          }
        }
        if (size > 0) {
          queue.put(Arrays.copyOf(filling, size));
        }
        queue.put(END);
      } catch (SQLException e) {
        queue.put(new Failure(JdbcDataSource.failure("Reading table " + table, e)));
      } catch (RuntimeException e) {
        queue.put(new Failure(e));
      }
    } catch (InterruptedException stop) {
      // closed: nobody reads on
    }
  }

  @Override
  public boolean tryAdvance(Consumer<? super SourceRecord> action) {
    if (next == batch.length && !fill()) {
      return false;
    }
    action.accept(batch[next++]);
    return true;
  }

  @Override
  public void forEachRemaining(Consumer<? super SourceRecord> action) {
    do {
      while (next < batch.length) {
        action.accept(batch[next++]);
      }
    } while (fill());
  }

  private boolean fill() {
    if (done) {
      return false;
    }
    Object taken;
    try {
      taken = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the database", e);
    }
    if (taken == END) {
      done = true;
      return false;
    }
    if (taken instanceof Failure failure) {
      done = true;
      throw failure.cause;
    }
    batch = (SourceRecord[]) taken;
    next = 0;
    return true;
  }

  /** Stops the reading thread and waits until it no longer touches the result set. */
  @Override
  public void close() {
    stopped = true;
    // the thread may wait to hand over a batch; it then sees the interrupt
    reader.interrupt();
    boolean interrupted = false;
    while (true) {
      try {
        reader.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
