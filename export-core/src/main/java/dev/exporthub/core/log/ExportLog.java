package dev.exporthub.core.log;

import dev.exporthub.api.ExportStatistics;
import dev.exporthub.api.LogCheckpoint;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.spi.ExportLogStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The tamper-evident export log: every entry is chained to the one before it by a SHA-256 hash
 * over every stored byte, so {@link #verify()} finds any modified, deleted, reordered, duplicated
 * or (against a checkpoint) truncated entry.
 *
 * <p>Thread-safe: appends are serialised by the store, which also keeps other processes from
 * forking the chain when it is shared.
 */
public final class ExportLog {

  private final ExportLogStore store;

  /** A log over this store. */
  public ExportLog(ExportLogStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** The store behind this log. */
  public ExportLogStore store() {
    return store;
  }

  /**
   * Appends an unchained entry: assigns the next sequence number, links it to the newest entry's
   * hash, hashes it, and stores it durably.
   *
   * @return the entry as stored, with sequence, prevHash and hash
   */
  public <E extends LogEntry> E append(E entry) {
    Objects.requireNonNull(entry, "entry");
    Object[] sealed = new Object[1];
    store.append(lastLine -> {
      long sequence = 1;
      String prevHash = LogEntry.GENESIS_HASH;
      if (lastLine != null) {
        LogEntry last = LogCodec.decode(lastLine);
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

  /**
   * Every well-formed entry, in stored order. Malformed lines are skipped here; {@link #verify()}
   * reports them.
   */
  public List<LogEntry> entries() {
    List<LogEntry> entries = new ArrayList<>();
    for (String line : store.lines()) {
      try {
        entries.add(LogCodec.decode(line));
      } catch (RuntimeException malformed) {
        // reported by verify()
      }
    }
    return entries;
  }

  /** The checkpoint of the newest entry, or empty for an empty log. */
  public Optional<LogCheckpoint> head() {
    List<String> lines = store.lines();
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(LogCodec.decode(lines.get(lines.size() - 1)).checkpoint());
  }

  /** Checks every line's hash and chain link and the sequence order. */
  public LogVerification verify() {
    return verify(null);
  }

  /**
   * Like {@link #verify()}, and also checks that the log still holds the entry of a checkpoint the
   * caller kept, unchanged: a log cut back behind it is {@code TRUNCATED}.
   *
   * @param checkpoint a checkpoint from {@link #head()} taken earlier, or {@code null}
   */
  public LogVerification verify(LogCheckpoint checkpoint) {
    return LogVerifier.verify(store.lines(), checkpoint);
  }

  /**
   * Statistics over the whole log, with trends for the 24 hours ending at {@code now} against the
   * 24 hours before.
   */
  public ExportStatistics statistics(Instant now) {
    return LogStatistics.of(entries(), now);
  }

  /** Checks used by {@link #verify(LogCheckpoint)}. */
  static final class LogVerifier {
    private LogVerifier() {}

    static LogVerification verify(List<String> lines, LogCheckpoint checkpoint) {
      List<LogVerification.Problem> problems = new ArrayList<>();
      Map<Long, String> seen = new HashMap<>();
      TreeSet<Long> present = new TreeSet<>();
      List<LogEntry> decoded = new ArrayList<>(lines.size());
      for (String line : lines) {
        LogEntry entry;
        try {
          entry = LogCodec.decode(line);
        } catch (RuntimeException e) {
          entry = null;
        }
        decoded.add(entry);
        if (entry != null) {
          present.add(entry.sequence());
        }
      }
      String prevHash = LogEntry.GENESIS_HASH;
      long expected = 1;
      long valid = 0;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        LogEntry entry = decoded.get(i);
        if (entry == null) {
          problems.add(new LogVerification.Problem(expected, LogVerification.Reason.MALFORMED,
              "line " + (i + 1) + " is not a well-formed log entry"));
          String claimed = LogCodec.claimedHash(line);
          prevHash = claimed != null ? claimed : prevHash;
          expected++;
          continue;
        }
        long seq = entry.sequence();
        boolean ok = true;
        String claimed = entry.hash();
        String recomputed = LogCodec.expectedHash(entry.prevHash(), line);
        if (recomputed == null || !recomputed.equals(claimed)) {
          problems.add(new LogVerification.Problem(seq, LogVerification.Reason.HASH_MISMATCH,
              "entry " + seq + " does not match its hash: its content was changed"));
          ok = false;
        }
        if (seen.containsKey(seq)) {
          problems.add(new LogVerification.Problem(seq, LogVerification.Reason.DUPLICATE,
              "entry " + seq + " appears more than once (line " + (i + 1) + ")"));
          ok = false;
        } else if (seq < expected) {
          problems.add(new LogVerification.Problem(seq, LogVerification.Reason.REORDERED,
              "entry " + seq + " stands after entry " + (expected - 1)));
          ok = false;
        } else if (seq > expected) {
          for (long gap = expected; gap < seq; gap++) {
            if (present.contains(gap)) {
              problems.add(new LogVerification.Problem(gap, LogVerification.Reason.REORDERED,
                  "entry " + gap + " is not where its sequence number puts it"));
            } else {
              problems.add(new LogVerification.Problem(gap, LogVerification.Reason.MISSING,
                  "entry " + gap + " is missing"));
            }
          }
          ok = false;
        } else if (!entry.prevHash().equals(prevHash)) {
          problems.add(new LogVerification.Problem(seq, LogVerification.Reason.HASH_MISMATCH,
              "entry " + seq + " does not link to the entry before it"));
          ok = false;
        }
        seen.putIfAbsent(seq, claimed);
        if (ok) {
          valid++;
        }
        prevHash = claimed;
        expected = Math.max(expected, seq + 1);
      }
      if (checkpoint != null) {
        String held = seen.get(checkpoint.sequence());
        if (held == null) {
          problems.add(new LogVerification.Problem(checkpoint.sequence(), LogVerification.Reason.TRUNCATED,
              "the log ends before checkpoint " + checkpoint));
        } else if (!held.equals(checkpoint.hash())) {
          problems.add(new LogVerification.Problem(checkpoint.sequence(), LogVerification.Reason.TRUNCATED,
              "entry " + checkpoint.sequence() + " differs from checkpoint " + checkpoint
                  + ": the log was cut back and rewritten"));
        }
      }
      return new LogVerification(lines.size(), valid, problems);
    }
  }
}
