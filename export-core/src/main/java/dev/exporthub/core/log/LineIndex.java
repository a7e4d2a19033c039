package dev.exporthub.core.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each line of a log file ends: the line-number→offset table that lets {@link FileLogStore}
 * read line {@code n}, count its lines and find the last one without reading the log.
 *
 * <p>Kept in {@code <log>.idx} beside the log: the 8 bytes {@code EXHIDX1\n}, then for each line
 * its end (the offset just past its {@code \n}) as an 8-byte big-endian number. The file is derived
 * and never believed: opening checks that its first and last records end exactly at a line break of
 * the log with no line break inside, and rebuilds it from the log when they do not (a crash, a file
 * from another log, a log restored from a backup); lines written after it are added by scanning the
 * log from its last record. A rebuild writes a new file and renames it into place, so a crash during
 * one leaves the old file or the new one, never half of one; deleting it loses nothing.
 *
 * <p>Records are added to the file only under the log's exclusive lock (by the process that
 * appends), and without forcing it: the log is what must be durable; an index that a power loss left
 * shorter or longer than the log is found and repaired on open. A read-only index keeps the records
 * it cannot add to the file in memory. Not thread-safe: the store guards it.
 */
final class LineIndex implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FileLogStore.class);
  private static final byte[] MAGIC = "EXHIDX1\n".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = MAGIC.length;
  private static final int RECORD = Long.BYTES;
  private static final int SCAN_CHUNK = 1 << 16;

  private final Path path;
  private final boolean writable;
  private FileChannel file;      // null when there is none to read or write
  private long filed;            // records in the file
  private long[] tail = new long[16];
  private int tailCount;         // records held in memory after the filed ones

  private LineIndex(Path path, boolean writable) {
    this.path = path;
    this.writable = writable;
  }

  /** The index file of a log file. */
  static Path pathOf(Path logFile) {
    return logFile.resolveSibling(logFile.getFileName() + ".idx");
  }

  /**
   * The index of the first {@code completeEnd} bytes of the log, checked and completed.
   *
   * @param writable whether the index file may be created and added to (the caller holds the log's
   *                 exclusive lock); otherwise it is only read, and rebuilt into a new file only
   */
  static LineIndex open(Path logFile, FileChannel log, long completeEnd, boolean writable) throws IOException {
    LineIndex index = new LineIndex(pathOf(logFile), writable);
    index.load(log, completeEnd);
    return index;
  }

  /**
   * Deletes the temporary files a process killed while rebuilding this log's index or saving its
   * summary left beside it; they were never renamed into place, so nothing reads them.
   */
  static void removeStrayTemporaries(Path logFile) {
    Path dir = logFile.getParent();
    String glob = logFile.getFileName().toString().replaceAll("([\\[\\]{}*?,\\\\])", "\\\\$1")
        + ".{idx,summary}.*.tmp";
    try (DirectoryStream<Path> strays = Files.newDirectoryStream(dir, glob)) {
      for (Path stray : strays) {
        Files.deleteIfExists(stray);
      }
    } catch (IOException e) {
      LOG.debug("Cannot remove temporary files beside {}: {}", logFile, e.toString());
    }
  }

  /** How many lines the index knows. */
  long count() {
    return filed + tailCount;
  }

  /** Where line {@code line} (from 1) ends: the offset just past its {@code \n}. */
  long end(long line) throws IOException {
    if (line < 1 || line > count()) {
      throw new IllegalArgumentException("line " + line + " is not among " + count());
    }
    if (line > filed) {
      return tail[(int) (line - filed - 1)];
    }
    ByteBuffer buffer = ByteBuffer.allocate(RECORD);
    LogFileIo.readFully(file, buffer, HEADER + (line - 1) * RECORD);
    return buffer.getLong(0);
  }

  /** Where line {@code line} (from 1) starts. */
  long start(long line) throws IOException {
    return line == 1 ? 0 : end(line - 1);
  }

  /** Where the last known line ends, 0 when there is none. */
  long completeEnd() throws IOException {
    return count() == 0 ? 0 : end(count());
  }

  /** Records the first {@code n} of these new lines' ends, in one write. */
  void addAll(long[] ends, int n) throws IOException {
    if (writable && tailCount == 0 && file != null) {
      ByteBuffer records = ByteBuffer.allocate(n * RECORD);
      for (int i = 0; i < n; i++) {
        records.putLong(ends[i]);
      }
      records.flip();
      long at = HEADER + filed * RECORD;
      while (records.hasRemaining()) {
        at += file.write(records, at);
      }
      filed += n;
      return;
    }
    for (int i = 0; i < n; i++) {
      add(ends[i]);
    }
  }

  /** Records a new line ending at {@code end}. */
  void add(long end) throws IOException {
    if (writable && tailCount == 0 && file != null) {
      ByteBuffer record = ByteBuffer.allocate(RECORD).putLong(0, end);
      long at = HEADER + filed * RECORD;
      while (record.hasRemaining()) {
        at += file.write(record, at);
      }
      filed++;
      return;
    }
    if (tailCount == tail.length) {
      tail = Arrays.copyOf(tail, tail.length * 2);
    }
    tail[tailCount++] = end;
  }

  /**
   * Reads the index anew after another store or process changed the log: what the file holds now,
   * checked against the log's first {@code completeEnd} bytes, then completed.
   */
  void refresh(FileChannel log, long completeEnd) throws IOException {
    if (file != null) {
      tailCount = 0;
      filed = 0;
      if (check(log, completeEnd) != null) {
        rebuild(log, completeEnd);
      }
    }
    catchUp(log, completeEnd);
  }

  /** {@code false} once an interrupt closed the file: the store opens the index again. */
  boolean isOpen() {
    return file == null || file.isOpen();
  }

  /** Adds the lines between the last known one and {@code completeEnd}, read from the log. */
  void catchUp(FileChannel log, long completeEnd) throws IOException {
    scan(log, completeEnd(), completeEnd);
  }

  @Override
  public void close() throws IOException {
    if (file != null) {
      file.close();
    }
  }

  private void load(FileChannel log, long completeEnd) throws IOException {
    if (writable || Files.exists(path)) {
      try {
        file = writable
            ? FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)
            : FileChannel.open(path, StandardOpenOption.READ);
      } catch (IOException e) {
        LOG.debug("Export log index {} cannot be opened ({}); lines are indexed in memory", path, e.toString());
        file = null;
      }
    }
    String problem = file == null ? "there is none" : check(log, completeEnd);
    if (problem != null) {
      if (file != null && file.size() > HEADER) {
        LOG.warn("Export log index {} does not match the log ({}); rebuilding it from the log", path, problem);
      }
      rebuild(log, completeEnd);
    }
    catchUp(log, completeEnd);
  }

  /** Why the index file does not match the log, or {@code null} when its ends do. */
  private String check(FileChannel log, long completeEnd) throws IOException {
    long size = file.size();
    if (size < HEADER) {
      return "it has no header";
    }
    ByteBuffer magic = ByteBuffer.allocate(HEADER);
    LogFileIo.readFully(file, magic, 0);
    if (!Arrays.equals(magic.array(), MAGIC)) {
      return "it is not an export log index";
    }
    filed = (size - HEADER) / RECORD;
    if (writable && (size - HEADER) % RECORD != 0) {
      file.truncate(HEADER + filed * RECORD); // a record torn by a crash
    }
    if (filed == 0) {
      return null;
    }
    if (!endsALine(log, 1, completeEnd)) {
      return "its first line does not end where the log's does";
    }
    long last = lastEndingBy(completeEnd); // later records: lines a power loss took from the log
    if (!endsALine(log, last, completeEnd)) {
      return "line " + last + " does not end where the index says";
    }
    if (last < filed) {
      if (!writable) {
        return "it holds lines the log does not";
      }
      file.truncate(HEADER + last * RECORD);
      filed = last;
    }
    return null;
  }

  /** The last record that ends by {@code completeEnd} (records increase), at least 1. */
  private long lastEndingBy(long completeEnd) throws IOException {
    long lo = 1;
    long hi = filed;
    while (lo < hi) {
      long mid = (lo + hi + 1) >>> 1;
      if (end(mid) <= completeEnd) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Whether the indexed line starts after a line break and ends with one, with none inside. */
  private boolean endsALine(FileChannel log, long line, long completeEnd) throws IOException {
    long start = start(line);
    long end = end(line);
    return start < end && end <= completeEnd && LogFileIo.readByte(log, end - 1) == '\n'
        && LogFileIo.lastNewline(log, end - 2) == start - 1;
  }

  /** Indexes the log from the start into a new file renamed into place; in memory when that fails. */
  private void rebuild(FileChannel log, long completeEnd) throws IOException {
    close();
    file = null;
    filed = 0;
    tailCount = 0;
    Path temporary = null;
    try {
      temporary = Files.createTempFile(path.getParent(), path.getFileName() + ".", ".tmp");
      long records;
      try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        records = writeRecords(log, completeEnd, out);
        out.force(true);
      }
      Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temporary = null;
      file = writable
          ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
          : FileChannel.open(path, StandardOpenOption.READ);
      filed = records;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("Export log index {} cannot be written ({}); lines are indexed in memory", path, e.toString());
      scan(log, 0, completeEnd);
    } finally {
      if (temporary != null) {
        Files.deleteIfExists(temporary);
      }
    }
  }

  /** Writes the header and a record per line of the log's first {@code completeEnd} bytes; returns the count. */
  private static long writeRecords(FileChannel log, long completeEnd, FileChannel out) throws IOException {
    ByteBuffer records = ByteBuffer.allocate(SCAN_CHUNK);
    records.put(MAGIC);
    long count = 0;
    ByteBuffer buffer = ByteBuffer.allocate(SCAN_CHUNK);
    for (long at = 0; at < completeEnd; ) {
      int n = (int) Math.min(SCAN_CHUNK, completeEnd - at);
      buffer.clear().limit(n);
      LogFileIo.readFully(log, buffer, at);
      byte[] bytes = buffer.array();
      for (int i = 0; i < n; i++) {
        if (bytes[i] == '\n') {
          if (records.remaining() < RECORD) {
            drain(records, out);
          }
          records.putLong(at + i + 1);
          count++;
        }
      }
      at += n;
    }
    drain(records, out);
    return count;
  }

  private static void drain(ByteBuffer records, FileChannel out) throws IOException {
    records.flip();
    while (records.hasRemaining()) {
      out.write(records);
    }
    records.clear();
  }

  /** Adds a record for every {@code \n} in the log's bytes {@code [from, to)}. */
  private void scan(FileChannel log, long from, long to) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(SCAN_CHUNK);
    for (long at = from; at < to; ) {
      int n = (int) Math.min(SCAN_CHUNK, to - at);
      buffer.clear().limit(n);
      LogFileIo.readFully(log, buffer, at);
      byte[] bytes = buffer.array();
      for (int i = 0; i < n; i++) {
        if (bytes[i] == '\n') {
          add(at + i + 1);
        }
      }
      at += n;
    }
  }
}
