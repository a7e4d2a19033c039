package dev.exporthub.core.log;

import dev.exporthub.core.internal.LogAppender;
import static dev.exporthub.core.log.LogVerification.Reason.DUPLICATE;
import static dev.exporthub.core.log.LogVerification.Reason.HASH_MISMATCH;
import static dev.exporthub.core.log.LogVerification.Reason.MALFORMED;
import static dev.exporthub.core.log.LogVerification.Reason.MISSING;
import static dev.exporthub.core.log.LogVerification.Reason.REORDERED;
import static dev.exporthub.core.log.LogVerification.Reason.TRUNCATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.LogCheckpoint;
import dev.exporthub.api.LogEntry;
import dev.exporthub.core.internal.LogCodec;
import dev.exporthub.core.log.LogVerification.Problem;
import dev.exporthub.core.log.LogVerification.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The log's tamper evidence as laws: for random logs of 0 to 300 entries, an untouched log always
 * verifies, and every kind of tampering is found with the reason that names it, and with no reason
 * that does not. Each mutation kind states the reasons it must produce.
 */
class LogVerificationProperties {

  private static final String HEX = "0123456789abcdef";

  @Provide
  Arbitrary<List<String>> logs() {
    return LogFixtures.entryLists(300).map(LogFixtures::seal);
  }

  @Provide
  Arbitrary<List<String>> nonEmptyLogs() {
    return LogFixtures.entryLists(300).filter(l -> !l.isEmpty()).map(LogFixtures::seal);
  }

  @Provide
  Arbitrary<List<String>> logsOfTwoOrMore() {
    return LogFixtures.entryLists(300).filter(l -> l.size() >= 2).map(LogFixtures::seal);
  }

  @Provide
  Arbitrary<List<String>> smallLogs() {
    return LogFixtures.entries().list().ofMinSize(1).ofMaxSize(30).map(LogFixtures::seal);
  }

  @Property(tries = 150)
  @Label("an untouched log verifies, also against a checkpoint of any of its entries")
  void untouchedLogVerifies(@ForAll("logs") List<String> lines, @ForAll @IntRange(min = 0, max = 10_000) int pick) {
    ExportLog log = log(lines);
    LogVerification verification = log.verify();
    assertTrue(verification.valid(), verification::summary);
    assertEquals(lines.size(), verification.entriesChecked());
    assertEquals(lines.size(), verification.validEntries());
    if (!lines.isEmpty()) {
      assertTrue(log.verify(log.head().orElseThrow()).valid());
      LogCheckpoint earlier = LogCodec.decode(lines.get(pick % lines.size())).checkpoint();
      assertTrue(log.verify(earlier).valid());
    } else {
      assertTrue(log.head().isEmpty());
    }
  }

  @Property(tries = 200)
  @Label("every single-byte change is found: MALFORMED when the line no longer parses, else HASH_MISMATCH")
  void everySingleByteChangeIsDetected(@ForAll("nonEmptyLogs") List<String> lines,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int lineChoice,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int byteChoice,
      @ForAll @IntRange(min = 1, max = 255) int delta) {
    int k = lineChoice % lines.size();
    byte[] bytes = lines.get(k).getBytes(StandardCharsets.UTF_8);
    int at = byteChoice % bytes.length;
    bytes[at] = (byte) (bytes[at] + delta);
    String changed = new String(bytes, StandardCharsets.UTF_8);
    Assume.that(!changed.equals(lines.get(k)));

    Reason expected = parses(changed) ? HASH_MISMATCH : MALFORMED;
    LogVerification verification = verify(replace(lines, k, changed));

    assertFalse(verification.valid());
    assertTrue(verification.has(expected), () -> "expected " + expected + ": " + verification.problems());
    assertTrue(Set.of(HASH_MISMATCH, MALFORMED).containsAll(reasons(verification)), verification::summary);
    // The changed entry, and (for a changed hash) the link of the one after it.
    assertTrue(Set.of(k + 1L, k + 2L).containsAll(sequences(verification)), () -> verification.problems().toString());
    assertTrue(sequences(verification).contains(k + 1L));
  }

  /** Byte changes aimed at the places that matter most, each with the reasons it must produce. */
  enum Target { HASH_HEX, PREV_HASH_HEX, SEQUENCE_DIGIT, TIMESTAMP_DIGIT, STRUCTURE }

  @Property(tries = 200)
  @Label("aimed byte changes: the hash, the prevHash, the sequence number, a value, the structure")
  void aimedByteChangesAreDetectedWithTheirReason(@ForAll("nonEmptyLogs") List<String> lines,
      @ForAll Target target,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int lineChoice,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int choice) {
    int k = lineChoice % lines.size();
    String line = lines.get(k);
    String changed;
    Set<Long> expectedSequences = Set.of(k + 1L);
    Reason expected = HASH_MISMATCH;
    switch (target) {
      case HASH_HEX -> {
        int start = line.lastIndexOf(",\"hash\":\"") + 9;
        changed = changeHex(line, start + choice % 64, choice);
        if (k + 1 < lines.size()) {
          expectedSequences = Set.of(k + 1L, k + 2L); // its own hash, and the next entry's link
        }
      }
      case PREV_HASH_HEX -> {
        int start = line.lastIndexOf("\"prevHash\":\"") + 12;
        changed = changeHex(line, start + choice % 64, choice);
      }
      case SEQUENCE_DIGIT -> {
        int start = line.indexOf("\"sequence\":") + 11;
        int end = line.indexOf(',', start);
        int at = start + choice % (end - start);
        char old = line.charAt(at);
        char digit;
        do {
          digit = (char) ('0' + Math.floorMod(choice++, 10));
        } while (digit == old || (at == start && digit == '0'));
        changed = line.substring(0, at) + digit + line.substring(at + 1);
      }
      case TIMESTAMP_DIGIT -> {
        int at = line.indexOf("\"timestamp\":\"") + 13 + 3; // the last digit of the year
        char digit = (char) ('0' + (line.charAt(at) - '0' + 1 + Math.floorMod(choice, 9)) % 10);
        changed = line.substring(0, at) + digit + line.substring(at + 1);
      }
      case STRUCTURE -> {
        int[] places = {0, line.length() - 1, line.indexOf("\"schemaVersion\":") + 15,
            line.lastIndexOf(",\"hash\":\""), line.lastIndexOf(",\"hash\":\"") + 8};
        int at = places[choice % places.length];
        changed = line.substring(0, at) + 'x' + line.substring(at + 1);
        expected = MALFORMED;
      }
      default -> throw new AssertionError(target);
    }
    LogVerification verification = verify(replace(lines, k, changed));
    assertEquals(Set.of(expected), reasons(verification), () -> target + ": " + verification.problems());
    assertEquals(expectedSequences, sequences(verification), () -> target + ": " + verification.problems());
  }

  @Property(tries = 150)
  @Label("a deleted entry (not the last) is MISSING, and nothing else")
  void deletedEntryIsMissing(@ForAll("logsOfTwoOrMore") List<String> lines,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int choice) {
    int d = choice % (lines.size() - 1);
    List<String> changed = new ArrayList<>(lines);
    changed.remove(d);
    LogVerification verification = verify(changed);
    assertEquals(List.of(MISSING), reasonList(verification), verification::summary);
    assertEquals(d + 1L, verification.problems().get(0).sequence());
  }

  @Property(tries = 150)
  @Label("a swapped pair is REORDERED, and nothing else")
  void swappedPairIsReordered(@ForAll("logsOfTwoOrMore") List<String> lines,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int a,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int b) {
    int i = Math.min(a % lines.size(), b % lines.size());
    int j = Math.max(a % lines.size(), b % lines.size());
    Assume.that(i != j);
    List<String> changed = new ArrayList<>(lines);
    Collections.swap(changed, i, j);
    LogVerification verification = verify(changed);
    assertEquals(Set.of(REORDERED), reasons(verification), verification::summary);
    for (long seq : sequences(verification)) {
      assertTrue(seq >= i + 1 && seq <= j + 1, () -> "outside the swapped span: " + verification.problems());
    }
  }

  @Property(tries = 150)
  @Label("a duplicated entry, copied anywhere, is one DUPLICATE, and nothing else")
  void duplicatedEntryIsDuplicate(@ForAll("nonEmptyLogs") List<String> lines,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int copy,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where) {
    int c = copy % lines.size();
    List<String> changed = new ArrayList<>(lines);
    changed.add(where % (lines.size() + 1), lines.get(c));
    LogVerification verification = verify(changed);
    assertEquals(List.of(DUPLICATE), reasonList(verification), verification::summary);
    assertEquals(c + 1L, verification.problems().get(0).sequence());
    assertEquals(lines.size(), verification.validEntries());
  }

  /** How an inserted entry was made. */
  enum Insertion {
    /** Correctly sealed after the entry before it, with that position's number: a fork. */
    FORK,
    /** Correctly sealed with an existing number and a made-up prevHash. */
    FOREIGN_LINK,
    /** Well-formed, with a made-up hash. */
    UNSEALED
  }

  @Property(tries = 150)
  @Label("an inserted entry is a HASH_MISMATCH (not part of the chain), and nothing else")
  void insertedEntryIsHashMismatch(@ForAll("nonEmptyLogs") List<String> lines, @ForAll Insertion kind,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int a,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int b) {
    int n = lines.size();
    int p = a % n; // inserted before line p, never at the end, where appending is legitimate
    String before = p == 0 ? LogEntry.GENESIS_HASH : LogCodec.decode(lines.get(p - 1)).hash();
    LogEntry intruder = new LogEntry.ExportDownloaded(0, LogFixtures.T0.plusSeconds(b % 1000), "t1",
        new LogEntry.Download("EXP-" + b, "json", "x.json", b), "intruder", null, null);
    String inserted = switch (kind) {
      case FORK -> LogCodec.seal(intruder, p + 1, before).line();
      case FOREIGN_LINK -> LogCodec.seal(intruder, b % n + 1, madeUpHash(b)).line();
      case UNSEALED -> {
        String sealed = LogCodec.seal(intruder, p + 1, before).line();
        yield sealed.substring(0, sealed.length() - 66) + madeUpHash(a) + "\"}";
      }
    };
    List<String> changed = new ArrayList<>(lines);
    changed.add(p, inserted);
    LogVerification verification = verify(changed);
    assertEquals(Set.of(HASH_MISMATCH), reasons(verification), () -> kind + ": " + verification.problems());
  }

  @Property(tries = 150)
  @Label("a log cut back behind a checkpoint is TRUNCATED, also when written anew; without the checkpoint it verifies")
  void truncationIsFoundAgainstACheckpoint(@ForAll("nonEmptyLogs") List<String> lines, @ForAll boolean rewrite,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int a,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int b) {
    int c = a % lines.size();
    LogCheckpoint checkpoint = LogCodec.decode(lines.get(c)).checkpoint();
    int keep = b % (c + 1); // the checkpoint's entry is gone
    InMemoryLogStore store = new InMemoryLogStore(lines.subList(0, keep));
    ExportLog log = new ExportLog(store);
    LogAppender writer = new LogAppender(store);
    if (rewrite) {
      for (int i = keep; i <= c + b % 3; i++) {
        writer.append(LogFixtures.downloaded(Instant.parse("2026-02-01T00:00:00Z").plusSeconds(i), "rewriter-t"));
      }
    }
    LogVerification verification = log.verify(checkpoint);
    assertEquals(List.of(TRUNCATED), reasonList(verification), verification::summary);
    assertEquals(checkpoint.sequence(), verification.problems().get(0).sequence());
    assertTrue(log.verify().valid(), "a cut-back log is a valid log on its own");
  }

  @Property(tries = 40)
  @Label("a byte changed in a log file is found by verifying the opened file; its derived files never hide it")
  void byteChangedInTheFileIsFound(@ForAll("smallLogs") List<String> lines,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int at,
      @ForAll @IntRange(min = 1, max = 255) int delta) throws IOException {
    Path file = Files.createTempFile("exporthub-log", ".jsonl");
    try {
      byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
      bytes[at % bytes.length] = (byte) (bytes[at % bytes.length] + delta);
      Files.write(file, bytes);
      // One changed byte leaves an end of some line reading like an entry: never refused as not a log.
      try (FileLogStore store = FileLogStore.open(file)) {
        FileLogStore.OpenReport report = store.openReport();
        LogVerification verification = new ExportLog(store).verify();
        assertFalse(report.intact() && verification.valid(), () -> "not reported: " + report);
      }
    } finally {
      for (String derived : List.of("", ".torn-1", ".idx", ".summary")) { // .torn-1: a changed last \n
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + derived));
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private static ExportLog log(List<String> lines) {
    return new ExportLog(new InMemoryLogStore(lines));
  }

  private static LogVerification verify(List<String> lines) {
    return log(lines).verify();
  }

  /** Whether the line still parses as a well-formed entry: the oracle for a changed byte. */
  private static boolean parses(String line) {
    try {
      LogCodec.decode(line);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static List<String> replace(List<String> lines, int index, String line) {
    List<String> changed = new ArrayList<>(lines);
    changed.set(index, line);
    return changed;
  }

  private static String changeHex(String line, int at, int choice) {
    char old = line.charAt(at);
    char replacement = HEX.charAt((HEX.indexOf(old) + 1 + Math.floorMod(choice, 15)) % 16);
    return line.substring(0, at) + replacement + line.substring(at + 1);
  }

  private static String madeUpHash(int seed) {
    StringBuilder hash = new StringBuilder();
    java.util.Random random = new java.util.Random(seed);
    for (int i = 0; i < 64; i++) {
      hash.append(HEX.charAt(random.nextInt(16)));
    }
    return hash.toString();
  }

  private static Set<Reason> reasons(LogVerification verification) {
    return verification.problems().stream().map(Problem::reason).collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<Reason> reasonList(LogVerification verification) {
    return verification.problems().stream().map(Problem::reason).toList();
  }

  private static Set<Long> sequences(LogVerification verification) {
    return verification.problems().stream().map(Problem::sequence).collect(Collectors.toCollection(TreeSet::new));
  }
}
