package dev.exporthub.formats;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * A {@link Writer} that encodes UTF-8 straight into its own byte buffer and hands the stream large
 * blocks: the bytes an {@code OutputStreamWriter} behind a {@code BufferedWriter} would write, with
 * one copy instead of three and no locking.
 *
 * <p>Malformed text is encoded as {@code OutputStreamWriter} encodes it: an unpaired surrogate
 * becomes {@code ?}, and a high surrogate ending one write is joined with a low surrogate starting
 * the next. {@link #flush()} writes the buffer and flushes the stream; {@link #close()} only
 * flushes, as writers never close the caller's stream. Not thread-safe.
 */
final class Utf8Writer extends Writer {

  private static final int SIZE = 1 << 14;

  /** The buffer always has room for one more character: up to four bytes. */
  private static final int LIMIT = SIZE - 4;

  private final OutputStream out;
  private final byte[] buffer = new byte[SIZE];
  private int position;
  private char[] chars = new char[256];

  /** A high surrogate that ended the last write, waiting for its low surrogate; 0 when none. */
  private char pendingHigh;

  Utf8Writer(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int c) throws IOException {
    char ch = (char) c;
    if (pendingHigh != 0) {
      if (joinPending(ch)) {
        return;
      }
    }
    if (position > LIMIT) {
      flushBuffer();
    }
    if (ch < 0x80) {
      buffer[position++] = (byte) ch;
    } else if (Character.isHighSurrogate(ch)) {
      pendingHigh = ch;
    } else {
      encode(ch);
    }
  }

  @Override
  public void write(String text) throws IOException {
    write(text, 0, text.length());
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    int i = offset;
    int end = offset + length;
    if (pendingHigh != 0 && i < end && joinPending(text.charAt(i))) {
      i++;
    }
    byte[] b = buffer;
    while (i < end) {
      if (position > LIMIT) {
        flushBuffer();
      }
      // A run of ASCII, as far as the buffer allows.
      int p = position;
      int stop = Math.min(end, i + (LIMIT - p) + 1);
      char c = 0;
      while (i < stop && (c = text.charAt(i)) < 0x80) {
        b[p++] = (byte) c;
        i++;
      }
      position = p;
      if (i < stop) {
        i++;
        if (Character.isHighSurrogate(c)) {
          if (i < end) {
            char low = text.charAt(i);
            if (Character.isLowSurrogate(low)) {
              codePoint(Character.toCodePoint(c, low));
              i++;
            } else {
              b[position++] = '?';
            }
          } else {
            pendingHigh = c;
          }
        } else {
          encode(c);
        }
      }
    }
  }

  @Override
  public void write(char[] text, int offset, int length) throws IOException {
    int i = offset;
    int end = offset + length;
    if (pendingHigh != 0 && i < end && joinPending(text[i])) {
      i++;
    }
    byte[] b = buffer;
    while (i < end) {
      if (position > LIMIT) {
        flushBuffer();
      }
      int p = position;
      int stop = Math.min(end, i + (LIMIT - p) + 1);
      char c = 0;
      while (i < stop && (c = text[i]) < 0x80) {
        b[p++] = (byte) c;
        i++;
      }
      position = p;
      if (i < stop) {
        i++;
        if (Character.isHighSurrogate(c)) {
          if (i < end) {
            char low = text[i];
            if (Character.isLowSurrogate(low)) {
              codePoint(Character.toCodePoint(c, low));
              i++;
            } else {
              b[position++] = '?';
            }
          } else {
            pendingHigh = c;
          }
        } else {
          encode(c);
        }
      }
    }
  }

  /** Writes the text of a builder, without making a {@code String} of it. */
  void write(StringBuilder text) throws IOException {
    int length = text.length();
    if (chars.length < length) {
      chars = new char[Math.max(length, 2 * chars.length)];
    }
    text.getChars(0, length, chars, 0);
    write(chars, 0, length);
  }

  @Override
  public Writer append(CharSequence text) throws IOException {
    if (text instanceof String s) {
      write(s, 0, s.length());
    } else if (text instanceof StringBuilder s) {
      write(s);
    } else {
      write(String.valueOf(text));
    }
    return this;
  }

  /**
   * Resolves the pending high surrogate against the next character.
   *
   * @return whether {@code next} was consumed (it completed the pair)
   */
  private boolean joinPending(char next) throws IOException {
    char high = pendingHigh;
    pendingHigh = 0;
    if (position > LIMIT) {
      flushBuffer();
    }
    if (Character.isLowSurrogate(next)) {
      codePoint(Character.toCodePoint(high, next));
      return true;
    }
    buffer[position++] = '?';
    return false;
  }

  /** Encodes one character that is not ASCII and not a high surrogate; room is ensured. */
  private void encode(char c) {
    byte[] b = buffer;
    if (c < 0x800) {
      b[position++] = (byte) (0xC0 | c >> 6);
      b[position++] = (byte) (0x80 | c & 0x3F);
    } else if (Character.isLowSurrogate(c)) {
      b[position++] = '?';
    } else {
      b[position++] = (byte) (0xE0 | c >> 12);
      b[position++] = (byte) (0x80 | c >> 6 & 0x3F);
      b[position++] = (byte) (0x80 | c & 0x3F);
    }
  }

  private void codePoint(int cp) {
    byte[] b = buffer;
    b[position++] = (byte) (0xF0 | cp >> 18);
    b[position++] = (byte) (0x80 | cp >> 12 & 0x3F);
    b[position++] = (byte) (0x80 | cp >> 6 & 0x3F);
    b[position++] = (byte) (0x80 | cp & 0x3F);
  }

  private void flushBuffer() throws IOException {
    if (position > 0) {
      out.write(buffer, 0, position);
      position = 0;
    }
  }

  @Override
  public void flush() throws IOException {
    flushBuffer();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
