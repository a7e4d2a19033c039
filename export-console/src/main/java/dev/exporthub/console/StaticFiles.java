package dev.exporthub.console;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * The page and its CSS, JavaScript and icon, which need no caller. Revalidated on every load
 * ({@code no-cache} with an ETag) so a console upgraded in place never runs yesterday's script.
 */
final class StaticFiles {

  private final Assets assets = new Assets();

  /** The file at this path, or 404. */
  Assets.Asset find(String path) {
    return assets.get(path).orElseThrow(() -> HttpProblem.notFound("No such page: " + path));
  }

  void send(HttpExchange exchange, Assets.Asset asset) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", asset.contentType());
    headers.set("Cache-Control", "no-cache");
    headers.set("ETag", asset.etag());
    if (asset.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
      exchange.sendResponseHeaders(304, -1);
      return;
    }
    new ResponseBody(asset.contentType(), asset.content()).send(exchange, 200);
  }
}
