package dev.exporthub.core.log;

import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.core.internal.LogCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only JSON Lines file: one log line per line, UTF-8, each ended by {@code \n}.
 *
 * <p><b>Appending</b> takes an in-JVM lock for the file and then an exclusive {@link FileLock} on
 * it, which a second process waits for; re-reads the current last line from the file (another
 * process may have appended since), composes the new line from it, writes it with its {@code \n}
 * at the end of the file and forces it to the device before returning. So threads and processes
 * that append to one file through this class keep one chain, and an entry whose append returned
 * survives a crash of the process. Earlier lines are never rewritten.
 *
 * <p><b>Opening</b> verifies the whole chain and reports the result in {@link #openReport()} (and
 * as a warning through SLF4J when it is not intact); it does not refuse a tampered log, because the
 * people who must read it are the ones who need to see what is wrong. A host that must not go on
 * writing to a broken log checks {@code openReport().verification().valid()}. A torn last line
 * from a crash during an append (no {@code \n} at its end, or a last line that is not a well-formed
 * entry) is reported there and cut off the file: this is the only change ever made to existing
 * bytes, and only to that incomplete final line. An append that finds an unterminated last line
 * (another process crashed while this store was open) cuts it off the same way, with a warning.
 *
 * <p>Reads ({@link #lines()}) take a shared lock and read the file anew, so they see other
 * processes' appends. Thread-safe. A thread's interrupt does not make an append fail; an interrupt
 * that arrives during the I/O may, and the store reopens its file for the next call.
 *
 * <p>File locks belong to the whole process on POSIX systems, and closing any other handle on the
 * same file releases them: in a process that appends, open the file only through this class.
 */
public final class FileLogStore implements ExportLogStore {

  private static final Logger LOG = LoggerFactory.getLogger(FileLogStore.class);

  /** One lock per file for all stores of this JVM: {@link FileChannel#lock()} is per process. */
  private static final ConcurrentHashMap<Path, ReentrantLock> FILE_LOCKS = new ConcurrentHashMap<>();

  private static final int CHUNK = 8192;

  private final Path file;
  private final ReentrantLock fileLock;
  private final OpenReport openReport;
  private FileChannel channel; // guarded by fileLock
  private boolean closed;      // guarded by fileLock

  /**
   * What opening the file found.
   *
   * @param discardedLine the torn last line that was cut off the file, or {@code null} when there
   *                      was none
   * @param verification  the chain check of the lines kept
   */
  public record OpenReport(String discardedLine, LogVerification verification) {
    public OpenReport {
      Objects.requireNonNull(verification, "verification");
    }

    /** {@code true} when nothing was cut off and the chain verified. */
    public boolean intact() {
      return discardedLine == null && verification.valid();
    }
  }

  private FileLogStore(Path file, ReentrantLock fileLock) throws IOException {
    this.file = file;
    this.fileLock = fileLock;
    this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      this.openReport = recover();
    } catch (IOException | RuntimeException e) {
      fileLock.lock();
      try {
        channel.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      } finally {
        fileLock.unlock();
      }
      throw e;
    }
  }

  /**
   * Opens the log file, creating it (and its parent directories) when it does not exist; verifies
   * the chain and cuts off a torn last line (see the class description).
   *
   * @throws UncheckedIOException when the file cannot be created, read or written
   */
  public static FileLogStore open(Path file) {
    Objects.requireNonNull(file, "file");
    Path absolute = file.toAbsolutePath().normalize();
    try {
      Path parent = absolute.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        Files.createFile(absolute);
        syncDirectory(parent);
      } catch (FileAlreadyExistsException exists) {
        if (!Files.isRegularFile(absolute)) {
          throw new IOException("it exists and is not a regular file");
        }
      }
      Path real = absolute.toRealPath();
      return new FileLogStore(real, FILE_LOCKS.computeIfAbsent(real, p -> new ReentrantLock()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the export log file " + absolute + ": " + e.getMessage(), e);
    }
  }

  /** The file, as a real path. */
  public Path file() {
    return file;
  }

  /** What opening found: a torn last line cut off, and the chain check. */
  public OpenReport openReport() {
    return openReport;
  }

  @Override
  public String append(LineComposer composer) {
    Objects.requireNonNull(composer, "composer");
    fileLock.lock();
    boolean interrupted = Thread.interrupted();
    try {
      FileChannel ch = channel();
      FileLock lock = ch.lock();
      try {
        long size = cutUnterminatedTail(ch, ch.size(), "an append");
        String last = size == 0 ? null : readLastLine(ch, size);
        String line = composer.compose(last);
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
          throw new IllegalArgumentException("A log line must not contain a line break");
        }
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
          long at = size;
          while (bytes.hasRemaining()) {
            at += ch.write(bytes, at);
          }
          ch.force(false);
        } catch (IOException e) {
          rollBack(ch, size);
          throw e;
        }
        return line;
      } finally {
        release(lock);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Appending to the export log " + file + " failed: " + e.getMessage(), e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      fileLock.unlock();
    }
  }

  @Override
  public List<String> lines() {
    fileLock.lock();
    boolean interrupted = Thread.interrupted();
    try {
      FileChannel ch = channel();
      FileLock lock = ch.lock(0, Long.MAX_VALUE, true);
      try {
        byte[] bytes = readAll(ch);
        return split(bytes, completeLength(bytes));
      } finally {
        release(lock);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Reading the export log " + file + " failed: " + e.getMessage(), e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      fileLock.unlock();
    }
  }

  /** Closes the file; later calls fail. Idempotent. */
  @Override
  public void close() {
    fileLock.lock();
    try {
      closed = true;
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Closing the export log " + file + " failed: " + e.getMessage(), e);
    } finally {
      fileLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "FileLogStore[" + file + "]";
  }

  /** Under the exclusive lock: cuts a torn last line, then verifies what is left. */
  private OpenReport recover() throws IOException {
    fileLock.lock();
    boolean interrupted = Thread.interrupted();
    FileLock lock = null;
    try {
      lock = channel.lock();
      byte[] bytes = readAll(channel);
      int keep = completeLength(bytes);
      String discarded = null;
      if (keep < bytes.length) {
        discarded = new String(bytes, keep, bytes.length - keep, StandardCharsets.UTF_8);
      } else if (keep > 0) {
        int start = lastNewline(bytes, keep - 2) + 1;
        String last = text(bytes, start, keep - 1 - start);
        if (!wellFormed(last)) {
          discarded = last;
          keep = start;
        }
      }
      if (discarded != null) {
        channel.truncate(keep);
        channel.force(true);
        LOG.warn("Export log {}: cut off a torn last line left by an interrupted append ({} bytes): {}",
            file, bytes.length - keep, abbreviate(discarded));
      }
      List<String> lines = split(bytes, keep);
      LogVerification verification = LogVerifier.verify(lines, null);
      if (!verification.valid()) {
        LOG.warn("Export log {} does not verify: {}; first problem: {}", file, verification.summary(),
            verification.problems().get(0).detail());
      }
      return new OpenReport(discarded, verification);
    } finally {
      if (lock != null) {
        release(lock);
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      fileLock.unlock();
    }
  }

  private void release(FileLock lock) {
    if (!lock.isValid()) {
      return; // its channel was closed, which released it
    }
    try {
      lock.release();
    } catch (IOException e) {
      LOG.warn("Export log {}: could not release the file lock; closing the file to release it", file, e);
      try {
        lock.channel().close(); // reopened by the next call
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
    }
  }

  private FileChannel channel() throws IOException {
    if (closed) {
      throw new IllegalStateException("The export log store for " + file + " is closed");
    }
    if (!channel.isOpen()) {
      // An interrupt during I/O closes a FileChannel; the store stays usable.
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
    return channel;
  }

  /** Cuts bytes after the last {@code \n}: an append that never finished. Returns the new size. */
  private long cutUnterminatedTail(FileChannel ch, long size, String during) throws IOException {
    if (size == 0 || readByte(ch, size - 1) == '\n') {
      return size;
    }
    long keep = lastNewline(ch, size - 1) + 1;
    ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size - keep, 200));
    readFully(ch, tail, keep);
    ch.truncate(keep);
    ch.force(true);
    LOG.warn("Export log {}: before {}, cut off a torn last line left by an interrupted append ({} bytes): {}",
        file, during, size - keep, abbreviate(new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8)));
    return keep;
  }

  private void rollBack(FileChannel ch, long size) {
    try {
      if (ch.isOpen()) {
        ch.truncate(size);
        ch.force(true);
      }
    } catch (IOException e) {
      LOG.warn("Export log {}: could not roll back a failed append; the next append cuts off what is left", file, e);
    }
  }

  private static boolean wellFormed(String line) {
    try {
      LogCodec.decode(line);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The length of the file's lines that end with {@code \n}. */
  private static int completeLength(byte[] bytes) {
    return lastNewline(bytes, bytes.length - 1) + 1;
  }

  /** The index of the last {@code \n} at or before {@code from}, or -1. */
  private static int lastNewline(byte[] bytes, int from) {
    for (int i = from; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** The position of the last {@code \n} at or before {@code from}, or -1. */
  private static long lastNewline(FileChannel ch, long from) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    long end = from + 1;
    while (end > 0) {
      int n = (int) Math.min(CHUNK, end);
      long start = end - n;
      buffer.clear().limit(n);
      readFully(ch, buffer, start);
      for (int i = n - 1; i >= 0; i--) {
        if (buffer.get(i) == '\n') {
          return start + i;
        }
      }
      end = start;
    }
    return -1;
  }

  /** The last line of a file of {@code size} bytes whose last byte is {@code \n}. */
  private static String readLastLine(FileChannel ch, long size) throws IOException {
    long start = lastNewline(ch, size - 2) + 1;
    ByteBuffer line = ByteBuffer.allocate(Math.toIntExact(size - 1 - start));
    readFully(ch, line, start);
    return text(line.array(), 0, line.capacity());
  }

  private static List<String> split(byte[] bytes, int length) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '\n') {
        lines.add(text(bytes, start, i - start));
        start = i + 1;
      }
    }
    return lines;
  }

  /** A line's text; bytes that are not valid UTF-8 are marked so that the line is malformed. */
  private static String text(byte[] bytes, int offset, int length) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, offset, length)).toString();
    } catch (CharacterCodingException e) {
      return LogCodec.NOT_UTF8 + new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
  }

  private static byte[] readAll(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size > Integer.MAX_VALUE - 16) {
      throw new IOException("the log file is larger than 2 GB; rotate it");
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) size);
    readFully(ch, buffer, 0);
    return buffer.array();
  }

  private static byte readByte(FileChannel ch, long position) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    readFully(ch, one, position);
    return one.get(0);
  }

  private static void readFully(FileChannel ch, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = ch.read(buffer, at);
      if (n < 0) {
        throw new IOException("the file ended early at byte " + at + "; was it changed underneath?");
      }
      at += n;
    }
  }

  /** Makes a new file's directory entry durable; not every platform can, which is harmless. */
  private static void syncDirectory(Path directory) {
    if (directory == null) {
      return;
    }
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      LOG.debug("Cannot sync directory {}: {}", directory, notSupported.toString());
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
