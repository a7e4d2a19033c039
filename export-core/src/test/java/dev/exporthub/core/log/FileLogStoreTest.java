package dev.exporthub.core.log;

import dev.exporthub.core.internal.LogAppender;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.LogEntry;
import dev.exporthub.core.internal.LogCodec;
import dev.exporthub.core.log.LogVerification.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The append-only JSON Lines file: durable appends, torn-line recovery, locking. */
class FileLogStoreTest {

  private static final Instant T0 = LogFixtures.T0;

  @TempDir
  Path dir;

  @Test
  @DisplayName("open creates the file and its directories; an empty log is intact")
  void createsFile() {
    Path file = dir.resolve("a/b/log.jsonl");
    try (FileLogStore store = FileLogStore.open(file)) {
      assertTrue(Files.isRegularFile(file));
      assertTrue(store.openReport().intact());
      assertEquals(List.of(), LogFixtures.lines(store));
      assertEquals(file.toAbsolutePath().normalize(), store.file());
    }
  }

  @Test
  @DisplayName("one entry per line, each ended by \\n; reopening continues the chain; earlier bytes never change")
  void appendAndReopen() throws IOException {
    Path file = dir.resolve("log.jsonl");
    List<LogEntry> appended = new ArrayList<>();
    try (FileLogStore store = FileLogStore.open(file)) {
      ExportLog log = new ExportLog(store);
      LogAppender writer = new LogAppender(store);
      appended.add(writer.append(LogFixtures.generated(T0, "t1")));
      appended.add(writer.append(LogFixtures.downloaded(T0, "t1")));
      assertEquals(2, LogFixtures.lines(store).size());
    }
    byte[] before = Files.readAllBytes(file);
    String text = new String(before, StandardCharsets.UTF_8);
    assertTrue(text.endsWith("\n"));
    assertEquals(2, text.split("\n").length);

    try (FileLogStore store = FileLogStore.open(file)) {
      assertTrue(store.openReport().intact());
      ExportLog log = new ExportLog(store);
      LogAppender writer = new LogAppender(store);
      assertEquals(appended, log.entries());
      LogEntry third = writer.append(LogFixtures.error(T0, "t1"));
      assertEquals(3, third.sequence());
      assertEquals(appended.get(1).hash(), third.prevHash());
      assertTrue(log.verify().valid());
    }
    byte[] after = Files.readAllBytes(file);
    assertArrayEquals(before, Arrays.copyOf(after, before.length), "appending never rewrites earlier bytes");
  }

  @Test
  @DisplayName("a torn last line without \\n is reported, kept in a side file and cut off on open; the chain goes on")
  void tornLineWithoutNewline() throws IOException {
    Path file = dir.resolve("log.jsonl");
    List<String> lines = LogFixtures.seal(List.of(LogFixtures.generated(T0, "t1"), LogFixtures.downloaded(T0, "t1")));
    String torn = LogCodec.seal(LogFixtures.error(T0, "t1"), 3, LogCodec.decode(lines.get(1)).hash()).line();
    String partial = torn.substring(0, torn.length() / 2);
    Files.writeString(file, lines.get(0) + "\n" + lines.get(1) + "\n" + partial);

    try (FileLogStore store = FileLogStore.open(file)) {
      FileLogStore.OpenReport report = store.openReport();
      assertEquals(partial, report.discardedLine());
      assertEquals(partial, Files.readString(report.tornFile()));
      assertFalse(report.intact());
      assertTrue(new ExportLog(store).verify().valid());
      assertEquals(lines.get(0) + "\n" + lines.get(1) + "\n", Files.readString(file));
      LogEntry next = new LogAppender(store).append(LogFixtures.error(T0, "t1"));
      assertEquals(3, next.sequence());
      assertTrue(new ExportLog(store).verify().valid());
    }
  }

  @Test
  @DisplayName("a well-formed last line with a wrong hash is tampering: kept and reported, never cut")
  void tamperedLastLineIsKept() throws IOException {
    Path file = dir.resolve("log.jsonl");
    List<String> lines = LogFixtures.seal(List.of(LogFixtures.generated(T0, "t1"), LogFixtures.generated(T0, "t2")));
    String changed = lines.get(1).replace("\"t2\"", "\"t3\"");
    Files.writeString(file, lines.get(0) + "\n" + changed + "\n");
    try (FileLogStore store = FileLogStore.open(file)) {
      FileLogStore.OpenReport report = store.openReport();
      assertNull(report.discardedLine());
      assertEquals(List.of(Reason.HASH_MISMATCH),
          new ExportLog(store).verify().problems().stream().map(LogVerification.Problem::reason).toList());
      assertEquals(List.of(lines.get(0), changed), LogFixtures.lines(store));
    }
  }

  @Test
  @DisplayName("bytes that are not UTF-8 make a line malformed, even where they would decode to the same text")
  void invalidUtf8() throws IOException {
    Path file = dir.resolve("log.jsonl");
    // U+FFFD is stored as EF BF BD; a lone 0xFF decodes leniently to U+FFFD too, so the bytes must be checked.
    List<String> lines = LogFixtures.seal(List.of(LogFixtures.generated(T0, "t\uFFFD"), LogFixtures.generated(T0, "t2")));
    byte[] bytes = (lines.get(0) + "\n" + lines.get(1) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] replacement = "\uFFFD".getBytes(StandardCharsets.UTF_8);
    int at = indexOf(bytes, replacement);
    byte[] changed = new byte[bytes.length - 2];
    System.arraycopy(bytes, 0, changed, 0, at);
    changed[at] = (byte) 0xFF;
    System.arraycopy(bytes, at + 3, changed, at + 1, bytes.length - at - 3);
    assertEquals(new String(bytes, StandardCharsets.UTF_8), new String(changed, StandardCharsets.UTF_8),
        "leniently decoded, the change is invisible");
    Files.write(file, changed);
    try (FileLogStore store = FileLogStore.open(file)) {
      LogVerification verification = new ExportLog(store).verify();
      assertEquals(List.of(Reason.MALFORMED), verification.problems().stream().map(LogVerification.Problem::reason).toList());
      assertTrue(verification.problems().get(0).detail().contains("not valid UTF-8"), verification.problems().toString());
    }
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= bytes.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  @DisplayName("a malformed line inside the log is reported, never cut")
  void malformedMiddleLineIsKept() throws IOException {
    Path file = dir.resolve("log.jsonl");
    List<String> lines = LogFixtures.seal(List.of(LogFixtures.generated(T0, "t1"), LogFixtures.generated(T0, "t2")));
    Files.writeString(file, "garbage\n" + lines.get(1) + "\n");
    try (FileLogStore store = FileLogStore.open(file)) {
      assertNull(store.openReport().discardedLine());
      assertTrue(new ExportLog(store).verify().has(Reason.MALFORMED));
      assertEquals(2, LogFixtures.lines(store).size());
    }
  }

  @Test
  @DisplayName("an append that finds a torn line left by another process cuts it off and goes on")
  void tornLineFoundByAppend() throws IOException {
    Path file = dir.resolve("log.jsonl");
    try (FileLogStore store = FileLogStore.open(file)) {
      ExportLog log = new ExportLog(store);
      LogAppender writer = new LogAppender(store);
      writer.append(LogFixtures.generated(T0, "t1"));
      Files.writeString(file, "{\"schemaVersion\":1,\"sequence\":2,\"entr", StandardOpenOption.APPEND);
      assertEquals(1, LogFixtures.lines(store).size(), "an unterminated line is not a stored line");
      LogEntry next = writer.append(LogFixtures.generated(T0, "t2"));
      assertEquals(2, next.sequence());
      assertEquals(2, LogFixtures.lines(store).size());
      assertTrue(log.verify().valid());
      assertTrue(Files.readString(file).endsWith("}\n"));
    }
  }

  @Test
  @DisplayName("two stores on one file in one JVM share the chain (no OverlappingFileLockException)")
  void twoStoresOneFile() throws Exception {
    Path file = dir.resolve("log.jsonl");
    try (FileLogStore a = FileLogStore.open(file); FileLogStore b = FileLogStore.open(dir.resolve("./log.jsonl"))) {
      ExportLog logA = new ExportLog(a);
      ExportLog logB = new ExportLog(b);
      Thread other = new Thread(() -> {
        for (int i = 0; i < 200; i++) {
          new LogAppender(b).append(LogFixtures.downloaded(T0, "b"));
        }
      });
      other.start();
      for (int i = 0; i < 200; i++) {
        new LogAppender(a).append(LogFixtures.downloaded(T0, "a"));
      }
      other.join();
      List<LogEntry> entries = logA.entries();
      assertEquals(400, entries.size());
      for (int i = 0; i < entries.size(); i++) {
        assertEquals(i + 1L, entries.get(i).sequence());
      }
      assertTrue(logB.verify().valid());
    }
  }

  @Test
  @DisplayName("an interrupted thread can still append, and keeps its interrupt")
  void interruptedThread() {
    try (FileLogStore store = FileLogStore.open(dir.resolve("log.jsonl"))) {
      ExportLog log = new ExportLog(store);
      LogAppender writer = new LogAppender(store);
      Thread.currentThread().interrupt();
      try {
        assertEquals(1, writer.append(LogFixtures.generated(T0, "t1")).sequence());
        assertTrue(Thread.currentThread().isInterrupted());
      } finally {
        Thread.interrupted();
      }
      assertEquals(2, writer.append(LogFixtures.generated(T0, "t1")).sequence());
    }
  }

  @Test
  @DisplayName("a closed store refuses calls; a directory is not a log file")
  void errors() throws IOException {
    FileLogStore store = FileLogStore.open(dir.resolve("log.jsonl"));
    store.close();
    store.close();
    assertThrows(IllegalStateException.class, store::size);
    Path directory = Files.createDirectory(dir.resolve("folder"));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> FileLogStore.open(directory));
    assertTrue(e.getMessage().contains("folder"), e.getMessage());
  }

  @Test
  @DisplayName("a line with a line break is refused before anything is written")
  void lineBreak() throws IOException {
    Path file = dir.resolve("log.jsonl");
    try (FileLogStore store = FileLogStore.open(file)) {
      assertThrows(IllegalArgumentException.class, () -> store.append(last -> "a\nb"));
      assertEquals(0, Files.size(file));
    }
  }
}
