package dev.exporthub.core.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Counts and hashes what passes through, without closing the caller's stream. */
public final class CountingOutputStream extends FilterOutputStream {

  private final MessageDigest sha = Hashing.sha256();
  private long count;

  public CountingOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    sha.update((byte) b);
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    sha.update(b, off, len);
    count += len;
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
