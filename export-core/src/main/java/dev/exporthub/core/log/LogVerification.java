package dev.exporthub.core.log;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@link ExportLog#verify()}, in the spirit of {@code aws cloudtrail validate-logs}:
 * every problem found, each with the sequence number it concerns and a reason, plus summary counts.
 *
 * <p>How lines are classified is described on {@link ExportLog#verify(dev.exporthub.api.LogCheckpoint)}.
 *
 * @param entriesChecked the number of stored lines examined
 * @param validEntries   lines that are well-formed, correctly sealed, linked to the entry before
 *                       them, in order and not a copy
 * @param problems       every problem, ordered by sequence number and then reason; empty when the
 *                       log is intact
 */
public record LogVerification(long entriesChecked, long validEntries, List<Problem> problems) {

  public LogVerification {
    problems = List.copyOf(problems);
  }

  /** {@code true} when no problem was found. */
  public boolean valid() {
    return problems.isEmpty();
  }

  /** Whether any problem has this reason. */
  public boolean has(Reason reason) {
    return problems.stream().anyMatch(p -> p.reason() == reason);
  }

  /** The number of problems with this reason. */
  public long count(Reason reason) {
    return problems.stream().filter(p -> p.reason() == reason).count();
  }

  /** The number of problems per reason: every reason, in declaration order, zero when absent. */
  public Map<Reason, Long> counts() {
    EnumMap<Reason, Long> counts = new EnumMap<>(Reason.class);
    for (Reason reason : Reason.values()) {
      counts.put(reason, count(reason));
    }
    return Collections.unmodifiableMap(counts);
  }

  /**
   * A one-line summary such as {@code 300 entries checked, 298 valid, 2 problems (HASH_MISMATCH 1,
   * MISSING 1)} or {@code 300 entries checked, 300 valid, no problems}.
   */
  public String summary() {
    StringBuilder text = new StringBuilder()
        .append(entriesChecked).append(entriesChecked == 1 ? " entry" : " entries").append(" checked, ")
        .append(validEntries).append(" valid, ");
    if (problems.isEmpty()) {
      return text.append("no problems").toString();
    }
    text.append(problems.size()).append(problems.size() == 1 ? " problem (" : " problems (");
    String separator = "";
    for (Map.Entry<Reason, Long> count : counts().entrySet()) {
      if (count.getValue() > 0) {
        text.append(separator).append(count.getKey()).append(' ').append(count.getValue());
        separator = ", ";
      }
    }
    return text.append(')').toString();
  }

  /** Why an entry did not check out. */
  public enum Reason {
    /**
     * The entry's content does not match its hash, it does not link to the entry before it, or it is
     * a different entry under a sequence number the chain already has (inserted or forked).
     */
    HASH_MISMATCH,
    /** A sequence number is absent from the log. */
    MISSING,
    /** Entries are out of sequence order. */
    REORDERED,
    /** An entry appears more than once. */
    DUPLICATE,
    /** A line is not the canonical stored form of a well-formed entry. */
    MALFORMED,
    /** The log ends before a checkpoint the caller holds, or differs from it at the checkpoint. */
    TRUNCATED
  }

  /**
   * One problem.
   *
   * @param sequence the sequence number concerned (for a malformed or changed line: the one its
   *                 position implies)
   * @param detail   a sentence for a person, naming the stored line
   */
  public record Problem(long sequence, Reason reason, String detail) {
    public Problem {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
