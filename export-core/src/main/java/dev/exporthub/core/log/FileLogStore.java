package dev.exporthub.core.log;

import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.core.internal.LogCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * <p><b>Opening</b> looks at the file's two ends first (never loading it for that, see
 * {@link NotAnExportLogException}) and refuses, untouched, a file that is not a log, such as a data
 * file. It then verifies the whole chain and reports the result in {@link #openReport()} (and as a
 * warning through SLF4J when it is not intact); it does not refuse a tampered log, because the
 * people who must read it are the ones who need to see what is wrong. A host that must not go on
 * writing to a broken log checks {@code openReport().verification().valid()}.
 *
 * <p><b>Nothing stored is deleted.</b> The one change ever made to existing bytes: a last line
 * without its {@code \n}, which only an append that never returned leaves, is cut off, after its
 * bytes were kept in a side file {@code <log>.torn-<n>} (see {@code TornTail}); opening reports it,
 * and an append that finds one (another process crashed while this store was open) does the same
 * with a warning. A complete line is never cut: one that is not a well-formed entry is kept, and
 * while it is the last line every append is refused with a {@link LogAppendRefusedException}, since
 * an entry chained after it would bury it, until an operator acts.
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

  private final Path file;
  private final ReentrantLock fileLock;
  private final OpenReport openReport;
  private FileChannel channel; // guarded by fileLock
  private boolean closed;      // guarded by fileLock

  /**
   * What opening the file found.
   *
   * @param discardedLine the torn last line that was cut off the file (as text, its first 4 KiB
   *                      when longer), or {@code null} when there was none
   * @param tornFile      the side file that keeps every byte of that line, or {@code null}
   * @param verification  the chain check of the lines kept
   * @param appendRefusal why appends are refused (a last line that is not a well-formed entry: the
   *                      message of the {@link LogAppendRefusedException} an append throws), or
   *                      {@code null} when appends go on
   */
  public record OpenReport(String discardedLine, Path tornFile, LogVerification verification, String appendRefusal) {
    public OpenReport {
      Objects.requireNonNull(verification, "verification");
      if ((discardedLine == null) != (tornFile == null)) {
        throw new IllegalArgumentException("a cut line and its side file go together");
      }
    }

    /** {@code true} when nothing was cut off and the chain verified. */
    public boolean intact() {
      return discardedLine == null && verification.valid();
    }

    /** {@code true} unless the last line is malformed, when every append is refused. */
    public boolean appendable() {
      return appendRefusal == null;
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
   * the chain and cuts off a torn last line, keeping its bytes (see the class description).
   *
   * @throws NotAnExportLogException when the file is not empty and is not a log; it is not changed
   * @throws UncheckedIOException    when the file cannot be created, read or written, or a torn last
   *                                 line cannot be kept (and so is not cut)
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
        LogFileIo.syncDirectory(parent);
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

  /** What opening found: a torn last line cut off and where it is kept, the chain check, whether appends go on. */
  public OpenReport openReport() {
    return openReport;
  }

  /**
   * {@inheritDoc}
   *
   * @throws LogAppendRefusedException when the last line is complete but not a well-formed entry;
   *                                   nothing is written
   */
  @Override
  public String append(LineComposer composer) {
    Objects.requireNonNull(composer, "composer");
    fileLock.lock();
    boolean interrupted = Thread.interrupted();
    try {
      FileChannel ch = channel();
      FileLock lock = ch.lock();
      try {
        long size = cutTornTail(ch, ch.size());
        String last = size == 0 ? null : LogFileIo.readLastLine(ch, size);
        if (last != null) {
          refuseAfterMalformed(ch, size, last);
        }
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
        byte[] bytes = LogFileIo.readAll(ch, ch.size());
        return LogFileIo.split(bytes, LogFileIo.completeLength(bytes));
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

  /**
   * Under the exclusive lock: refuses a file that is not a log, keeps and cuts a torn last line,
   * then verifies what is left.
   */
  private OpenReport recover() throws IOException {
    fileLock.lock();
    boolean interrupted = Thread.interrupted();
    FileLock lock = null;
    try {
      lock = channel.lock();
      LogFileShape shape = LogFileShape.inspect(channel, file); // before any change: a data file stays as it is
      TornTail.Kept cut = null;
      if (shape.tornLength() > 0) {
        cut = TornTail.keepAndCut(channel, file, shape.completeEnd(), shape.size());
        LOG.warn("Export log {}: cut off a torn last line left by an interrupted append ({} bytes, kept in {}): {}",
            file, cut.length(), cut.sideFile(), LogFileIo.abbreviate(cut.preview()));
      }
      // The chain check still reads every line; the shape above never needed to.
      byte[] bytes = LogFileIo.readAll(channel, shape.completeEnd());
      List<String> lines = LogFileIo.split(bytes, bytes.length);
      LogVerification verification = LogVerifier.verify(lines, null);
      if (!verification.valid()) {
        LOG.warn("Export log {} does not verify: {}; first problem: {}", file, verification.summary(),
            verification.problems().get(0).detail());
      }
      String refusal = lines.isEmpty() ? null : malformedReason(lines.get(lines.size() - 1));
      if (refusal != null) {
        refusal = new LogAppendRefusedException(file, lines.size(), refusal).getMessage();
        LOG.warn("{}", refusal);
      }
      return new OpenReport(cut == null ? null : cut.preview(), cut == null ? null : cut.sideFile(), verification,
          refusal);
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

  /** Keeps and cuts the bytes after the last {@code \n}: an append that never finished. Returns the new size. */
  private long cutTornTail(FileChannel ch, long size) throws IOException {
    if (size == 0 || LogFileIo.readByte(ch, size - 1) == '\n') {
      return size;
    }
    long keep = LogFileIo.lastNewline(ch, size - 1) + 1;
    TornTail.Kept cut = TornTail.keepAndCut(ch, file, keep, size);
    LOG.warn("Export log {}: before an append, cut off a torn last line left by an interrupted append "
        + "({} bytes, kept in {}): {}", file, cut.length(), cut.sideFile(), LogFileIo.abbreviate(cut.preview()));
    return keep;
  }

  /** A complete last line that is not an entry is kept: nothing is chained after it (see the class description). */
  private void refuseAfterMalformed(FileChannel ch, long size, String last) throws IOException {
    String reason = malformedReason(last);
    if (reason != null) {
      throw new LogAppendRefusedException(file, LogFileIo.countLines(ch, size), reason);
    }
  }

  /** Takes back this call's own failed write: bytes it reports as not appended, so no one's evidence. */
  private void rollBack(FileChannel ch, long size) {
    try {
      if (ch.isOpen()) {
        ch.truncate(size);
        ch.force(true);
      }
    } catch (IOException e) {
      LOG.warn("Export log {}: could not roll back a failed append; the next append keeps and cuts what is left",
          file, e);
    }
  }

  /** Why a stored line is not a well-formed entry, or {@code null} when it is one. */
  private static String malformedReason(String line) {
    try {
      LogCodec.decode(line);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
