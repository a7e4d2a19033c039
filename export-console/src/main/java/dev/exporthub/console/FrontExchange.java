package dev.exporthub.console;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One request and its response on a connection of the console's front, offered to the handler as
 * the {@code jdk.httpserver} exchange it was written against. Framing (length, chunks, whether the
 * connection stays open) is decided here, not by the handler: a handler's {@code Content-Length},
 * {@code Transfer-Encoding} or {@code Connection} header is replaced.
 */
final class FrontExchange extends HttpExchange {

  /** What becomes of the connection once the exchange is over. */
  enum Outcome {
    /** Ready for the next request. */
    KEEP_ALIVE,
    /** Answered, but closing: the client may still be sending what the handler did not read. */
    LINGER,
    /** Nothing more can be said on it. */
    CLOSE
  }

  private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final RequestHead request;
  private final Connection connection;
  private final ChannelIO io;
  private final boolean closing;
  private final RequestBody body;
  private final ResponseStream response;
  private final Headers responseHeaders = new Headers();
  private final Map<String, Object> attributes = new HashMap<>();
  private InputStream in;
  private OutputStream out;
  private int status = -1;
  private boolean closeAfter;

  /** {@code closing}: the console is stopping, so this is the connection's last exchange. */
  FrontExchange(RequestHead request, Connection connection, ChannelIO io, long bodyDeadline, boolean closing) {
    this.request = request;
    this.connection = connection;
    this.io = io;
    this.closing = closing;
    this.body = new RequestBody(io, request.bodyLength(), bodyDeadline,
        request.expectContinue() ? this::sendContinue : null);
    this.response = new ResponseStream(io);
    this.in = body;
    this.out = response;
  }

  @Override
  public void sendResponseHeaders(int code, long length) throws IOException {
    if (status != -1) {
      throw new IOException("The response headers were already sent");
    }
    if (code < 200 || code > 999) {
      throw new IllegalArgumentException("Not a final status code: " + code);
    }
    status = code;
    io.startResponse();
    // A body the handler left unread cannot be skipped reliably; the connection ends after this answer.
    closeAfter = closing || !request.keepAlive() || !body.complete();
    Headers h = responseHeaders;
    h.remove("Content-Length");
    h.remove("Transfer-Encoding");
    h.remove("Connection");
    h.set("Date", ResponseHead.date());
    ResponseStream.Framing framing;
    if (code == 204 || code == 304) {
      framing = ResponseStream.Framing.NONE;
    } else if (length < 0) {
      framing = ResponseStream.Framing.NONE;
      h.set("Content-Length", "0");
    } else if (length > 0) {
      framing = ResponseStream.Framing.LENGTH;
      h.set("Content-Length", Long.toString(length));
    } else if (request.protocol().equals("HTTP/1.0")) {
      framing = ResponseStream.Framing.CLOSE;
      closeAfter = true;
    } else {
      framing = ResponseStream.Framing.CHUNKED;
      h.set("Transfer-Encoding", "chunked");
    }
    if (closeAfter) {
      h.set("Connection", "close");
    }
    response.begin(ResponseHead.encode(code, h), framing, Math.max(length, 0), request.head());
  }

  // Only while no answer is out: a handler that refuses the body (413) never invites it.
  private void sendContinue() throws IOException {
    if (status == -1) {
      io.startResponse();
      io.write(ByteBuffer.wrap(CONTINUE));
    }
  }

  /** Ends the exchange and tells what becomes of the connection. */
  Outcome finish() {
    close();
    if (status == -1 || !response.complete()) {
      return Outcome.CLOSE;
    }
    return closeAfter || !body.complete() ? Outcome.LINGER : Outcome.KEEP_ALIVE;
  }

  /** Closes both streams, and the console's own beneath any a filter {@link #setStreams set}. Idempotent. */
  @Override
  public void close() {
    try {
      in.close();
      out.close();
      response.close();
    } catch (IOException e) {
      // the response is then incomplete, and finish() closes the connection
    }
    body.close();
  }

  @Override
  public Headers getRequestHeaders() {
    return request.headers();
  }

  @Override
  public Headers getResponseHeaders() {
    return responseHeaders;
  }

  @Override
  public URI getRequestURI() {
    return request.uri();
  }

  @Override
  public String getRequestMethod() {
    return request.method();
  }

  /** {@code null}: the console's front is no {@code HttpServer}, and has no contexts. */
  @Override
  public HttpContext getHttpContext() {
    return null;
  }

  @Override
  public InputStream getRequestBody() {
    return in;
  }

  @Override
  public OutputStream getResponseBody() {
    return out;
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return connection.remote;
  }

  @Override
  public int getResponseCode() {
    return status;
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return connection.local;
  }

  @Override
  public String getProtocol() {
    return request.protocol();
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    attributes.put(name, value);
  }

  @Override
  public void setStreams(InputStream i, OutputStream o) {
    if (i != null) {
      in = i;
    }
    if (o != null) {
      out = o;
    }
  }

  /** {@code null}: the console does not authenticate; its {@link CallerResolver} does. */
  @Override
  public HttpPrincipal getPrincipal() {
    return null;
  }
}
