package dev.exporthub.core.internal;

import dev.exporthub.api.LogEntry;
import dev.exporthub.api.spi.ExportLogStore;
import java.util.Objects;

/**
 * The one writer of the export log: assigns the next sequence number, links the entry to the newest
 * entry's hash, hashes it and has the store append it durably. The newest entry is read under the
 * store's lock, so concurrent appends (threads, or processes sharing a file) never reuse a sequence
 * number. Only {@code ExportHub} holds one; hosts read the log through {@code ExportLog}.
 */
public final class LogAppender {

  private final ExportLogStore store;

  public LogAppender(ExportLogStore store) {
    this.store = Objects.requireNonNull(store, "store");
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
    Object[] sealed = new Object[1];
    store.append(lastLine -> {
      long sequence = 1;
      String prevHash = LogEntry.GENESIS_HASH;
      if (lastLine != null) {
        LogCodec.Position last = LogCodec.lastPosition(lastLine);
        sequence = last.sequence() + 1;
        prevHash = last.hash();
      }
      LogCodec.Sealed result = LogCodec.seal(entry, sequence, prevHash);
      sealed[0] = result.entry();
      return result.line();
    });
    @SuppressWarnings("unchecked")
    E appended = (E) sealed[0];
    return appended;
  }
}
