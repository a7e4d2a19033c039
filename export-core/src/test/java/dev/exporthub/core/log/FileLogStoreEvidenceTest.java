package dev.exporthub.core.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.LogEntry;
import dev.exporthub.core.internal.LogAppender;
import dev.exporthub.core.internal.LogCodec;
import dev.exporthub.core.log.LogVerification.Problem;
import dev.exporthub.core.log.LogVerification.Reason;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store never deletes evidence: a complete line is kept whatever it holds, a torn last line is
 * cut only after its bytes are kept beside the log, and a file that is not a log is refused untouched.
 */
class FileLogStoreEvidenceTest {

  private static final Instant T0 = LogFixtures.T0;
  private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

  @TempDir
  Path dir;

  /** Three sealed lines: entries 1 to 3. */
  private static List<String> threeLines() {
    return LogFixtures.seal(List.of(LogFixtures.generated(T0, "t1"), LogFixtures.downloaded(T0, "t1"),
        LogFixtures.error(T0, "t1")));
  }

  private static String joined(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }

  @Test
  @DisplayName("a complete last line made malformed (its hash removed, newline kept) is kept; verify reports it "
      + "MALFORMED at its sequence; appends are refused, naming the file, the line and what to do")
  void malformedCompleteLastLineIsKept() throws IOException {
    Path file = dir.resolve("log.jsonl");
    List<String> lines = threeLines();
    String third = lines.get(2);
    String withoutHash = third.substring(0, third.indexOf(",\"hash\":")) + "}";
    Files.writeString(file, lines.get(0) + "\n" + lines.get(1) + "\n" + withoutHash + "\n");
    byte[] before = Files.readAllBytes(file);

    try (FileLogStore store = FileLogStore.open(file)) {
      FileLogStore.OpenReport report = store.openReport();
      assertNull(report.discardedLine(), "a complete line is never cut");
      assertNull(report.tornFile());
      assertFalse(report.appendable());
      assertTrue(report.appendRefusal().contains("line 3"), report.appendRefusal());
      assertArrayEquals(before, Files.readAllBytes(file), "opening changed nothing");

      LogVerification verification = new ExportLog(store).verify();
      assertEquals(List.of(Reason.MALFORMED), verification.problems().stream().map(Problem::reason).toList());
      assertEquals(3, verification.problems().get(0).sequence());
      assertEquals(3, LogFixtures.lines(store).size());

      LogAppender writer = new LogAppender(store);
      LogAppendRefusedException refused = assertThrows(LogAppendRefusedException.class,
          () -> writer.append(LogFixtures.generated(T0, "t2")));
      assertEquals(store.file(), refused.file());
      assertEquals(3, refused.line());
      String message = refused.getMessage();
      assertTrue(message.contains(store.file().toString()), message);
      assertTrue(message.contains("line 3") && message.contains("MALFORMED"), message);
      assertTrue(message.contains("start a new log at another path") && message.contains("restore line 3"), message);
      assertFalse(message.contains("\n"), message);
      assertEquals(report.appendRefusal(), message, "the report says what an append would be told");
      assertArrayEquals(before, Files.readAllBytes(file), "a refused append writes nothing");

      // An operator restores the line from a trusted copy: the same store appends again.
      Files.writeString(file, joined(lines));
      assertEquals(4, writer.append(LogFixtures.generated(T0, "t2")).sequence());
      assertTrue(new ExportLog(store).verify().valid());
    }
  }

  @Test
  @DisplayName("a complete last line of zeros and a fragment (not an interrupted append) is kept, not cut")
  void zeroFilledCompleteLineIsKept() throws IOException {
    Path file = dir.resolve("log.jsonl");
    List<String> lines = LogFixtures.seal(List.of(LogFixtures.generated(T0, "t1")));
    Files.writeString(file, lines.get(0) + "\n" + "\u0000\u0000\u0000{\"schemaVersion\":1,\"seq\n");
    byte[] before = Files.readAllBytes(file);
    try (FileLogStore store = FileLogStore.open(file)) {
      assertNull(store.openReport().discardedLine());
      assertTrue(new ExportLog(store).verify().has(Reason.MALFORMED));
      assertEquals(2, LogFixtures.lines(store).size());
      assertThrows(LogAppendRefusedException.class, () -> new LogAppender(store).append(LogFixtures.error(T0, "t1")));
    }
    assertArrayEquals(before, Files.readAllBytes(file));
  }

  @Test
  @DisplayName("a torn last line (no newline) is cut and reported; its bytes, not UTF-8 ones too, are kept in "
      + "<log>.torn-1, then torn-2")
  void tornLineIsKeptBesideTheLog() throws IOException {
    Path file = dir.resolve("log.jsonl");
    List<String> lines = threeLines();
    byte[] torn = {'{', '"', 's', 'c', (byte) 0xFF, (byte) 0xC3, 0};
    Files.writeString(file, joined(lines));
    Files.write(file, torn, StandardOpenOption.APPEND);

    Path first;
    try (FileLogStore store = FileLogStore.open(file)) {
      FileLogStore.OpenReport report = store.openReport();
      first = report.tornFile();
      assertEquals(store.file().resolveSibling("log.jsonl.torn-1"), first);
      assertArrayEquals(torn, Files.readAllBytes(first), "every cut byte is kept");
      assertFalse(report.intact());
      assertTrue(report.appendable());
      assertTrue(new ExportLog(store).verify().valid());
      assertEquals(joined(lines), Files.readString(file));
      assertEquals(4, new LogAppender(store).append(LogFixtures.error(T0, "t1")).sequence());
    }

    Files.writeString(file, "{\"schemaVersion\":1,\"sequence\":5,\"ent", StandardOpenOption.APPEND);
    try (FileLogStore store = FileLogStore.open(file)) {
      Path second = store.openReport().tornFile();
      assertEquals(store.file().resolveSibling("log.jsonl.torn-2"), second);
      assertEquals("{\"schemaVersion\":1,\"sequence\":5,\"ent", Files.readString(second));
      assertEquals("{\"schemaVersion\":1,\"sequence\":5,\"ent", store.openReport().discardedLine());
      assertArrayEquals(torn, Files.readAllBytes(first), "an earlier side file is never overwritten");
      assertTrue(new ExportLog(store).verify().valid());
    }
  }

  @Test
  @DisplayName("an append that finds a torn line left by another process keeps it beside the log before cutting it")
  void tornLineFoundByAppendIsKept() throws IOException {
    Path file = dir.resolve("log.jsonl");
    try (FileLogStore store = FileLogStore.open(file)) {
      LogAppender writer = new LogAppender(store);
      writer.append(LogFixtures.generated(T0, "t1"));
      Files.writeString(file, "{\"schemaVersion\":1,\"sequence\":2,\"entr", StandardOpenOption.APPEND);
      assertEquals(2, writer.append(LogFixtures.generated(T0, "t2")).sequence());
      assertEquals("{\"schemaVersion\":1,\"sequence\":2,\"entr",
          Files.readString(store.file().resolveSibling("log.jsonl.torn-1")));
      assertTrue(new ExportLog(store).verify().valid());
    }
  }

  @Test
  @DisplayName("a first append torn by a crash (the file's only bytes, no newline) is kept aside; the log starts at 1")
  void tornFirstLine() throws IOException {
    Path file = dir.resolve("log.jsonl");
    Files.writeString(file, "{\"schem");
    try (FileLogStore store = FileLogStore.open(file)) {
      assertEquals("{\"schem", Files.readString(store.openReport().tornFile()));
      assertEquals(0, Files.size(file));
      assertEquals(1, new LogAppender(store).append(LogFixtures.generated(T0, "t1")).sequence());
    }
  }

  @Test
  @DisplayName("a side-file name already taken is skipped, never overwritten")
  void takenSideFileNameIsSkipped() throws IOException {
    Path file = dir.resolve("log.jsonl");
    String lines = joined(threeLines());
    Files.writeString(file, lines + "{\"schemaVersion\":1,\"se");
    Files.createDirectory(dir.resolve("log.jsonl.torn-1"));
    try (FileLogStore store = FileLogStore.open(file)) {
      assertEquals(store.file().resolveSibling("log.jsonl.torn-2"), store.openReport().tornFile());
    }
    assertEquals("{\"schemaVersion\":1,\"se", Files.readString(dir.resolve("log.jsonl.torn-2")));
    assertEquals(lines, Files.readString(file));
  }

  @Test
  @DisplayName("a torn line whose side file cannot be written is not cut: opening fails, saying so, and the bytes stay")
  void tornLineThatCannotBeKeptIsNotCut() throws IOException {
    // 250 bytes of name leave no room for ".torn-1" within the 255 a file name may have.
    Path file = dir.resolve("l".repeat(244) + ".jsonl");
    Files.writeString(file, joined(threeLines()) + "{\"schemaVersion\":1,\"se");
    byte[] before = Files.readAllBytes(file);

    UncheckedIOException failed = assertThrows(UncheckedIOException.class, () -> FileLogStore.open(file));

    assertTrue(failed.getMessage().contains("nothing was cut"), failed.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
  }

  static Stream<Arguments> notLogs() {
    String records = "{\"alertId\":\"AL-1\",\"severity\":\"high\",\"tenantId\":\"tenant-1\",\"facilityId\":\"plant-a\"}\n"
        + "{\"alertId\":\"AL-2\",\"severity\":\"low\",\"tenantId\":\"tenant-1\",\"facilityId\":\"plant-a\"}\n";
    String array = "[\n  {\"taskId\": \"T-1\", \"status\": \"open\"},\n  {\"taskId\": \"T-2\", \"status\": \"done\"}\n]\n";
    return Stream.of(
        Arguments.of("alerts.jsonl", records),
        Arguments.of("tasks.json", array),
        Arguments.of("tasks-one-line.json", "[{\"taskId\":\"T-1\"},{\"taskId\":\"T-2\"}]"),
        Arguments.of("records-without-final-newline.jsonl", records.strip()),
        Arguments.of("report.csv", "\"id\",\"name\"\r\n\"1\",\"a\"\r\n"),
        Arguments.of("blank-lines.txt", "\n\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notLogs")
  @DisplayName("a file that is not a log (records, a JSON array, CSV) is refused, unchanged byte for byte and in mtime")
  void notALogIsRefusedUntouched(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, LONG_AGO);
    byte[] before = Files.readAllBytes(file);

    NotAnExportLogException refused = assertThrows(NotAnExportLogException.class, () -> FileLogStore.open(file));

    assertEquals(file.toAbsolutePath(), refused.file());
    assertTrue(refused.getMessage().contains(file.toString()) && refused.getMessage().contains("not an export log"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("left unchanged"), refused.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(LONG_AGO, Files.getLastModifiedTime(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no side file");
    }
  }

  @Test
  @DisplayName("the check reads only the file's ends: a 2.5 GB sparse data file is refused as not a log, "
      + "not as too large to read")
  void checkReadsOnlyTheEnds() throws IOException {
    Path file = dir.resolve("huge.jsonl");
    byte[] record = "{\"alertId\":\"AL-1\"}\n".getBytes(StandardCharsets.UTF_8);
    long size = 2_500_000_000L;
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write(record);
      raf.seek(size - record.length - 1);
      raf.write('\n');
      raf.write(record);
    }
    Files.setLastModifiedTime(file, LONG_AGO);
    try {
      assertThrows(NotAnExportLogException.class, () -> FileLogStore.open(file));
      assertEquals(size, Files.size(file));
      assertEquals(LONG_AGO, Files.getLastModifiedTime(file));
    } finally {
      Files.delete(file);
    }
  }

  @Test
  @DisplayName("a log with a tampered first line, or a tampered last line, is still a log: opened, damage reported")
  void tamperedEndsAreStillALog() throws IOException {
    List<String> lines = threeLines();
    Path firstGone = dir.resolve("first.jsonl");
    Files.writeString(firstGone, "garbage\n" + lines.get(1) + "\n" + lines.get(2) + "\n");
    try (FileLogStore store = FileLogStore.open(firstGone)) {
      assertTrue(new ExportLog(store).verify().has(Reason.MALFORMED));
      assertTrue(store.openReport().appendable(), "a malformed line inside the log does not stop appends");
      assertEquals(4, new LogAppender(store).append(LogFixtures.error(T0, "t1")).sequence());
    }
    Path lastPrefixGone = dir.resolve("last.jsonl");
    String third = lines.get(2);
    Files.writeString(lastPrefixGone, "x" + lines.get(0).substring(1) + "\n" + lines.get(1) + "\n"
        + "X" + third.substring(1) + "\n");
    try (FileLogStore store = FileLogStore.open(lastPrefixGone)) {
      assertFalse(store.openReport().appendable(), "its hash suffix still marks it as an entry, a damaged one");
      assertEquals(3, LogFixtures.lines(store).size());
    }
  }

  @Test
  @DisplayName("an empty file and a missing file open as an empty, intact log")
  void emptyAndMissing() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.jsonl"));
    try (FileLogStore store = FileLogStore.open(empty)) {
      assertTrue(store.openReport().intact());
      assertTrue(store.openReport().appendable());
      assertEquals(1, new LogAppender(store).append(LogFixtures.generated(T0, "t1")).sequence());
    }
    Path missing = dir.resolve("new/log.jsonl");
    try (FileLogStore store = FileLogStore.open(missing)) {
      assertTrue(store.openReport().intact());
      LogEntry first = new LogAppender(store).append(LogFixtures.generated(T0, "t1"));
      assertEquals(LogEntry.GENESIS_HASH, first.prevHash());
    }
    assertEquals(1, Files.readAllLines(missing).size());
    assertEquals(1, LogCodec.decode(Files.readAllLines(missing).get(0)).sequence());
  }
}
