package dev.exporthub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A client that writes requests by hand, for what no well-behaved client sends: partial heads,
 * trickles, malformed paths. Every read waits at most {@link #TIMEOUT_MILLIS}, so a test fails
 * rather than hangs when the console does not answer.
 */
final class RawHttp implements AutoCloseable {

  /** How long any one read waits: a bound that fails a test, never a measurement. */
  static final int TIMEOUT_MILLIS = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  static RawHttp connect(ExportConsole.Server server) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(server.address().getAddress(), server.address().getPort()), TIMEOUT_MILLIS);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    return new RawHttp(socket);
  }

  /** A complete, valid GET with the right Host. */
  static String get(ExportConsole.Server server, String path, String... headers) {
    StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host(server) + "\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    return request.append("\r\n").toString();
  }

  static String host(ExportConsole.Server server) {
    return "127.0.0.1:" + server.address().getPort();
  }

  RawHttp send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return this;
  }

  /** Whether the console has sent something that waits to be read. */
  boolean answered() throws IOException {
    return in.available() > 0;
  }

  /** One response: status line, headers, and the body its Content-Length (or chunks) declares. */
  Response read() throws IOException {
    return read(false);
  }

  /** One response to a {@code HEAD} request, which has headers only. */
  Response readHead() throws IOException {
    return read(true);
  }

  private Response read(boolean headOnly) throws IOException {
    String status = line();
    assertTrue(status.startsWith("HTTP/1.1 "), status);
    Map<String, String> headers = new TreeMap<>();
    for (String line = line(); !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
    }
    int code = Integer.parseInt(status.substring(9, 12));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (headOnly || code == 304 || code == 204 || code < 200) {
      return new Response(code, headers, new byte[0]);
    }
    if ("chunked".equals(headers.get("transfer-encoding"))) {
      for (int size = Integer.parseInt(line(), 16); size > 0; size = Integer.parseInt(line(), 16)) {
        body.write(in.readNBytes(size));
        line();
      }
      line();
    } else {
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      byte[] bytes = in.readNBytes(length);
      assertEquals(length, bytes.length, "the whole body");
      body.write(bytes);
    }
    return new Response(code, headers, body.toByteArray());
  }

  /**
   * Whether the console closed the connection: the next read ends the stream (or finds it reset)
   * within the timeout, with nothing more sent.
   */
  boolean closedByServer() throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // reset
    }
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c == -1) {
        throw new EOFException("the console closed the connection mid-response: " + line);
      }
      line.append((char) c);
    }
    return line.toString().strip();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** A response as read off the socket; header names lower case. */
  record Response(int status, Map<String, String> headers, byte[] body) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    JsonNode json() throws IOException {
      assertTrue(header("content-type").startsWith("application/json"), headers::toString);
      return JSON.readTree(body);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }
}
