package dev.exporthub.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportFailedException;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.spi.TenantDirectory;
import dev.exporthub.core.ExportHub;
import dev.exporthub.core.log.LogQuery;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request of the console: the safety checks first (host, origin, fetch site), then the
 * route. Static files need no caller; every {@code /api/} request resolves one.
 *
 * <pre>
 * GET  /                          the page            GET /api/session     who and which scope
 * GET  /assets/{file}             CSS, JS, icon       GET /api/catalog     categories and formats visible
 * POST /api/exports               create an export    GET /api/statistics  statistics of visible entries
 * GET  /api/downloads/{token}     the artifact        GET /api/history     last exports, newest first
 * </pre>
 */
final class ConsoleHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleHandler.class);

  private static final String DOWNLOADS = "/api/downloads/";
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");

  private final ExportHub hub;
  private final CallerResolver resolver;
  private final RequestGuard guard;
  private final TenantDirectory directory;
  private final Clock clock;
  private final DownloadCache downloads;
  private final Assets assets = new Assets();
  private final ObjectMapper mapper = RequestParser.strictMapper();
  private final RequestParser parser = new RequestParser(mapper);
  private final ApiJson json = new ApiJson(mapper);
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closing;

  ConsoleHandler(ExportHub hub, CallerResolver resolver, HostGuard hosts, TenantDirectory directory, Clock clock,
      int maxRequestBytes, DownloadCache downloads) {
    this.hub = hub;
    this.resolver = resolver;
    this.guard = new RequestGuard(hosts, maxRequestBytes);
    this.directory = directory;
    this.clock = clock;
    this.downloads = downloads;
  }

  /** Refuses new requests with 503 and waits up to {@code millis} for those in progress to finish. */
  void drain(long millis) {
    closing = true;
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    inFlight.incrementAndGet();
    try {
      SecurityHeaders.PAGE.applyTo(exchange.getResponseHeaders());
      if (closing) {
        throw new HttpProblem(503, "unavailable", "The console is shutting down");
      }
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      boolean api = path != null && path.startsWith("/api/");
      guard.admit(exchange, api);
      if (api) {
        api(exchange, method, path);
      } else {
        asset(exchange, method, path);
      }
    } catch (HttpProblem problem) {
      send(exchange, problem);
    } catch (RuntimeException e) {
      LOG.warn("export console: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
      send(exchange, new HttpProblem(500, "internal-error", "The console failed to answer; see the host's log"));
    } finally {
      exchange.close();
      inFlight.decrementAndGet();
    }
  }

  // ---- routes ----------------------------------------------------------------------------------

  private void asset(HttpExchange exchange, String method, String path) throws IOException {
    Assets.Asset asset = assets.get(path)
        .orElseThrow(() -> HttpProblem.notFound("No such page: " + path));
    requireMethod(method, "GET");
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

  private void api(HttpExchange exchange, String method, String path) throws IOException {
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if (path.startsWith(DOWNLOADS)) {
      requireMethod(method, "GET");
      download(exchange, path.substring(DOWNLOADS.length()));
      return;
    }
    switch (path) {
      case "/api/session" -> {
        requireMethod(method, "GET");
        ConsoleRequest request = request(exchange);
        Caller caller = caller(request);
        sendJson(exchange, 200, json.session(caller, scope(request, caller)));
      }
      case "/api/catalog" -> {
        requireMethod(method, "GET");
        Caller caller = caller(request(exchange));
        sendJson(exchange, 200, json.catalog(hub.visibility(caller), hub.formats()));
      }
      case "/api/exports" -> {
        requireMethod(method, "POST");
        createExport(exchange);
      }
      case "/api/statistics" -> {
        requireMethod(method, "GET");
        Caller caller = caller(request(exchange));
        sendJson(exchange, 200, json.statistics(hub.log().statistics(visibleTo(caller), clock.instant())));
      }
      case "/api/history" -> {
        requireMethod(method, "GET");
        Caller caller = caller(request(exchange));
        int limit = RequestParser.historyLimit(exchange.getRequestURI().getRawQuery());
        sendJson(exchange, 200, json.history(hub.log().recentExports(limit, visibleTo(caller))));
      }
      default -> throw HttpProblem.notFound("No such API endpoint: " + path);
    }
  }

  private void createExport(HttpExchange exchange) throws IOException {
    ConsoleRequest request = request(exchange);
    Caller caller = caller(request);
    ExportRequest exportRequest = parser.exportRequest(guard.jsonBody(exchange), scope(request, caller));

    BoundedBuffer buffer = new BoundedBuffer(downloads.maxBytes());
    ExportResult result;
    try {
      result = hub.export(exportRequest, caller, buffer);
    } catch (InvalidRequestException e) {
      throw HttpProblem.badRequest(e.getMessage());
    } catch (InvalidDataException e) {
      throw new HttpProblem(500, "invalid-data", "The data could not be exported: " + e.getMessage());
    } catch (ExportFailedException e) {
      if (BoundedBuffer.overflowed(e)) {
        throw new HttpProblem(422, "export-too-large", "The export is larger than the console's limit of "
            + downloads.maxBytes() + " bytes; export it with the command line or the library instead");
      }
      LOG.warn("export console: export failed", e);
      throw new HttpProblem(500, "export-failed", "The export failed; the error is recorded in the export log");
    }
    if (result instanceof ExportResult.Denied denied) {
      throw HttpProblem.denied(denied.decision().reason(), denied.decision().violations(),
          denied.decision().warnings());
    }
    ExportResult.Completed done = (ExportResult.Completed) result;
    ExportScope scope = done.decision().scope();
    String logTenant = scope.tenantId() != null ? scope.tenantId() : caller.tenantId();
    String token = downloads.put(new DownloadCache.Artifact(done.bundle().bundleId(), exportRequest.format().id(),
        done.filename(), done.mimeType(), buffer.bytes(), caller.userId(), caller.tenantId(), logTenant));
    String location = DOWNLOADS + token;
    exchange.getResponseHeaders().set("Location", location);
    sendJson(exchange, 201, json.created(done, location));
  }

  private void download(HttpExchange exchange, String token) throws IOException {
    Caller caller = caller(request(exchange));
    DownloadCache.Artifact artifact = (TOKEN.matcher(token).matches() ? downloads.get(token)
        : Optional.<DownloadCache.Artifact>empty())
        .filter(a -> a.ownedBy(caller.userId(), caller.tenantId()))
        .orElseThrow(() -> HttpProblem.notFound(
            "This download is unknown or has expired; generate the export again"));
    byte[] content = artifact.content();
    hub.recordDownload(artifact.bundleId(), ExportFormat.of(artifact.format()), artifact.filename(), content.length,
        caller.userId(), artifact.logTenant());
    Headers headers = exchange.getResponseHeaders();
    SecurityHeaders.DOWNLOAD.applyTo(headers);
    headers.set("Content-Disposition", "attachment; filename=\"" + safeFilename(artifact.filename()) + "\"");
    new ResponseBody(artifact.mimeType(), content).send(exchange, 200);
  }

  // ---- request parts ---------------------------------------------------------------------------

  private static ConsoleRequest request(HttpExchange exchange) {
    return RequestParser.consoleRequest(exchange);
  }

  private Caller caller(ConsoleRequest request) {
    Caller caller = resolver.resolve(request);
    if (caller == null) {
      throw new HttpProblem(401, "unauthenticated", "Sign in to use the export console");
    }
    return caller;
  }

  private ExportScope scope(ConsoleRequest request, Caller caller) {
    ExportScope scope = resolver.scope(request, caller);
    return scope == null ? ExportScope.unscoped() : scope;
  }

  private LogQuery visibleTo(Caller caller) {
    return LogQuery.all().visibleTo(caller, directory);
  }

  private static void requireMethod(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw HttpProblem.methodNotAllowed(method, allowed);
    }
  }

  private static String safeFilename(String filename) {
    return filename.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  // ---- responses -------------------------------------------------------------------------------

  private void sendJson(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    json.body(body).send(exchange, status);
  }

  private void send(HttpExchange exchange, HttpProblem problem) {
    if (exchange.getResponseCode() != -1) {
      return; // headers already went out; closing the exchange is all that is left
    }
    try {
      Headers headers = exchange.getResponseHeaders();
      headers.remove("Content-Disposition");
      headers.remove("Location");
      SecurityHeaders.PAGE.applyTo(headers);
      headers.set("Cache-Control", "no-store");
      if (problem.allow() != null) {
        headers.set("Allow", problem.allow());
      }
      sendJson(exchange, problem.status(), json.error(problem));
    } catch (IOException e) {
      LOG.debug("export console: could not send {} {}", problem.status(), problem.code(), e);
    }
  }
}
