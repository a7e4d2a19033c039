package dev.exporthub.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The status line and headers of a response, as bytes; and the whole of an error the front answers itself. */
final class ResponseHead {

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  private ResponseHead() {}

  static byte[] encode(int status, Headers headers) throws IOException {
    StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ')
        .append(reason(status)).append("\r\n");
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      for (String value : header.getValue()) {
        // A handler's value must never split the head: that would let it write headers of its choosing.
        if (header.getKey().indexOf('\r') >= 0 || header.getKey().indexOf('\n') >= 0
            || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
          throw new IOException("A response header holds a line break: " + header.getKey());
        }
        head.append(header.getKey()).append(": ").append(value).append("\r\n");
      }
    }
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The value of a {@code Date} header for now. */
  static String date() {
    return HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
  }

  /**
   * A complete response for a problem found before any handler ran (a malformed head, a timeout, a
   * refused connection): the same JSON body and security headers as the handler's own errors, and
   * {@code Connection: close}, since the front closes the connection after it.
   */
  static byte[] problem(HttpProblem problem, ApiJson json) {
    try {
      byte[] body = json.body(json.error(problem)).content();
      Headers headers = new Headers();
      SecurityHeaders.PAGE.applyTo(headers);
      headers.set("Cache-Control", "no-store");
      headers.set("Content-Type", "application/json; charset=utf-8");
      headers.set("Content-Length", Integer.toString(body.length));
      headers.set("Date", date());
      headers.set("Connection", "close");
      byte[] head = encode(problem.status(), headers);
      byte[] all = new byte[head.length + body.length];
      System.arraycopy(head, 0, all, 0, head.length);
      System.arraycopy(body, 0, all, head.length, body.length);
      return all;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("The console's own error headers are malformed", e);
    }
  }

  static String reason(int status) {
    return switch (status) {
      case 100 -> "Continue";
      case 200 -> "OK";
      case 201 -> "Created";
      case 204 -> "No Content";
      case 304 -> "Not Modified";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      default -> status < 400 ? "OK" : "Error";
    };
  }
}
