package dev.exporthub.console;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.regex.Pattern;

/**
 * A request body, by {@code Content-Length} or in chunks, which must all arrive by one deadline
 * counted from the end of the head: a client trickling a byte at a time gets no more time than one
 * sending nothing. Reading past the body answers end of stream; the bytes after it stay in the
 * {@link ChannelIO} buffer for the next request.
 */
final class RequestBody extends InputStream {

  /** The body did not arrive by its deadline: the console answers {@code 408}. */
  static final class Timeout extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;

    Timeout() {
      super("The request body did not arrive in time");
    }
  }

  /** The chunked framing is broken: the console answers {@code 400}. */
  static final class Malformed extends IOException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  /** What to do before the first byte is read: {@code 100 Continue} to a client that waits for it. */
  @FunctionalInterface
  interface BeforeRead {
    void run() throws IOException;
  }

  private static final Pattern CHUNK_SIZE = Pattern.compile("[0-9a-fA-F]{1,15}");
  private static final int MAX_CHUNK_LINE = 4096;

  private final ChannelIO io;
  private final long deadline;
  private final boolean chunked;
  private BeforeRead beforeRead;
  /** Bytes left of the body (by length) or of the current chunk. */
  private long remaining;
  private boolean afterChunkData;
  private boolean complete;
  private boolean closed;

  RequestBody(ChannelIO io, long bodyLength, long deadline, BeforeRead beforeRead) {
    this.io = io;
    this.deadline = deadline;
    this.chunked = bodyLength == RequestHead.CHUNKED;
    this.remaining = chunked ? 0 : bodyLength;
    this.complete = !chunked && bodyLength == 0;
    this.beforeRead = beforeRead;
  }

  /** Whether the whole body (and a chunked body's trailer) was read, so the next bytes are the next request. */
  boolean complete() {
    return complete;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("The request body is closed");
    }
    if (len == 0) {
      return 0;
    }
    if (complete) {
      return -1;
    }
    if (beforeRead != null) {
      BeforeRead once = beforeRead;
      beforeRead = null;
      once.run();
    }
    if (chunked && remaining == 0) {
      nextChunk();
      if (complete) {
        return -1;
      }
    }
    ByteBuffer buf = ensureBuffered();
    int n = (int) Math.min(len, Math.min(remaining, buf.remaining()));
    buf.get(b, off, n);
    remaining -= n;
    if (!chunked && remaining == 0) {
      complete = true;
    }
    return n;
  }

  @Override
  public int available() {
    return complete || closed ? 0 : (int) Math.min(remaining, io.buffer().remaining());
  }

  /** Closing does not drain: an unread rest means the connection is closed after the response. */
  @Override
  public void close() {
    closed = true;
  }

  private void nextChunk() throws IOException {
    if (afterChunkData && !line().isEmpty()) {
      throw new Malformed("A chunk of the request body does not end with CRLF");
    }
    afterChunkData = false;
    String sizeLine = line();
    int extension = sizeLine.indexOf(';');
    String size = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip();
    if (!CHUNK_SIZE.matcher(size).matches()) {
      throw new Malformed("A chunk size of the request body is not a hexadecimal number");
    }
    remaining = Long.parseLong(size, 16);
    if (remaining > 0) {
      afterChunkData = true;
      return;
    }
    int trailer = 0;
    for (String line = line(); !line.isEmpty(); line = line()) {
      trailer += line.length() + 2;
      if (trailer > ConnectionLimits.MAX_HEAD_BYTES) {
        throw new Malformed("The trailer of the request body is too large");
      }
    }
    complete = true;
  }

  // One line of the chunked framing, without its CRLF (or bare LF).
  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int c = ensureBuffered().get() & 0xff;
      if (c == '\n') {
        int last = line.length() - 1;
        return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
      }
      if (line.length() >= MAX_CHUNK_LINE) {
        throw new Malformed("A line of the chunked request body is too long");
      }
      line.append((char) c);
    }
  }

  private ByteBuffer ensureBuffered() throws IOException {
    ByteBuffer buf = io.buffer();
    if (buf.hasRemaining()) {
      return buf;
    }
    int filled = deadline - System.nanoTime() > 0 ? io.fill(deadline) : 0;
    if (filled == 0) {
      throw new Timeout();
    }
    if (filled < 0) {
      throw new EOFException("The client closed the connection before the request body was complete");
    }
    return buf;
  }
}
