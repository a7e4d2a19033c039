package dev.exporthub.console;

import com.sun.net.httpserver.HttpExchange;
import dev.exporthub.api.spi.TenantDirectory;
import dev.exporthub.core.ExportHub;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * The route table. A path under {@code /api/} is an endpoint, whose method is checked before the
 * caller is resolved (so a wrong method costs the host's resolver nothing); any other path is one of
 * the page's static files. An unknown path is 404, a known one with another method 405.
 */
final class Routes {

  static final String API = "/api/";
  static final String DOWNLOADS = "/api/downloads/";

  /** An endpoint and the one method it answers; a path ending in {@code /} also takes every path below it. */
  private record Route(String method, String path, ApiEndpoint endpoint) {
    boolean matches(String requested) {
      return path.endsWith("/") ? requested.startsWith(path) : requested.equals(path);
    }
  }

  private final StaticFiles files = new StaticFiles();
  private final List<Route> api;
  private final CallerResolver resolver;
  private final TenantDirectory directory;
  private final ApiJson json;

  Routes(ExportHub hub, CallerResolver resolver, TenantDirectory directory, Clock clock, DownloadCache downloads,
      RequestGuard guard, RequestParser parser, ApiJson json) {
    this.resolver = resolver;
    this.directory = directory;
    this.json = json;
    this.api = List.of(
        new Route("GET", "/api/session", new SessionEndpoint(json)),
        new Route("GET", "/api/catalog", new CatalogEndpoint(hub, json)),
        new Route("POST", "/api/exports", new ExportEndpoint(hub, guard, parser, downloads, json)),
        new Route("GET", "/api/statistics", new StatisticsEndpoint(hub, clock, json)),
        new Route("GET", "/api/history", new HistoryEndpoint(hub, json)),
        new Route("GET", DOWNLOADS, new DownloadEndpoint(hub, downloads)));
  }

  static boolean isApi(String path) {
    return path != null && path.startsWith(API);
  }

  void answer(HttpExchange exchange, String method, String path) throws IOException {
    if (isApi(path)) {
      Route route = api.stream().filter(r -> r.matches(path)).findFirst()
          .orElseThrow(() -> HttpProblem.notFound("No such API endpoint: " + path));
      requireMethod(method, route.method());
      route.endpoint().answer(ApiCall.resolve(exchange, resolver, directory, json));
    } else {
      Assets.Asset asset = files.find(path);
      requireMethod(method, "GET");
      files.send(exchange, asset);
    }
  }

  private static void requireMethod(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw HttpProblem.methodNotAllowed(method, allowed);
    }
  }
}
