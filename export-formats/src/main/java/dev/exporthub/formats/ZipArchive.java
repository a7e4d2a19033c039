package dev.exporthub.formats;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;

/**
 * A byte-reproducible ZIP archive written entry after entry onto a caller's stream, remembering
 * only each entry's name, size and digests (for the manifests written last).
 *
 * <p>Reproducible: every entry is {@link ZipEntry#DEFLATED} at {@link Deflater#DEFAULT_COMPRESSION},
 * has no extra field and no comment, and carries one fixed time set with
 * {@link ZipEntry#setTimeLocal} in UTC. {@code setTime} would convert through the default time zone;
 * a time before 1980 or after 2107 (outside the MS-DOS range) would make the JDK add an extended
 * timestamp field computed in the default time zone, so the time is clamped into
 * [{@link #EARLIEST}, {@link #LATEST}] and cut to whole seconds.
 *
 * <p>On failure the archive is left without its central directory: {@link #finish()} is the only
 * thing that writes one, so a half-written archive never looks complete.
 *
 * <p>A {@linkplain #ZipArchive(OutputStream, Instant, boolean, boolean) pipelined} archive deflates
 * on a helper thread beside the calling thread (see {@link PipelinedDeflater}), with the same bytes;
 * {@link #close()} stops the helper when the archive fails half-way.
 */
final class ZipArchive implements AutoCloseable {

  /**
   * The earliest entry time. MS-DOS dates start at 1980-01-01T00:00:00, but the JDK uses exactly
   * that value to mark "before 1980" and then adds an extended timestamp computed in the default
   * time zone; two seconds later is the first time that is written as a plain DOS time.
   */
  static final LocalDateTime EARLIEST = LocalDateTime.of(1980, 1, 1, 0, 0, 2);

  /** The latest time MS-DOS dates hold (two-second resolution). */
  static final LocalDateTime LATEST = LocalDateTime.of(2107, 12, 31, 23, 59, 58);

  /** Digest algorithms an archive can compute per entry. */
  enum Algorithm {
    SHA256("SHA-256", "sha256"),
    SHA512("SHA-512", "sha512");

    final String jcaName;
    final String label;

    Algorithm(String jcaName, String label) {
      this.jcaName = jcaName;
      this.label = label;
    }

    MessageDigest newDigest() {
      try {
        return MessageDigest.getInstance(jcaName);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("Every Java platform has " + jcaName, e);
      }
    }
  }

  /** One written entry: name, uncompressed size and lower-case hex digests (SHA-512 may be null). */
  record Entry(String name, long size, String sha256, String sha512) {

    String digest(Algorithm algorithm) {
      return algorithm == Algorithm.SHA256 ? sha256 : sha512;
    }
  }

  /** Writes one entry's content; must not close the stream it is given. */
  @FunctionalInterface
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private final OutputStream target;
  private final Deflation deflation;
  private final LocalDateTime time;
  private final boolean sha512;
  private final List<Entry> entries = new ArrayList<>();
  private final Set<String> names = new HashSet<>();

  /**
   * An archive deflated on the calling thread.
   *
   * @param out    the caller's stream; flushed by {@link #finish()}, never closed
   * @param time   every entry's time (clamped to the MS-DOS range)
   * @param sha512 whether to compute SHA-512 besides SHA-256 for each entry
   */
  ZipArchive(OutputStream out, Instant time, boolean sha512) {
    this(out, time, sha512, false);
  }

  /**
   * An archive deflated on the calling thread or, when {@code pipelined}, on a helper thread
   * beside it; the bytes are the same.
   */
  ZipArchive(OutputStream out, Instant time, boolean sha512, boolean pipelined) {
    this.time = entryTime(time);
    this.sha512 = sha512;
    this.target = new BufferedOutputStream(new NonClosing(out), 1 << 16);
    // The helper starts last: nothing after it can throw and leave it waiting with no one to stop it.
    this.deflation = pipelined ? new PipelinedDeflater(target) : new ZipStream(target);
  }

  /**
   * Whether an archive of about this many items is worth deflating beside rendering: large enough
   * that a thread's start-up is nothing next to it, on a machine with a second processor.
   */
  static boolean worthPipelining(long items) {
    return items >= 2_000 && Runtime.getRuntime().availableProcessors() > 1;
  }

  /** The local date-time, in UTC, that an archive of {@code instant} stamps on its entries. */
  static LocalDateTime entryTime(Instant instant) {
    if (instant.isBefore(EARLIEST.toInstant(ZoneOffset.UTC))) {
      return EARLIEST;
    }
    if (instant.isAfter(LATEST.toInstant(ZoneOffset.UTC))) {
      return LATEST;
    }
    return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
  }

  /**
   * Writes one entry, streaming {@code body}'s bytes through the digests into the archive.
   *
   * @throws IllegalArgumentException for a name already written or unsafe to extract
   */
  Entry entry(String name, Body body) throws IOException {
    String unsafe = EntryNames.unsafeReason(name);
    if (unsafe != null || !names.add(name)) {
      throw new IllegalArgumentException("Cannot write entry '" + name + "': " + (unsafe != null ? unsafe : "duplicate"));
    }
    ZipEntry entry = new ZipEntry(name);
    entry.setTimeLocal(time);
    entry.setMethod(ZipEntry.DEFLATED);
    deflation.putNextEntry(entry);
    Digesting content = new Digesting(deflation.content(), sha512);
    // The buffer keeps digest updates and deflater calls in large blocks whatever the body writes.
    BufferedOutputStream buffered = new BufferedOutputStream(content, 1 << 14);
    body.writeTo(buffered);
    buffered.flush();
    deflation.closeEntry();
    Entry written = new Entry(name, content.count, content.hex(content.sha256),
        content.sha512 == null ? null : content.hex(content.sha512));
    entries.add(written);
    return written;
  }

  Entry text(String name, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return entry(name, out -> out.write(bytes));
  }

  /** Every entry written so far, in order. */
  List<Entry> entries() {
    return List.copyOf(entries);
  }

  /**
   * A manifest in the format {@code sha256sum -c} (and RFC 8493) reads: one
   * {@code <hex>  <path>} line per entry, {@code \n} line ends, in entry order, each path with
   * {@code prefix} removed.
   */
  static String manifest(List<Entry> covered, Algorithm algorithm, String prefix) {
    StringBuilder manifest = new StringBuilder(covered.size() * 100);
    for (Entry entry : covered) {
      if (!entry.name().startsWith(prefix)) {
        throw new IllegalArgumentException(entry.name() + " is not under " + prefix);
      }
      manifest.append(entry.digest(algorithm)).append("  ").append(entry.name(), prefix.length(),
          entry.name().length()).append('\n');
    }
    return manifest.toString();
  }

  /** Writes the central directory and flushes the caller's stream, leaving it open. */
  void finish() throws IOException {
    deflation.finish();
    target.flush();
  }

  /**
   * Frees the deflater, and stops the helper thread of a pipelined archive that was not
   * {@linkplain #finish() finished}; an archive closed unfinished has no central directory. Never
   * closes the caller's stream.
   */
  @Override
  public void close() {
    deflation.release();
  }

  /** Counts and digests what passes to the archive. */
  private static final class Digesting extends FilterOutputStream {
    private final MessageDigest sha256 = Algorithm.SHA256.newDigest();
    private final MessageDigest sha512;
    private long count;

    Digesting(OutputStream out, boolean sha512) {
      super(out);
      this.sha512 = sha512 ? Algorithm.SHA512.newDigest() : null;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      sha256.update((byte) b);
      if (sha512 != null) {
        sha512.update((byte) b);
      }
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      sha256.update(b, off, len);
      if (sha512 != null) {
        sha512.update(b, off, len);
      }
      count += len;
    }

    @Override
    public void close() {
      // The entry ends with closeEntry(), never by closing the archive.
    }

    String hex(MessageDigest digest) {
      return HexFormat.of().formatHex(digest.digest());
    }
  }

  /** The caller's stream, which writers must never close. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
