package dev.exporthub.core.internal;

import dev.exporthub.api.LogEntry;
import dev.exporthub.api.spi.ExportLogStore;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one writer of the export log: assigns the next sequence number, links the entry to the newest
 * entry's hash, hashes it and has the store append it durably. The newest entry is read under the
 * store's lock, so concurrent appends (threads, or processes sharing a file) never reuse a sequence
 * number. Only {@code ExportHub} holds one; hosts read the log through {@code ExportLog}.
 */
public final class LogAppender {

  /** Past this many stored lines held back for a gap, they are told anyway (the observer resyncs). */
  private static final int MAX_HELD = 1024;

  private final ExportLogStore store;
  private final Observer observer;
  /** Guards the observer's calls, which go in stored order; the store's appends run outside it. */
  private final ReentrantLock order = new ReentrantLock();
  private final TreeMap<Long, Stored<?>> held = new TreeMap<>(); // guarded by order: stored, not yet told
  private int inFlight;      // guarded by order: appends of this appender in the store now
  private long nextSequence; // guarded by order: the sequence the observer is told next; 0 before the first

  /** Sees every line this appender stores, in the order they are stored. */
  public interface Observer {
    /**
     * A line was stored and is durable; called in stored order (one at a time, while other appends
     * go on in the store), so it only does bookkeeping. Must not throw: the entry is stored whatever
     * it does.
     *
     * @param previous the line it was chained to, or {@code null} when it is the first
     */
    void appended(String previous, String line);

    /** Called after {@link #appended}, once appends go on again: for slow work such as signing. Must not throw. */
    void afterAppend();
  }

  public LogAppender(ExportLogStore store) {
    this(store, null);
  }

  /** @param observer told of each line stored, or {@code null} */
  public LogAppender(ExportLogStore store, Observer observer) {
    this.store = Objects.requireNonNull(store, "store");
    this.observer = observer;
  }

  /**
   * Appends an unchained entry.
   *
   * @return the entry as stored, with sequence, prevHash and hash
   * @throws IllegalStateException when the newest stored line is so damaged that neither its
   *                               sequence number nor its hash can be read: nothing can be chained to it
   */
  public <E extends LogEntry> E append(E entry) {
    Objects.requireNonNull(entry, "entry");
    if (observer == null) {
      return store(entry).entry();
    }
    order.lock();
    try {
      inFlight++;
    } finally {
      order.unlock();
    }
    Stored<E> stored = null;
    try {
      stored = store(entry);
    } finally {
      order.lock();
      try {
        inFlight--;
        if (stored != null) {
          held.put(stored.entry().sequence(), stored);
        }
        tell();
      } finally {
        order.unlock();
      }
    }
    observer.afterAppend();
    return stored.entry();
  }

  /**
   * Tells the observer the stored lines it can have in stored order: appends share the store's
   * group commit and finish in any order, so a line waits while an earlier one of this appender is
   * still being stored. When none is, a gap is another process's line: the rest is told in order,
   * and the observer, seeing a line not chained to its last, reads the store again.
   */
  private void tell() {
    while (!held.isEmpty()) {
      long first = held.firstKey();
      boolean waiting = inFlight > 0 && (nextSequence == 0 || first != nextSequence) && held.size() < MAX_HELD;
      if (waiting) {
        return;
      }
      Stored<?> next = held.pollFirstEntry().getValue();
      observer.appended(next.previous(), next.line());
      nextSequence = first + 1;
    }
  }

  /** An entry as stored, its line, and the line it was chained to ({@code null} for the first). */
  private record Stored<E>(E entry, String line, String previous) {
  }

  private <E extends LogEntry> Stored<E> store(E entry) {
    Object[] sealed = new Object[2];
    String line = store.append(lastLine -> {
      long sequence = 1;
      String prevHash = LogEntry.GENESIS_HASH;
      if (lastLine != null) {
        LogCodec.Position last = LogCodec.lastPosition(lastLine);
        sequence = last.sequence() + 1;
        prevHash = last.hash();
      }
      LogCodec.Sealed result = LogCodec.seal(entry, sequence, prevHash);
      sealed[0] = result.entry();
      sealed[1] = lastLine;
      return result.line();
    });
    @SuppressWarnings("unchecked")
    E appended = (E) sealed[0];
    return new Stored<>(appended, line, (String) sealed[1]);
  }
}
