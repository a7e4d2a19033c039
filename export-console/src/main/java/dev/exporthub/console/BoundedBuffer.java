package dev.exporthub.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An artifact in memory that refuses to grow past the download cache's limit, so an export too
 * large to keep fails while it is written instead of after it filled the heap.
 */
final class BoundedBuffer extends OutputStream {

  private final long limit;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  BoundedBuffer(long limit) {
    this.limit = limit;
  }

  /** Whether this failure, however the hub wrapped it, is a buffer refusing to grow. */
  static boolean overflowed(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TooLarge) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void write(int b) throws IOException {
    ensure(1);
    bytes.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ensure(len);
    bytes.write(b, off, len);
  }

  byte[] bytes() {
    return bytes.toByteArray();
  }

  private void ensure(int more) throws TooLarge {
    if ((long) bytes.size() + more > limit) {
      throw new TooLarge();
    }
  }

  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("The export is larger than the console's download limit");
    }
  }
}
