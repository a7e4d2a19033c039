package dev.exporthub.core;

import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.core.internal.CheckedSigner;
import dev.exporthub.core.internal.LogAppender;
import dev.exporthub.core.log.CheckpointFile;
import dev.exporthub.core.log.CompactRange;
import dev.exporthub.core.log.FileLogStore;
import dev.exporthub.core.log.MerkleTree;
import dev.exporthub.core.log.SignedCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's automatic checkpoints ({@link Checkpoints}): follows the log's Merkle tree in a
 * {@link CompactRange} as the hub appends, and signs and writes a checkpoint when one is due.
 *
 * <p>The tree is the log as this process sees it. Each append is told the line it was chained to;
 * when that is not the last line the tree holds, another writer (a second process on the same file)
 * appended in between, and the tree is rebuilt from the store. So every checkpoint is of a prefix of
 * the one log, whoever wrote the entries; two processes each write checkpoints of the tree as they
 * see it, into the same file, all valid.
 *
 * <p>Bookkeeping runs under the appender's lock; signing and writing after it, so a slow signer
 * (a KMS) delays only the export whose append made a checkpoint due, and only by its own signature.
 * A failure is logged, never thrown at an export: the entry is stored already.
 */
final class AutoCheckpoints implements LogAppender.Observer {

  // The category hosts already configure for the hub's lines.
  private static final Logger LOG = LoggerFactory.getLogger(ExportHub.class);

  /** The last line of a tree that could not be rebuilt: no stored line equals it (lines hold no {@code \n}). */
  private static final String UNKNOWN = "\n";

  private final Checkpoints config;
  private final ArtifactSigner signer;
  private final Path file;
  private final ExportLogStore store;
  private final Clock clock;

  // Guarded by this.
  private CompactRange tree;
  private String lastLine;
  private String origin;
  private long attemptedSize;
  private Instant attemptedAt;
  private SignedCheckpoint due;
  private boolean closed;

  // Guarded by writing: the file's newest checkpoint, so it only grows.
  private final Object writing = new Object();
  private long writtenSize;

  private ScheduledExecutorService timer;

  /**
   * Follows {@code store} from its current lines on; starts nothing yet ({@link #start()}).
   *
   * @param hubSigner the hub's export signer, or {@code null}
   * @throws IllegalStateException when there is no signer, no file, or no trigger
   */
  AutoCheckpoints(Checkpoints config, ExportLogStore store, ArtifactSigner hubSigner, Clock clock) {
    this.config = config;
    this.store = store;
    this.clock = clock;
    if (!config.triggered()) {
      throw new IllegalStateException("Automatic checkpoints need a trigger: Checkpoints.signed().everyEntries(n), "
          + ".every(interval), or both");
    }
    this.signer = config.signer() != null ? config.signer() : hubSigner;
    if (signer == null) {
      throw new IllegalStateException("Automatic checkpoints need a signer: ExportHub.builder().signer(...), or "
          + "Checkpoints.signedBy(signer)");
    }
    this.file = config.file() != null ? config.file() : defaultFile(store);
    synchronized (this) {
      rebuild();
      this.attemptedAt = clock.instant();
      this.attemptedSize = newestInFile();
      this.writtenSize = attemptedSize;
    }
  }

  private static Path defaultFile(ExportLogStore store) {
    if (store instanceof FileLogStore fileStore) {
      Path log = fileStore.file();
      return log.resolveSibling(log.getFileName() + ".checkpoints");
    }
    throw new IllegalStateException("Automatic checkpoints of this log store (" + store.getClass().getSimpleName()
        + ") need a file: Checkpoints...to(Path); only a FileLogStore has one by default, beside its log");
  }

  /** Starts the interval's timer, when there is an interval. */
  void start() {
    Duration interval = config.interval();
    if (interval != null) {
      ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "exporthub-checkpoints");
        thread.setDaemon(true);
        return thread;
      });
      executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // close() waits for a running check only
      timer = executor;
      schedule(interval);
    }
  }

  @Override
  public synchronized void appended(String previous, String line) {
    if (closed) {
      return;
    }
    try {
      if (Objects.equals(previous, lastLine)) {
        tree.append(MerkleTree.leafHash(line));
        lastLine = line;
        if (origin == null) {
          origin = SignedCheckpoint.defaultOrigin(line);
        }
      } else {
        rebuild();
      }
      Instant now = clock.instant();
      if (config.due(tree.size() - attemptedSize, Duration.between(attemptedAt, now))) {
        due = snapshot(now);
      }
    } catch (RuntimeException e) {
      lastLine = UNKNOWN;
      LOG.error("Automatic checkpoints: could not follow the log's tree (the entry is stored); rebuilding it on the "
          + "next append", e);
    }
  }

  @Override
  public void afterAppend() {
    SignedCheckpoint checkpoint;
    synchronized (this) {
      checkpoint = due;
      due = null;
    }
    writeAndReport(checkpoint);
  }

  /**
   * The timer's check: a checkpoint when the interval has passed with entries appended since the last.
   *
   * @return how long until the next check: the interval, or what is left of it after a checkpoint an
   *         append made since
   */
  Duration tick() {
    SignedCheckpoint checkpoint = null;
    Duration next = config.interval();
    synchronized (this) {
      if (closed) {
        return next;
      }
      Instant now = clock.instant();
      Duration elapsed = Duration.between(attemptedAt, now);
      if (!UNKNOWN.equals(lastLine) && config.due(tree.size() - attemptedSize, elapsed)) {
        checkpoint = snapshot(now);
      } else if (elapsed.compareTo(next) < 0) {
        next = next.minus(elapsed);
      }
    }
    writeAndReport(checkpoint);
    return next;
  }

  /**
   * Stops the timer and writes a final checkpoint when entries were appended since the last one
   * written. Idempotent.
   *
   * @throws CheckpointException when the final checkpoint cannot be signed or written
   */
  void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (timer != null) {
      timer.shutdown();
      try {
        if (!timer.awaitTermination(1, TimeUnit.MINUTES)) {
          LOG.warn("Automatic checkpoints: a checkpoint still being signed after a minute is left to finish alone");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    SignedCheckpoint last;
    synchronized (this) {
      if (UNKNOWN.equals(lastLine)) {
        try {
          rebuild();
        } catch (RuntimeException e) {
          throw new CheckpointException(file, tree.size(), "reading the log failed: " + e.getMessage(), e);
        }
      }
      last = snapshot(clock.instant());
    }
    write(last);
  }

  /**
   * Brings the tree up to the store: when the hub is built (every stored line, streamed), and when
   * another writer appended between two of this hub's appends (only the lines after the last one this
   * tree holds, when the store still holds that line there; from the start otherwise). Lines already
   * in the tree are not read again: a rewrite of them is what the checkpoints signed before exist to
   * catch, so the tree keeps what it read.
   */
  private void rebuild() {
    long known = tree == null ? 0 : tree.size();
    boolean extend = known > 0 && store.read(known, 1).equals(List.of(lastLine));
    if (!extend) {
      tree = new CompactRange();
      lastLine = null;
      origin = null;
    }
    try (Stream<String> lines = store.stream(tree.size() + 1)) {
      lines.forEach(line -> {
        if (origin == null) {
          origin = SignedCheckpoint.defaultOrigin(line);
        }
        tree.append(MerkleTree.leafHash(line));
        lastLine = line;
      });
    }
  }

  /**
   * The tree size of the newest checkpoint already in the file, so a restarted hub counts from it;
   * 0 when there is none or the file cannot be read (then it is appended to all the same: records
   * are only ever added). Warns when the file holds more entries than the log.
   */
  private long newestInFile() {
    if (!Files.exists(file)) {
      return 0;
    }
    long newest = 0;
    try {
      for (CheckpointFile.Entry entry : CheckpointFile.parse(Files.readAllBytes(file)).entries()) {
        newest = Math.max(newest, entry.treeSize());
      }
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("Automatic checkpoints: cannot read {} ({}); appending to it all the same", file, e.getMessage());
      return 0;
    }
    if (newest > tree.size()) {
      LOG.warn("Automatic checkpoints: {} holds a checkpoint of {} entries but the log holds {}: entries were deleted; "
          + "check with 'exporthub log verify --checkpoint {} --public-key PUB'", file, newest, tree.size(), file);
      return tree.size();
    }
    return newest;
  }

  private SignedCheckpoint snapshot(Instant now) {
    attemptedSize = tree.size();
    attemptedAt = now;
    return tree.size() == 0 ? null : new SignedCheckpoint(origin, tree.size(), tree.root());
  }

  private void writeAndReport(SignedCheckpoint checkpoint) {
    try {
      write(checkpoint);
    } catch (CheckpointException e) {
      LOG.error("{}", e.getMessage(), e.getCause());
    }
  }

  /** Signs and appends a checkpoint, unless the file holds one as large already. */
  private void write(SignedCheckpoint checkpoint) {
    if (checkpoint == null) {
      return;
    }
    synchronized (writing) {
      if (checkpoint.treeSize() <= writtenSize) {
        return;
      }
      String note;
      try {
        note = checkpoint.sign(checkpoint.origin(), new CheckedSigner(signer));
      } catch (GeneralSecurityException | RuntimeException e) {
        throw new CheckpointException(file, checkpoint.treeSize(), "signing failed: " + e.getMessage(), e);
      }
      try {
        CheckpointFile.append(file, new CheckpointFile.Entry(checkpoint.treeSize(), note));
      } catch (IOException | RuntimeException e) {
        throw new CheckpointException(file, checkpoint.treeSize(), "writing failed: " + e.getMessage(), e);
      }
      writtenSize = checkpoint.treeSize();
    }
  }

  private void schedule(Duration delay) {
    try {
      timer.schedule(this::onTimer, Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      // close() shut the timer down
    }
  }

  /** A timer task that throws ends its schedule silently: report instead, and keep checking. */
  private void onTimer() {
    Duration next = config.interval();
    try {
      next = tick();
    } catch (RuntimeException e) {
      LOG.error("Automatic checkpoints: the interval check failed; checking again after the interval", e);
    }
    schedule(next);
  }
}
