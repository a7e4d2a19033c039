package dev.exporthub.core.log;

import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.core.internal.LogCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only JSON Lines file: one log line per line, UTF-8, each ended by {@code \n}.
 *
 * <p><b>Appending</b> is a <em>group commit</em>: appends queue up, and one thread at a time leads
 * the queue. It takes an in-JVM lock for the file and then an exclusive {@link FileLock} on it,
 * which a second process waits for; composes each queued line from the one before (the file's last
 * line is read anew when another process appended since), writes them all with their {@code \n} at
 * the end of the file in one write, releases both locks, and forces the file to the device once for
 * all of them. Every append returns only once its line is forced, so each is durable when it
 * returns, while eight threads appending together pay for a force per batch rather than per line.
 * Threads and processes that append to one file through this class keep one chain; earlier lines
 * are never rewritten.
 *
 * <p><b>Reading</b> never loads the log. A derived line index beside it ({@code <log>.idx}, see
 * {@code LineIndex}) says where each line ends, so {@link #size()}, {@link #last()} and
 * {@link #read(long, int)} cost the same for ten lines and ten million, and {@link #stream(long)}
 * reads in constant memory. The index is checked against the log on open and rebuilt from it when it
 * does not match; it is never the source of truth.
 *
 * <p><b>Opening</b> looks at the file's two ends (see {@link NotAnExportLogException}) and refuses,
 * untouched, a file that is not a log, such as a data file. It then checks the tail: a torn last
 * line is cut off (below), and the last entry is checked on its own, well-formed and sealed. Opening
 * does not verify the chain, which means reading everything: {@code ExportLog.verify()} is that
 * explicit call. A tampered log is still opened: the people who must read it are the ones who need
 * to see what is wrong.
 *
 * <p><b>Nothing stored is deleted.</b> The one change ever made to existing bytes: a last line
 * without its {@code \n}, which only an append that never returned leaves, is cut off, after its
 * bytes were kept in a side file {@code <log>.torn-<n>} (see {@code TornTail}); opening reports it,
 * and an append that finds one (another process crashed while this store was open) does the same
 * with a warning. A complete line is never cut: one that is not a well-formed entry is kept, and
 * while it is the last line every append is refused with a {@link LogAppendRefusedException}, since
 * an entry chained after it would bury it, until an operator acts.
 *
 * <p><b>Read-only</b> stores ({@link #openReadOnly}) change nothing of the log: they take shared
 * locks only, cut nothing, and show a torn last line as the last stored line (so a verification
 * reports it). They refuse appends.
 *
 * <p>Thread-safe. A thread's interrupt does not make an append fail; an interrupt that arrives
 * during the I/O may, and the store reopens its files for the next call. File locks belong to the
 * whole process on POSIX systems, and closing any other handle on the same file releases them: in a
 * process that appends, open the file only through this class.
 */
public final class FileLogStore implements ExportLogStore {

  private static final Logger LOG = LoggerFactory.getLogger(FileLogStore.class);

  /** What the stores of this JVM share per file: {@link FileChannel#lock()} is per process, and so is a force. */
  private static final ConcurrentHashMap<Path, SharedFile> FILES = new ConcurrentHashMap<>();

  private final Path file;
  private final boolean writable;
  private final SharedFile shared;
  private final OpenReport openReport;
  // All guarded by shared.lock:
  private FileChannel channel;
  private LineIndex index;
  private long knownSize;       // the file's size when this store last looked
  private String lastLine;      // the newest complete line, null when none
  private String tornLine;      // read-only: the bytes after the last \n, null when none
  private boolean closed;

  /**
   * What opening the file found.
   *
   * @param discardedLine    the torn last line that was cut off the file (as text, its first 4 KiB
   *                         when longer), or {@code null} when there was none
   * @param tornFile         the side file that keeps every byte of that line, or {@code null}
   * @param lines            how many lines the log holds
   * @param appendRefusal    why appends are refused (a last line that is not a well-formed entry: the
   *                         message of the {@link LogAppendRefusedException} an append throws), or
   *                         {@code null} when appends go on
   * @param lastEntryProblem what is wrong with a well-formed last entry (its hash does not match
   *                         its content), or {@code null}; a full verification tells the rest
   */
  public record OpenReport(String discardedLine, Path tornFile, long lines, String appendRefusal,
      String lastEntryProblem) {
    public OpenReport {
      if ((discardedLine == null) != (tornFile == null)) {
        throw new IllegalArgumentException("a cut line and its side file go together");
      }
    }

    /** {@code true} when nothing was cut off and the last entry is well-formed and sealed. */
    public boolean intact() {
      return discardedLine == null && appendRefusal == null && lastEntryProblem == null;
    }

    /** {@code true} unless the last line is malformed, when every append is refused. */
    public boolean appendable() {
      return appendRefusal == null;
    }
  }

  /** Per file and JVM: the lock of the store's state, and the group commit's queue. */
  private static final class SharedFile {
    final ReentrantLock lock = new ReentrantLock();
    final Object sync = new Object();
    final ArrayDeque<Append> pending = new ArrayDeque<>(); // guarded by sync
    boolean leading;    // guarded by sync: a thread is appending a batch
    long forces;        // guarded by sync: how many forces this JVM made
  }

  private FileLogStore(Path file, boolean writable) throws IOException {
    this.file = file;
    this.writable = writable;
    this.shared = FILES.computeIfAbsent(file, p -> new SharedFile());
    this.channel = openChannel();
    try {
      this.openReport = recover();
    } catch (IOException | RuntimeException e) {
      shared.lock.lock();
      try {
        closeFiles();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      } finally {
        shared.lock.unlock();
      }
      throw e;
    }
  }

  /**
   * Opens the log file for appending, creating it (and its parent directories) when it does not
   * exist; cuts off a torn last line, keeping its bytes, and checks the last entry (see the class
   * description).
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
      return new FileLogStore(absolute.toRealPath(), true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the export log file " + absolute + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens an existing log file to read it as it is: nothing in it is changed, nothing is cut, and
   * appends are refused. Its line index is used when it matches, and rebuilt into a new file (or in
   * memory, when the directory cannot be written) when it does not.
   *
   * @throws NotAnExportLogException when the file is not empty and is not a log
   * @throws UncheckedIOException    when the file does not exist or cannot be read
   */
  public static FileLogStore openReadOnly(Path file) {
    Objects.requireNonNull(file, "file");
    Path absolute = file.toAbsolutePath().normalize();
    try {
      if (!Files.isRegularFile(absolute)) {
        throw new IOException(Files.exists(absolute) ? "it is not a regular file" : "it does not exist");
      }
      return new FileLogStore(absolute.toRealPath(), false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the export log file " + absolute + ": " + e.getMessage(), e);
    }
  }

  /** The file, as a real path. */
  public Path file() {
    return file;
  }

  /** What opening found: a torn last line cut off and where it is kept, the last entry, whether appends go on. */
  public OpenReport openReport() {
    return openReport;
  }

  /**
   * {@inheritDoc}
   *
   * @throws LogAppendRefusedException     when the last line is complete but not a well-formed entry;
   *                                       nothing is written
   * @throws UnsupportedOperationException for a store opened with {@link #openReadOnly}
   */
  @Override
  public String append(LineComposer composer) {
    Objects.requireNonNull(composer, "composer");
    if (!writable) {
      throw new UnsupportedOperationException("The export log " + file + " was opened read-only");
    }
    Append request = new Append(composer);
    boolean interrupted = false;
    synchronized (shared.sync) {
      shared.pending.add(request);
    }
    while (true) {
      List<Append> batch;
      synchronized (shared.sync) {
        while (!request.done && shared.leading) {
          try {
            shared.sync.wait();
          } catch (InterruptedException e) {
            interrupted = true; // the request is queued: it is written and forced before this returns
          }
        }
        if (request.done) {
          break;
        }
        shared.leading = true;
        batch = new ArrayList<>(shared.pending);
        shared.pending.clear();
      }
      try {
        interrupted |= Thread.interrupted();
        lead(batch);
      } catch (RuntimeException e) {
        batch.forEach(q -> q.failIfOpen(e));
      } finally {
        synchronized (shared.sync) {
          shared.leading = false;
          batch.forEach(q -> q.done = true);
          shared.sync.notifyAll();
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (request.failure != null) {
      throw request.failure;
    }
    return request.line;
  }

  /** One caller's append, waiting for the leader of its batch (the group commit). */
  private static final class Append {
    final LineComposer composer;
    String line;               // set by the leader once written and forced
    RuntimeException failure;  // or this
    boolean done;              // guarded by SharedFile.sync

    Append(LineComposer composer) {
      this.composer = composer;
    }

    void failIfOpen(RuntimeException e) {
      if (line == null && failure == null) {
        failure = e;
      }
    }
  }

  /**
   * Appends a batch of requests as the group commit's leader: under the locks, composes each line
   * from the one before (a refused or failing composer fails its own request only), writes them all
   * at once and indexes them; then, with the file lock released so that other processes go on,
   * forces the file once for the whole batch.
   */
  private void lead(List<Append> batch) {
    List<Append> written = new ArrayList<>(batch.size());
    List<String> lines = new ArrayList<>(batch.size());
    FileChannel ch;
    shared.lock.lock();
    try {
      ch = channel();
      FileLock lock = ch.lock();
      try {
        long size = ch.size();
        if (size != knownSize || index == null || !index.isOpen()) {
          size = refresh(ch, size, true);
        }
        String last = lastLine;
        String refusal = last == null ? null : malformedReason(last);
        long count = index.count();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] ends = new long[batch.size()];
        for (Append request : batch) {
          if (refusal != null) {
            request.failure = new LogAppendRefusedException(file, count, refusal);
            continue;
          }
          String line;
          try {
            line = request.composer.compose(last);
            if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
              throw new IllegalArgumentException("A log line must not contain a line break");
            }
          } catch (RuntimeException e) {
            request.failure = e;
            continue;
          }
          bytes.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
          ends[written.size()] = size + bytes.size();
          written.add(request);
          lines.add(line);
          last = line;
          refusal = malformedReason(line);
          count++;
        }
        if (written.isEmpty()) {
          return;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        try {
          long at = size;
          while (buffer.hasRemaining()) {
            at += ch.write(buffer, at);
          }
        } catch (IOException e) {
          rollBack(ch, size);
          throw e;
        }
        knownSize = size + bytes.size();
        lastLine = last;
        index.addAll(ends, written.size());
      } finally {
        release(lock);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Appending to the export log " + file + " failed: " + e.getMessage(), e);
    } finally {
      shared.lock.unlock();
    }
    force(ch);
    for (int i = 0; i < written.size(); i++) {
      written.get(i).line = lines.get(i);
    }
  }

  @Override
  public long size() {
    return locked(() -> index.count() + (tornLine == null ? 0 : 1));
  }

  @Override
  public Optional<String> last() {
    return locked(() -> Optional.ofNullable(tornLine != null ? tornLine : lastLine));
  }

  @Override
  public List<String> read(long from, int max) {
    LineRange.check(from, max);
    return locked(() -> {
      long count = index.count();
      List<String> lines = new ArrayList<>();
      if (from <= count && max > 0) {
        long to = Math.min(count, from - 1 + max);
        long start = index.start(from);
        byte[] bytes = LogFileIo.read(channel, start, Math.toIntExact(index.end(to) - start));
        lines.addAll(LogFileIo.split(bytes, bytes.length));
      }
      if (tornLine != null && lines.size() < max && from <= count + 1) {
        lines.add(tornLine);
      }
      return lines;
    });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the lines stored when it is called through its own read-only handle on the file, 64 KiB
   * at a time, without any lock: complete lines never change.
   */
  @Override
  public Stream<String> stream(long from) {
    LineRange.check(from, 0);
    LineStream lines = locked(() -> {
      long count = index.count();
      long end = index.completeEnd();
      return new LineStream(FileChannel.open(file, StandardOpenOption.READ), from > count ? end : index.start(from),
          end, from <= count + 1 ? tornLine : null);
    });
    try {
      return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lines,
          Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(lines::close);
    } catch (RuntimeException e) {
      lines.close();
      throw e;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Files beside the log, {@code <log>.<name>}, written to a new file and renamed into place.
   */
  @Override
  public Optional<DerivedData> derivedData() {
    return Optional.of(new DerivedData() {
      @Override
      public Optional<byte[]> read(String name) {
        Path derived = sibling(name);
        try {
          return Files.isRegularFile(derived) ? Optional.of(Files.readAllBytes(derived)) : Optional.empty();
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read " + derived + ": " + e.getMessage(), e);
        }
      }

      @Override
      public void write(String name, byte[] content) {
        Path derived = sibling(name);
        Path temporary = null;
        try {
          temporary = Files.createTempFile(file.getParent(), derived.getFileName() + ".", ".tmp");
          Files.write(temporary, content);
          Files.move(temporary, derived, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          temporary = null;
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot write " + derived + ": " + e.getMessage(), e);
        } finally {
          if (temporary != null) {
            try {
              Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
              // removed with the other strays on the next writable open
            }
          }
        }
      }
    });
  }

  private Path sibling(String name) {
    if (!name.matches("[a-z]+")) {
      throw new IllegalArgumentException("A derived file's name is lower-case letters, not '" + name + "'");
    }
    return file.resolveSibling(file.getFileName() + "." + name);
  }

  /** Closes the file; later calls fail. Idempotent. */
  @Override
  public void close() {
    shared.lock.lock();
    try {
      closed = true;
      closeFiles();
    } catch (IOException e) {
      throw new UncheckedIOException("Closing the export log " + file + " failed: " + e.getMessage(), e);
    } finally {
      shared.lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "FileLogStore[" + file + (writable ? "" : ", read-only") + "]";
  }

  /** Under the lock: refuses a file that is not a log, keeps and cuts a torn last line, checks the last entry. */
  private OpenReport recover() throws IOException {
    shared.lock.lock();
    boolean interrupted = Thread.interrupted();
    FileLock lock = null;
    try {
      lock = writable ? channel.lock() : channel.lock(0, Long.MAX_VALUE, true);
      LogFileShape shape = LogFileShape.inspect(channel, file); // before any change: a data file stays as it is
      TornTail.Kept cut = null;
      if (writable && shape.tornLength() > 0) {
        cut = TornTail.keepAndCut(channel, file, shape.completeEnd(), shape.size());
        LOG.warn("Export log {}: cut off a torn last line left by an interrupted append ({} bytes, kept in {}): {}",
            file, cut.length(), cut.sideFile(), LogFileIo.abbreviate(cut.preview()));
      }
      if (writable) {
        LineIndex.removeStrayTemporaries(file);
      }
      index = LineIndex.open(file, channel, shape.completeEnd(), writable);
      knownSize = shape.completeEnd();
      lastLine = index.count() == 0 ? null : LogFileIo.readLastLine(channel, shape.completeEnd());
      if (!writable && shape.tornLength() > 0) {
        tornLine = LogFileIo.text(LogFileIo.read(channel, shape.completeEnd(), Math.toIntExact(shape.tornLength())),
            0, Math.toIntExact(shape.tornLength()));
        knownSize = shape.size();
      }
      String refusal = lastLine == null ? null : malformedReason(lastLine);
      if (refusal != null) {
        refusal = new LogAppendRefusedException(file, index.count(), refusal).getMessage();
        LOG.warn("{}", refusal);
      }
      String problem = refusal != null || lastLine == null ? null : sealProblem(lastLine);
      if (problem != null) {
        LOG.warn("Export log {}: {}; verify the log", file, problem);
      }
      return new OpenReport(cut == null ? null : cut.preview(), cut == null ? null : cut.sideFile(), index.count(),
          refusal, problem);
    } finally {
      if (lock != null) {
        release(lock);
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      shared.lock.unlock();
    }
  }

  /**
   * Under the file lock, after the file changed underneath (another process appended, or crashed
   * during an append): cuts a torn tail (when writable), brings the index and the last line up to
   * date. Returns the file's size.
   */
  private long refresh(FileChannel ch, long size, boolean append) throws IOException {
    long complete = size == 0 || LogFileIo.readByte(ch, size - 1) == '\n' ? size
        : LogFileIo.lastNewline(ch, size - 1) + 1;
    if (complete < size && writable) {
      TornTail.Kept cut = TornTail.keepAndCut(ch, file, complete, size);
      LOG.warn("Export log {}: {} cut off a torn last line left by an interrupted append "
          + "({} bytes, kept in {}): {}", file, append ? "before an append," : "on reading,", cut.length(),
          cut.sideFile(), LogFileIo.abbreviate(cut.preview()));
      size = complete;
    }
    if (index == null || !index.isOpen()) {
      index = LineIndex.open(file, ch, complete, writable);
    } else {
      index.refresh(ch, complete);
    }
    lastLine = index.count() == 0 ? null : LogFileIo.readLastLine(ch, complete);
    tornLine = complete < size ? LogFileIo.text(LogFileIo.read(ch, complete, Math.toIntExact(size - complete)), 0,
        Math.toIntExact(size - complete)) : null;
    knownSize = size;
    return size;
  }

  private void force(FileChannel ch) {
    try {
      if (ch.isOpen()) {
        ch.force(false);
      } else {
        try (FileChannel again = FileChannel.open(file, StandardOpenOption.WRITE)) { // an interrupt closed it
          again.force(false);
        }
      }
      synchronized (shared.sync) {
        shared.forces++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Forcing the export log " + file + " to the device failed: " + e.getMessage()
          + "; the line was written but may not be durable", e);
    }
  }

  /** How many forces this JVM made for this file: what the group commit saves is visible in tests. */
  long forces() {
    synchronized (shared.sync) {
      return shared.forces;
    }
  }

  /** Runs a read under the in-JVM lock, first catching up with what other processes appended. */
  private <T> T locked(IoSupplier<T> read) {
    shared.lock.lock();
    boolean interrupted = Thread.interrupted();
    try {
      FileChannel ch = channel();
      if (ch.size() != knownSize || index == null || !index.isOpen()) {
        FileLock lock = writable ? ch.lock() : ch.lock(0, Long.MAX_VALUE, true);
        try {
          refresh(ch, ch.size(), false);
        } finally {
          release(lock);
        }
      }
      return read.get();
    } catch (IOException e) {
      throw new UncheckedIOException("Reading the export log " + file + " failed: " + e.getMessage(), e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      shared.lock.unlock();
    }
  }

  @FunctionalInterface
  private interface IoSupplier<T> {
    T get() throws IOException;
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

  private FileChannel openChannel() throws IOException {
    return writable ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
        : FileChannel.open(file, StandardOpenOption.READ);
  }

  private FileChannel channel() throws IOException {
    if (closed) {
      throw new IllegalStateException("The export log store for " + file + " is closed");
    }
    if (!channel.isOpen()) {
      // An interrupt during I/O closes a FileChannel; the store stays usable.
      channel = openChannel();
    }
    return channel;
  }

  private void closeFiles() throws IOException {
    try {
      channel.close();
    } finally {
      if (index != null) {
        index.close();
      }
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

  /** Why a well-formed line's hash does not match it, or {@code null} when it does. */
  private static String sealProblem(String line) {
    var entry = LogCodec.decode(line);
    return LogCodec.sealedCorrectly(entry, line) ? null
        : "its last line, entry " + entry.sequence() + ", does not match its hash: its content was changed";
  }

  /** The lines of a byte range of the file, read ahead in 64 KiB blocks, then an optional torn line. */
  private static final class LineStream implements Iterator<String> {
    private static final int BLOCK = 1 << 16;
    private final FileChannel ch;
    private final long end;
    private long position;
    private String torn;
    private ByteBuffer block = ByteBuffer.allocate(BLOCK).limit(0);
    private byte[] line = new byte[1024];
    private String next;

    LineStream(FileChannel ch, long start, long end, String torn) {
      this.ch = ch;
      this.position = start;
      this.end = end;
      this.torn = torn;
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        next = advance();
      }
      return next != null;
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      String result = next;
      next = null;
      return result;
    }

    private String advance() {
      try {
        int length = 0;
        while (true) {
          if (!block.hasRemaining()) {
            if (position >= end) {
              String last = torn;
              torn = null;
              return last; // complete lines end with \n: nothing is left over here
            }
            block.clear().limit((int) Math.min(BLOCK, end - position));
            LogFileIo.readFully(ch, block, position);
            position += block.limit();
            block.flip();
          }
          byte[] bytes = block.array();
          int from = block.position();
          int to = block.limit();
          int i = from;
          while (i < to && bytes[i] != '\n') {
            i++;
          }
          int n = i - from;
          if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
          }
          System.arraycopy(bytes, from, line, length, n);
          length += n;
          if (i < to) {
            block.position(i + 1);
            return LogFileIo.text(line, 0, length);
          }
          block.position(to);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Reading the export log failed: " + e.getMessage(), e);
      }
    }

    void close() {
      try {
        ch.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
