package dev.exporthub.core.log;

import dev.exporthub.api.LogCheckpoint;
import dev.exporthub.api.LogEntry;
import dev.exporthub.core.internal.LogCodec;
import dev.exporthub.core.log.LogVerification.Problem;
import dev.exporthub.core.log.LogVerification.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The checks behind {@link ExportLog#verify(LogCheckpoint)}, whose Javadoc states the rules: each
 * line on its own (form, own hash), one entry per sequence number (duplicates, insertions), no gaps,
 * links by sequence number, stored order, and the checkpoint.
 */
final class LogVerifier {

  /** The longest run of missing sequence numbers reported one by one. */
  static final int MAX_LISTED_GAP = 1000;

  /** Lines checked together in the streaming pass: memory stays bounded (a few MB), cores stay busy. */
  private static final int BATCH = 4096;
  private static final int PARALLEL_FROM = 256;

  private LogVerifier() {}

  /** A stored line as the verifier sees it. */
  private static final class Line {
    final int index;
    final String text;
    LogEntry entry;       // null when malformed
    boolean trusted;      // well-formed and correctly sealed
    long position;        // the sequence number this line stands for
    String claimedHash;   // the hash the line claims, when readable
    boolean flagged;

    Line(int index, String text) {
      this.index = index;
      this.text = text;
    }

    String where() {
      return "line " + (index + 1);
    }
  }

  /**
   * Verifies the lines a stream supplier gives: one streaming pass that keeps only the previous
   * entry, enough to confirm an intact log; at the first problem, a second pass reads the lines into
   * memory for {@link #verify(List, LogCheckpoint)} to name every problem.
   */
  static LogVerification verify(Supplier<Stream<String>> lines, LogCheckpoint checkpoint) {
    long count = 0;
    String previousHash = LogEntry.GENESIS_HASH;
    boolean intact = true;
    boolean checkpointHolds = checkpoint == null;
    try (Stream<String> stream = lines.get()) {
      Iterator<String> it = stream.iterator();
      List<String> batch = new ArrayList<>(BATCH);
      while (intact && it.hasNext()) {
        batch.clear();
        while (batch.size() < BATCH && it.hasNext()) {
          batch.add(it.next());
        }
        // Each line on its own (parse, canonical form, own hash) is most of the work: on every core.
        List<LogEntry> sealed = batch.size() < PARALLEL_FROM ? batch.stream().map(LogVerifier::sealedOrNull).toList()
            : batch.parallelStream().map(LogVerifier::sealedOrNull).toList();
        for (LogEntry entry : sealed) {
          count++;
          if (entry == null || entry.sequence() != count || !entry.prevHash().equals(previousHash)) {
            intact = false;
            break;
          }
          previousHash = entry.hash();
          if (checkpoint != null && count == checkpoint.sequence()) {
            checkpointHolds = entry.hash().equals(checkpoint.hash());
          }
        }
      }
    }
    if (intact && checkpointHolds) {
      return new LogVerification(count, count, List.of());
    }
    try (Stream<String> stream = lines.get()) {
      return verify(stream.toList(), checkpoint);
    }
  }

  /** The entry of a well-formed, correctly sealed line; {@code null} for any other line. */
  private static LogEntry sealedOrNull(String line) {
    try {
      LogEntry entry = LogCodec.decode(line);
      return LogCodec.sealedCorrectly(entry, line) ? entry : null;
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  static LogVerification verify(List<String> texts, LogCheckpoint checkpoint) {
    List<Problem> problems = new ArrayList<>();
    List<Line> lines = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      lines.add(new Line(i, texts.get(i)));
    }

    // 1. Each line on its own.
    Map<Line, String> untrustedReason = new LinkedHashMap<>();
    for (Line line : lines) {
      try {
        line.entry = LogCodec.decode(line.text);
        line.claimedHash = line.entry.hash();
        line.trusted = LogCodec.sealedCorrectly(line.entry, line.text);
        if (!line.trusted) {
          untrustedReason.put(line, "HASH_MISMATCH");
        }
      } catch (IllegalArgumentException e) {
        line.claimedHash = LogCodec.claimedHash(line.text);
        untrustedReason.put(line, e.getMessage());
      }
    }

    // 2. One entry per sequence number.
    TreeMap<Long, List<Line>> bySequence = new TreeMap<>();
    for (Line line : lines) {
      if (line.trusted) {
        bySequence.computeIfAbsent(line.entry.sequence(), s -> new ArrayList<>()).add(line);
      }
    }
    Map<Long, Line> chain = new HashMap<>();
    for (Map.Entry<Long, List<Line>> group : bySequence.entrySet()) {
      long seq = group.getKey();
      Line keep = choose(seq, group.getValue(), bySequence, lines);
      chain.put(seq, keep);
      for (Line other : group.getValue()) {
        if (other == keep) {
          continue;
        }
        other.flagged = true;
        if (other.entry.hash().equals(keep.entry.hash())) {
          problems.add(new Problem(seq, Reason.DUPLICATE,
              "entry " + seq + " on " + other.where() + " is a second copy of the entry on " + keep.where()));
        } else {
          problems.add(new Problem(seq, Reason.HASH_MISMATCH,
              "entry " + seq + " on " + other.where() + " is not part of the chain: a different entry " + seq
                  + " (" + keep.where() + ") is; it was inserted or the chain was forked"));
        }
      }
    }

    // Untrusted lines stand for the number their position implies.
    long last = 0;
    Map<Long, Line> untrustedAt = new HashMap<>();
    for (Line line : lines) {
      if (line.trusted) {
        last = line.entry.sequence();
        line.position = last;
        continue;
      }
      line.position = last + 1;
      last = line.position;
      line.flagged = true;
      untrustedAt.putIfAbsent(line.position, line);
      String reason = untrustedReason.get(line);
      if (line.entry == null) {
        problems.add(new Problem(line.position, Reason.MALFORMED,
            line.where() + " (where entry " + line.position + " belongs) is not a well-formed log entry: " + reason));
      } else {
        String claimed = line.entry.sequence() == line.position ? ""
            : " (it claims sequence " + line.entry.sequence() + ")";
        problems.add(new Problem(line.position, Reason.HASH_MISMATCH,
            "entry " + line.position + " on " + line.where() + " does not match its hash: its content was changed"
                + claimed));
      }
    }

    // 3. No gaps.
    TreeSet<Long> held = new TreeSet<>(chain.keySet());
    held.addAll(untrustedAt.keySet());
    long highest = 0;
    for (long seq : held) {
      if (seq > highest + 1) {
        reportGap(problems, highest + 1, seq - 1);
      }
      highest = seq;
    }

    // 4. Links, by sequence number.
    for (Map.Entry<Long, List<Line>> group : bySequence.entrySet()) {
      long seq = group.getKey();
      Line line = chain.get(seq);
      String expected;
      String of;
      if (seq == 1) {
        expected = LogEntry.GENESIS_HASH;
        of = "the genesis hash (64 zeros)";
      } else if (chain.containsKey(seq - 1)) {
        expected = chain.get(seq - 1).entry.hash();
        of = "entry " + (seq - 1);
      } else if (untrustedAt.containsKey(seq - 1)) {
        expected = untrustedAt.get(seq - 1).claimedHash;
        of = "entry " + (seq - 1);
      } else {
        expected = null;
        of = null;
      }
      if (expected != null && !expected.equals(line.entry.prevHash())) {
        line.flagged = true;
        problems.add(new Problem(seq, Reason.HASH_MISMATCH,
            "entry " + seq + " on " + line.where() + " does not link to " + of + ": its prevHash differs"));
      }
    }

    // 5. Order.
    List<Line> kept = new ArrayList<>();
    for (Line line : lines) {
      if (line.trusted && chain.get(line.entry.sequence()) == line) {
        kept.add(line);
      }
    }
    boolean[] inRun = longestIncreasingRun(kept);
    for (int i = 0; i < kept.size(); i++) {
      if (!inRun[i]) {
        Line line = kept.get(i);
        line.flagged = true;
        problems.add(new Problem(line.entry.sequence(), Reason.REORDERED,
            "entry " + line.entry.sequence() + " stands on " + line.where() + ", out of sequence order"));
      }
    }

    // 6. Checkpoint.
    if (checkpoint != null) {
      long seq = checkpoint.sequence();
      Line there = chain.get(seq);
      if (there != null && !there.entry.hash().equals(checkpoint.hash())) {
        there.flagged = true;
        problems.add(new Problem(seq, Reason.TRUNCATED, "entry " + seq + " on " + there.where()
            + " differs from checkpoint " + checkpoint + ": the log was cut back and written anew"));
      } else if (there == null && seq > highest) {
        problems.add(new Problem(seq, Reason.TRUNCATED, highest == 0
            ? "the log is empty, but checkpoint " + checkpoint + " was taken of it"
            : "the log ends at entry " + highest + ", before checkpoint " + checkpoint));
      }
    }

    long valid = lines.stream().filter(l -> !l.flagged).count();
    problems.sort(Comparator.comparingLong(Problem::sequence).thenComparing(Problem::reason));
    return new LogVerification(lines.size(), valid, problems);
  }

  /** The line that stays for a sequence number several trusted lines claim. */
  private static Line choose(long seq, List<Line> candidates, TreeMap<Long, List<Line>> bySequence, List<Line> lines) {
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    List<Line> distinct = new ArrayList<>();
    for (Line candidate : candidates) {
      if (distinct.stream().noneMatch(d -> d.entry.hash().equals(candidate.entry.hash()))) {
        distinct.add(candidate);
      }
    }
    Line chosen = null;
    if (distinct.size() > 1) {
      List<Line> next = bySequence.getOrDefault(seq + 1, List.of());
      for (Line candidate : distinct) {
        if (next.stream().anyMatch(n -> n.entry.prevHash().equals(candidate.entry.hash()))) {
          chosen = candidate;
          break;
        }
      }
      if (chosen == null) {
        List<Line> previous = bySequence.getOrDefault(seq - 1, List.of());
        for (Line candidate : distinct) {
          boolean links = seq == 1 ? candidate.entry.prevHash().equals(LogEntry.GENESIS_HASH)
              : previous.stream().anyMatch(p -> p.entry.hash().equals(candidate.entry.prevHash()));
          if (links) {
            chosen = candidate;
            break;
          }
        }
      }
    }
    String hash = (chosen != null ? chosen : distinct.get(0)).entry.hash();
    // Of identical copies, keep the one that stands where its number puts it.
    Line first = null;
    for (Line candidate : candidates) {
      if (!candidate.entry.hash().equals(hash)) {
        continue;
      }
      if (first == null) {
        first = candidate;
      }
      boolean inPlace = candidate.index == 0 ? seq == 1
          : lines.get(candidate.index - 1).trusted && lines.get(candidate.index - 1).entry.sequence() == seq - 1;
      if (inPlace) {
        return candidate;
      }
    }
    return first;
  }

  private static void reportGap(List<Problem> problems, long from, long to) {
    if (to - from + 1 > MAX_LISTED_GAP) {
      problems.add(new Problem(from, Reason.MISSING,
          "entries " + from + " to " + to + " are missing (" + (to - from + 1) + " entries)"));
      return;
    }
    for (long seq = from; seq <= to; seq++) {
      problems.add(new Problem(seq, Reason.MISSING, "entry " + seq + " is missing"));
    }
  }

  /** Marks the lines of one longest strictly increasing run of sequence numbers (patience sorting). */
  private static boolean[] longestIncreasingRun(List<Line> kept) {
    int n = kept.size();
    boolean[] marked = new boolean[n];
    if (n == 0) {
      return marked;
    }
    int[] tails = new int[n];
    int[] parent = new int[n];
    Arrays.fill(parent, -1);
    int length = 0;
    for (int i = 0; i < n; i++) {
      long seq = kept.get(i).entry.sequence();
      int lo = 0;
      int hi = length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (kept.get(tails[mid]).entry.sequence() < seq) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      parent[i] = lo > 0 ? tails[lo - 1] : -1;
      tails[lo] = i;
      if (lo == length) {
        length++;
      }
    }
    for (int i = tails[length - 1]; i >= 0; i = parent[i]) {
      marked[i] = true;
    }
    return marked;
  }
}
