package dev.exporthub.core;

import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.core.internal.CheckedSigner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Automatic signed checkpoints of the hub's log ({@code docs/SPECIFICATION.md} §7.5), the option of
 * {@link ExportHub.Builder#checkpoints(Checkpoints)}:
 *
 * <pre>{@code
 * ExportHub.builder().logStore(FileLogStore.open(logFile)).signer(signer)
 *     .checkpoints(Checkpoints.signed().everyEntries(1000).every(Duration.ofHours(1)))
 *     .build();
 * }</pre>
 *
 * <p>The hub signs a {@link dev.exporthub.core.log.SignedCheckpoint} of its log's Merkle tree when
 * the given number of entries were appended since the last checkpoint, or the interval has passed
 * since it and entries were appended since; and a last one when it is closed. Each goes into the
 * checkpoints file ({@link dev.exporthub.core.log.CheckpointFile}), so a log that is later rewritten,
 * even with a recomputed chain, or cut back is caught by {@code exporthub log verify --checkpoint
 * FILE --public-key PUB} without anyone keeping a checkpoint by hand. The origin, which is also the
 * note's key name, is {@link dev.exporthub.core.log.SignedCheckpoint#defaultOrigin} of the log's
 * first entry, as {@code exporthub log checkpoint} names it.
 *
 * <p>Immutable: each method returns a new value.
 */
public final class Checkpoints {

  private final ArtifactSigner signer;
  private final Path file;
  private final int everyEntries;
  private final Duration interval;

  private Checkpoints(ArtifactSigner signer, Path file, int everyEntries, Duration interval) {
    this.signer = signer;
    this.file = file;
    this.everyEntries = everyEntries;
    this.interval = interval;
  }

  /** Checkpoints signed by the hub's own {@link ExportHub.Builder#signer signer}. */
  public static Checkpoints signed() {
    return new Checkpoints(null, null, 0, null);
  }

  /**
   * Checkpoints signed by a key of their own, such as a log key kept apart from the key that signs
   * exports; the hub needs no export signer then.
   *
   * @throws IllegalArgumentException when the signer's key is not Ed25519, or its key id is not the key's
   */
  public static Checkpoints signedBy(ArtifactSigner signer) {
    Objects.requireNonNull(signer, "signer");
    CheckedSigner.check(signer);
    return new Checkpoints(signer, null, 0, null);
  }

  /**
   * A checkpoint once this many entries were appended since the last one.
   *
   * @throws IllegalArgumentException when {@code entries} is below 1
   */
  public Checkpoints everyEntries(int entries) {
    if (entries < 1) {
      throw new IllegalArgumentException("Checkpoints come every 1 or more entries, not every " + entries);
    }
    return new Checkpoints(signer, file, entries, interval);
  }

  /**
   * A checkpoint once this much time has passed on the hub's clock since the last one, when entries
   * were appended since: checked on each append and by a daemon thread of the hub, which
   * {@link ExportHub#close()} stops. A hub on a fixed clock never sees the interval pass.
   *
   * @throws IllegalArgumentException when {@code interval} is not positive
   */
  public Checkpoints every(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("A checkpoint interval is positive, not " + interval);
    }
    return new Checkpoints(signer, file, everyEntries, interval);
  }

  /**
   * The checkpoints file. Default, for a {@link dev.exporthub.core.log.FileLogStore}: beside the
   * log, its name and {@code .checkpoints}; any other store needs one. Keep a copy where the log's
   * writers cannot change it: beside the log, the file shows what the log held, but whoever can
   * rewrite the log can delete this file too.
   */
  public Checkpoints to(Path file) {
    return new Checkpoints(signer, Objects.requireNonNull(file, "file"), everyEntries, interval);
  }

  /** The signer given, or {@code null} for the hub's. */
  ArtifactSigner signer() {
    return signer;
  }

  /** The file given, or {@code null} for the default. */
  Path file() {
    return file;
  }

  /**
   * Whether a checkpoint is due: {@code appended} entries since the last one, {@code elapsed} time
   * since it.
   */
  boolean due(long appended, Duration elapsed) {
    return appended > 0 && (everyEntries > 0 && appended >= everyEntries
        || interval != null && elapsed.compareTo(interval) >= 0);
  }

  /** The interval, or {@code null} when checkpoints are counted only. */
  Duration interval() {
    return interval;
  }

  /** Whether anything makes a checkpoint due before {@link ExportHub#close()}. */
  boolean triggered() {
    return everyEntries > 0 || interval != null;
  }

  @Override
  public String toString() {
    return "Checkpoints[" + (everyEntries > 0 ? "every " + everyEntries + " entries" : "")
        + (everyEntries > 0 && interval != null ? " or " : "") + (interval != null ? "every " + interval : "")
        + (file != null ? ", to " + file : "") + "]";
  }
}
