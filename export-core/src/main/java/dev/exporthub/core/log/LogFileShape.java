package dev.exporthub.core.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a log file's complete lines end, and whether the file is a log at all, read from its two
 * ends only: the first line's first bytes and the last line (its start, and its last bytes). A data
 * file handed over as the log is refused before anything is changed; nothing here writes.
 *
 * <p>A file is taken as a log when its first line or its last complete line begins as every stored
 * entry does ({@code {"schemaVersion":}), or its last complete line ends as every entry does (a
 * {@code hash} member of 64 hex digits closing the object). Either end is enough, so a log whose
 * first or last line was tampered with is still opened and its damage reported; records, JSON
 * arrays and CSV have neither. A file of nothing but an unterminated line (a first append torn by a
 * crash) is a log when that line begins as an entry does, however little of it was written.
 *
 * @param size          the file's size
 * @param completeEnd   the length of the lines that end with {@code \n}; the bytes after it are a
 *                      torn last line
 */
record LogFileShape(long size, long completeEnd) {

  private static final byte[] ENTRY_START = "{\"schemaVersion\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HASH_START = ",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final int HEX_DIGITS = 64;
  private static final int ENTRY_END_LENGTH = HASH_START.length + HEX_DIGITS + 2; // the hash, then "}

  /** The length of the torn last line: bytes after the last {@code \n}. */
  long tornLength() {
    return size - completeEnd;
  }

  /**
   * Looks at the file's ends.
   *
   * @throws NotAnExportLogException when the file is not empty and neither end reads like a log's
   */
  static LogFileShape inspect(FileChannel ch, Path file) throws IOException {
    long size = ch.size();
    if (size == 0) {
      return new LogFileShape(0, 0);
    }
    long completeEnd = LogFileIo.readByte(ch, size - 1) == '\n' ? size : LogFileIo.lastNewline(ch, size - 1) + 1;
    if (completeEnd == 0) {
      byte[] start = LogFileIo.read(ch, 0, (int) Math.min(ENTRY_START.length, size));
      if (!startsLikeEntry(start)) {
        throw new NotAnExportLogException(file, "its only line is not ended by a line break and does not begin as a "
            + "log entry does");
      }
      return new LogFileShape(size, 0);
    }
    long lastStart = LogFileIo.lastNewline(ch, completeEnd - 2) + 1;
    long lastLength = completeEnd - 1 - lastStart;
    // The first line's length is not needed: a line shorter than the entry start holds a \n within it.
    if (!beginsAsEntry(ch, 0, completeEnd - 1) && !beginsAsEntry(ch, lastStart, lastLength)
        && !endsAsEntry(ch, lastStart, lastLength)) {
      throw new NotAnExportLogException(file, "neither its first line nor its last line is a log entry "
          + "(each begins {\"schemaVersion\": and ends with its \"hash\")");
    }
    return new LogFileShape(size, completeEnd);
  }

  private static boolean beginsAsEntry(FileChannel ch, long start, long available) throws IOException {
    return available >= ENTRY_START.length
        && Arrays.equals(LogFileIo.read(ch, start, ENTRY_START.length), ENTRY_START);
  }

  private static boolean endsAsEntry(FileChannel ch, long start, long lineLength) throws IOException {
    if (lineLength < ENTRY_END_LENGTH) {
      return false;
    }
    byte[] end = LogFileIo.read(ch, start + lineLength - ENTRY_END_LENGTH, ENTRY_END_LENGTH);
    if (!Arrays.equals(end, 0, HASH_START.length, HASH_START, 0, HASH_START.length)) {
      return false;
    }
    for (int i = HASH_START.length; i < HASH_START.length + HEX_DIGITS; i++) {
      if (!(end[i] >= '0' && end[i] <= '9' || end[i] >= 'a' && end[i] <= 'f')) {
        return false;
      }
    }
    return end[ENTRY_END_LENGTH - 2] == '"' && end[ENTRY_END_LENGTH - 1] == '}';
  }

  /** A torn first line: what was written of it is the start of an entry, or begins with one. */
  private static boolean startsLikeEntry(byte[] start) {
    return Arrays.equals(start, 0, start.length, ENTRY_START, 0, start.length);
  }
}
