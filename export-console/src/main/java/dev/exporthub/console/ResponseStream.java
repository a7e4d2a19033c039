package dev.exporthub.console;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A response's head and body on their way to the client: the head waits in the buffer so a small
 * response leaves in one write; the body is framed as the head declared it. Any failure leaves the
 * response {@link #complete() incomplete}, and the connection is then closed.
 */
final class ResponseStream extends OutputStream {

  /** How the body is delimited. */
  enum Framing {
    /** {@code Content-Length}. */
    LENGTH,
    /** {@code Transfer-Encoding: chunked}. */
    CHUNKED,
    /** The end of the connection (HTTP/1.0 without a length). */
    CLOSE,
    /** No body: {@code -1}, {@code 204}, {@code 304}, or a {@code HEAD} request. */
    NONE
  }

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final ChannelIO io;
  private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
  private Framing framing;
  private long remaining;
  private boolean ignoreBody;
  private boolean closed;
  private boolean failed;

  ResponseStream(ChannelIO io) {
    this.io = io;
  }

  /** Starts the response with its head; {@code ignoreBody} for a {@code HEAD} request, whose body is never sent. */
  void begin(byte[] head, Framing framing, long length, boolean ignoreBody) throws IOException {
    this.framing = framing;
    this.remaining = length;
    this.ignoreBody = ignoreBody;
    put(head, 0, head.length);
  }

  /** Whether the head went out, the declared body all of it, and nothing failed. */
  boolean complete() {
    return closed && !failed && framing != null && (framing != Framing.LENGTH || remaining == 0 || ignoreBody);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (framing == null) {
      throw new IOException("Send the response headers before the body");
    }
    if (closed) {
      throw new IOException("The response body is closed");
    }
    if (ignoreBody || len == 0) {
      return;
    }
    switch (framing) {
      case NONE -> throw new IOException("This response was declared without a body");
      case LENGTH -> {
        if (len > remaining) {
          failed = true;
          throw new IOException("The response body is longer than its Content-Length");
        }
        remaining -= len;
        put(b, off, len);
      }
      case CHUNKED -> {
        byte[] size = (Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        put(size, 0, size.length);
        put(b, off, len);
        put(CRLF, 0, 2);
      }
      case CLOSE -> put(b, off, len);
      default -> throw new IllegalStateException(framing.toString());
    }
  }

  @Override
  public void flush() throws IOException {
    buffer.flip();
    try {
      io.write(buffer);
    } catch (IOException e) {
      failed = true;
      throw e;
    } finally {
      buffer.clear();
    }
  }

  /** Sends what is buffered and ends the body (the last chunk of a chunked one). Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed || framing == null) {
      closed = true;
      return;
    }
    closed = true;
    if (framing == Framing.CHUNKED && !ignoreBody) {
      put(LAST_CHUNK, 0, LAST_CHUNK.length);
    }
    flush();
  }

  private void put(byte[] b, int off, int len) throws IOException {
    if (len > buffer.remaining()) {
      flush();
    }
    if (len > buffer.capacity()) {
      try {
        io.write(ByteBuffer.wrap(b, off, len));
      } catch (IOException e) {
        failed = true;
        throw e;
      }
      return;
    }
    buffer.put(b, off, len);
  }
}
