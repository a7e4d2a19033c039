package dev.exporthub.core.log;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link ExportLog#verify()}, in the spirit of {@code aws cloudtrail validate-logs}:
 * every problem found, each with the sequence number it concerns, plus summary counts.
 *
 * @param entriesChecked the number of stored lines examined
 * @param validEntries   lines whose content and chain link checked out
 * @param problems       every problem, in log order; empty when the log is intact
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

  /** Why an entry did not check out. */
  public enum Reason {
    /** The entry's content or its link to the previous entry does not match its hash. */
    HASH_MISMATCH,
    /** A sequence number is absent from the log. */
    MISSING,
    /** Entries are out of sequence order. */
    REORDERED,
    /** A sequence number appears more than once. */
    DUPLICATE,
    /** A line is not a well-formed entry. */
    MALFORMED,
    /** The log ends before a checkpoint the caller holds, or differs from it. */
    TRUNCATED
  }

  /**
   * One problem.
   *
   * @param sequence the sequence number concerned (for a malformed line: the one expected there)
   * @param reason   why
   * @param detail   a sentence for a person
   */
  public record Problem(long sequence, Reason reason, String detail) {
    public Problem {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
