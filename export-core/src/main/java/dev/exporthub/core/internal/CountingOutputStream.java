package dev.exporthub.core.internal;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Counts and hashes what passes through, without closing the caller's stream; optionally keeps a
 * copy, for a detached signature (pure Ed25519 reads its whole message twice, so nothing can sign
 * it as it streams past).
 */
public final class CountingOutputStream extends FilterOutputStream {

  private final MessageDigest sha = Hashing.sha256();
  private final ByteArrayOutputStream copy;
  private long count;

  public CountingOutputStream(OutputStream out) {
    this(out, false);
  }

  /** @param keepCopy whether to keep every byte written, for {@link #copy()} */
  public CountingOutputStream(OutputStream out, boolean keepCopy) {
    super(out);
    this.copy = keepCopy ? new ByteArrayOutputStream() : null;
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    sha.update((byte) b);
    if (copy != null) {
      copy.write(b);
    }
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    sha.update(b, off, len);
    if (copy != null) {
      copy.write(b, off, len);
    }
    count += len;
  }

  /** The bytes written so far, when a copy is kept. */
  public byte[] copy() {
    if (copy == null) {
      throw new IllegalStateException("no copy is kept");
    }
    return copy.toByteArray();
  }

  /** The bytes written so far. */
  public long count() {
    return count;
  }

  /** The lower-case hex SHA-256 of the bytes written; call once, at the end. */
  public String sha256() {
    return Hashing.hex(sha.digest());
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
