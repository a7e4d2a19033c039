package dev.exporthub.core.source;

import dev.exporthub.api.InvalidDataException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The bytes of a data file, checked as they are read, one at a time through a fixed buffer, so
 * memory does not grow with the file: well-formed UTF-8 (RFC 3629 — no overlong form, no
 * surrogate, nothing above U+10FFFF, no sequence cut off at the end), no NUL byte and no byte order
 * mark at the start. Jackson would otherwise guess UTF-16 or UTF-32 from NUL bytes and skip a BOM
 * silently, and let overlong forms through.
 *
 * <p>Lines are counted as Jackson counts them (LF, CR or CRLF ends a line), so the line of an error
 * found here and the line of one Jackson finds in a record agree. A failure is an
 * {@link InvalidDataException} naming {@code file:line}; a failing read, an
 * {@link UncheckedIOException}.
 */
final class Utf8Input implements Closeable {

  /** The buffer of a data file; run files, many open at once while merging, take less. */
  static final int BUFFER = 64 * 1024;

  private final InputStream in;
  private final String name;
  private final byte[] buffer;
  private int position;
  private int limit;
  private long offset;

  private long line = 1;
  private long column;
  private boolean lineEnded;
  private boolean afterCr;

  /** Continuation bytes still expected, the range the next one must lie in, and the code point so far. */
  private int pending;
  private int low;
  private int high;
  private int codePoint;

  private Utf8Input(InputStream in, String name, int bufferSize) {
    this.in = in;
    this.name = name;
    this.buffer = new byte[bufferSize];
  }

  /** Opens a file; errors name it by {@code name}, e.g. {@code alerts.jsonl}. */
  static Utf8Input open(Path file, String name, int bufferSize) {
    try {
      return new Utf8Input(Files.newInputStream(file), name, bufferSize);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + file + " failed: " + e.getMessage(), e);
    }
  }

  /** The name errors give the file. */
  String name() {
    return name;
  }

  /**
   * Reads the rest of the character whose first byte was last returned, and gives it as a person
   * reads it in an error: {@code 'x'}, {@code U+00E9}, or the control character's code. Reading it
   * whole also reports what is wrong with it, a leading BOM included.
   */
  String character(int first) {
    while (pending > 0) {
      next();
    }
    int c = first < 0x80 ? first : codePoint;
    if (c >= 0x21 && c < 0x7F) {
      return "'" + (char) c + "'";
    }
    return String.format(Locale.ROOT, c < 0x80 ? "the control character 0x%02X" : "U+%04X", c);
  }

  /** The line of the byte last returned (1 before the first). */
  long line() {
    return line;
  }

  /** The position of the byte last returned within its line, from 1. */
  long column() {
    return column;
  }

  /**
   * The next byte (0–255), or -1 at the end of the file.
   *
   * @throws InvalidDataException at a byte that breaks UTF-8, a NUL byte or a leading BOM
   */
  int next() {
    if (position == limit && !fill()) {
      if (pending > 0) {
        throw invalid("is not valid UTF-8: the file ends inside a multi-byte character");
      }
      return -1;
    }
    int b = buffer[position++] & 0xFF;
    offset++;
    if (lineEnded) {
      lineEnded = false;
      // the LF of a CRLF belongs to the line the CR ended
      if (!(b == '\n' && afterCr)) {
        line++;
        column = 0;
      }
    }
    column++;
    afterCr = b == '\r';
    if (b == '\n' || b == '\r') {
      lineEnded = true;
    }
    if (pending == 0) {
      if (b < 0x80) {
        if (b == 0) {
          throw invalid("holds a NUL byte at column " + column
              + "; a data file is UTF-8 text (is it UTF-16, or not text at all?)");
        }
        return b;
      }
      start(b);
    } else {
      if (b < low || b > high) {
        throw invalid(String.format(Locale.ROOT, "is not valid UTF-8: byte 0x%02X at column %d", b, column));
      }
      low = 0x80;
      high = 0xBF;
      codePoint = codePoint << 6 | b & 0x3F;
      if (--pending == 0 && codePoint == 0xFEFF && offset == 3) {
        throw invalid("starts with a byte order mark (U+FEFF); save it as UTF-8 without BOM");
      }
    }
    return b;
  }

  /** The lead byte of a multi-byte character: how many bytes follow and what the first may be (RFC 3629 §4). */
  private void start(int b) {
    low = 0x80;
    high = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      pending = 1;
      codePoint = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
      pending = 2;
      codePoint = b & 0x0F;
      if (b == 0xE0) {
        low = 0xA0;       // no overlong three-byte form
      } else if (b == 0xED) {
        high = 0x9F;      // no surrogate
      }
    } else if (b >= 0xF0 && b <= 0xF4) {
      pending = 3;
      codePoint = b & 0x07;
      if (b == 0xF0) {
        low = 0x90;       // no overlong four-byte form
      } else if (b == 0xF4) {
        high = 0x8F;      // nothing above U+10FFFF
      }
    } else {
      throw invalid(String.format(Locale.ROOT, "is not valid UTF-8: byte 0x%02X at column %d", b, column));
    }
  }

  private boolean fill() {
    try {
      int n;
      do {
        n = in.read(buffer);
      } while (n == 0);
      if (n < 0) {
        return false;
      }
      position = 0;
      limit = n;
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + name + " failed: " + e.getMessage(), e);
    }
  }

  /** An error at the byte last returned. */
  InvalidDataException invalid(String problem) {
    return new InvalidDataException(name + ":" + line, null, null, problem);
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
