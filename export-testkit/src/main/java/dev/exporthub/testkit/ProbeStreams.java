package dev.exporthub.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** Output streams that watch the writer: one that fails on cue, one that notices being closed. */
final class ProbeStreams {

  private ProbeStreams() {
  }

  /** Accepts {@code limit} bytes, then fails every write with a new {@link IOException}. */
  static final class Failing extends OutputStream {
    private final long limit;
    private long written;
    final List<IOException> thrown = new ArrayList<>();

    Failing(long limit) {
      this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return;
      }
      if (written + len > limit) {
        IOException failure = new IOException("Injected by FormatWriterContract: the disk is full after " + limit
            + " bytes");
        thrown.add(failure);
        throw failure;
      }
      written += len;
    }

    /** Whether {@code caught}, its causes or their suppressed exceptions include a failure this stream threw. */
    boolean surfaced(Throwable caught) {
      return contains(caught, 0);
    }

    private boolean contains(Throwable t, int depth) {
      if (t == null || depth > 20) {
        return false;
      }
      for (IOException failure : thrown) {
        if (t == failure) {
          return true;
        }
      }
      for (Throwable suppressed : t.getSuppressed()) {
        if (contains(suppressed, depth + 1)) {
          return true;
        }
      }
      return contains(t.getCause(), depth + 1);
    }
  }

  /** Collects bytes and remembers whether it was closed. */
  static final class Watching extends ByteArrayOutputStream {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }
}
