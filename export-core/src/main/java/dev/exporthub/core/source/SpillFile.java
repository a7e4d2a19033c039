package dev.exporthub.core.source;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A temporary file of {@link SpillCodec} entries, each preceded by its length as a varint. Written
 * once by one thread, then read from the start any number of times.
 */
final class SpillFile {

  private static final int BUFFER = 1 << 16;

  private SpillFile() {
  }

  /** Appends entries to a new file. */
  static final class Writer implements Closeable {
    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER];
    private int size;

    Writer(Path file) throws IOException {
      out = Files.newOutputStream(file);
    }

    void write(byte[] entry, int length) throws IOException {
      if (size + 5 + length > buffer.length) {
        flush();
      }
      int v = length;
      while ((v & ~0x7F) != 0) {
        buffer[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buffer[size++] = (byte) v;
      if (length > buffer.length - size) {
        out.write(buffer, 0, size);
        size = 0;
        out.write(entry, 0, length);
      } else {
        System.arraycopy(entry, 0, buffer, size, length);
        size += length;
      }
    }

    private void flush() throws IOException {
      out.write(buffer, 0, size);
      size = 0;
    }

    @Override
    public void close() throws IOException {
      try (out) {
        flush();
      }
    }
  }

  /** Reads the entries of a file in order, each into one reused array. */
  static final class Reader implements Closeable {
    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int limit;
    private byte[] entry = new byte[1024];
    private int length;

    Reader(Path file, int bufferSize) throws IOException {
      in = Files.newInputStream(file);
      buffer = new byte[bufferSize];
    }

    /** Moves to the next entry; {@code false} at the end of the file. */
    boolean next() throws IOException {
      int v = 0;
      for (int shift = 0; ; shift += 7) {
        int b = read();
        if (b < 0) {
          if (shift == 0) {
            return false;
          }
          throw new EOFException("spill file ends inside an entry's length");
        }
        v |= (b & 0x7F) << shift;
        if (b < 0x80) {
          break;
        }
      }
      length = v;
      if (entry.length < length) {
        entry = new byte[Math.max(length, 2 * entry.length)];
      }
      int done = 0;
      while (done < length) {
        if (position == limit && !fill()) {
          throw new EOFException("spill file ends inside an entry");
        }
        int n = Math.min(length - done, limit - position);
        System.arraycopy(buffer, position, entry, done, n);
        position += n;
        done += n;
      }
      return true;
    }

    /** The current entry's bytes: valid until the next {@link #next()}. */
    byte[] entry() {
      return entry;
    }

    /** The current entry's bytes as a new array. */
    byte[] copy() {
      return Arrays.copyOf(entry, length);
    }

    private int read() throws IOException {
      if (position == limit && !fill()) {
        return -1;
      }
      return buffer[position++] & 0xFF;
    }

    private boolean fill() throws IOException {
      int n = in.read(buffer);
      if (n <= 0) {
        return false;
      }
      position = 0;
      limit = n;
      return true;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
