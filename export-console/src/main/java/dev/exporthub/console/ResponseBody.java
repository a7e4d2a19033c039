package dev.exporthub.console;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A whole response body and its type. Every answer is in memory before it is sent, so its length is
 * declared up front and a failure can still become an error response.
 */
record ResponseBody(String contentType, byte[] content) {

  static ResponseBody json(byte[] content) {
    return new ResponseBody("application/json; charset=utf-8", content);
  }

  void send(HttpExchange exchange, int status) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, content.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(content);
    }
  }
}
