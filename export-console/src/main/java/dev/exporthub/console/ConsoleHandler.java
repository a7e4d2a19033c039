package dev.exporthub.console;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFailedException;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.TenantDirectory;
import dev.exporthub.core.ExportHub;
import dev.exporthub.core.log.LogQuery;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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
  private static final Set<String> EXPORT_FIELDS = Set.of("category", "format", "from", "to");
  private static final int DEFAULT_HISTORY = 10;
  private static final int MAX_HISTORY = 100;

  private final ExportHub hub;
  private final CallerResolver resolver;
  private final HostGuard guard;
  private final TenantDirectory directory;
  private final Clock clock;
  private final int maxRequestBytes;
  private final DownloadCache downloads;
  private final Assets assets = new Assets();
  private final ObjectMapper mapper = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
      .build();
  private final ApiJson json = new ApiJson(mapper);
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closing;

  ConsoleHandler(ExportHub hub, CallerResolver resolver, HostGuard guard, TenantDirectory directory, Clock clock,
      int maxRequestBytes, DownloadCache downloads) {
    this.hub = hub;
    this.resolver = resolver;
    this.guard = guard;
    this.directory = directory;
    this.clock = clock;
    this.maxRequestBytes = maxRequestBytes;
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
      checkHost(exchange);
      if (path != null && path.startsWith("/api/")) {
        checkFetchSite(exchange);
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

  // ---- safety --------------------------------------------------------------------------------

  private void checkHost(HttpExchange exchange) {
    Headers headers = exchange.getRequestHeaders();
    if (headers.get("Host") == null || headers.get("Host").size() != 1 || !guard.hostAllowed(headers.getFirst("Host"))) {
      throw HttpProblem.forbidden("forbidden-host",
          "This console answers only requests addressed to " + guard.baseUri().getAuthority());
    }
    List<String> origins = headers.get("Origin");
    if (origins != null && (origins.size() != 1 || !guard.originAllowed(origins.get(0)))) {
      throw HttpProblem.forbidden("forbidden-origin", "Requests from another origin are not accepted");
    }
  }

  private static void checkFetchSite(HttpExchange exchange) {
    String site = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw HttpProblem.forbidden("forbidden-origin", "Requests from another site are not accepted");
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
        int limit = limit(exchange.getRequestURI().getRawQuery());
        sendJson(exchange, 200, json.history(hub.log().recentExports(limit, visibleTo(caller))));
      }
      default -> throw HttpProblem.notFound("No such API endpoint: " + path);
    }
  }

  private void createExport(HttpExchange exchange) throws IOException {
    ConsoleRequest request = request(exchange);
    Caller caller = caller(request);
    List<String> types = exchange.getRequestHeaders().get("Content-Type");
    String contentType = types == null || types.size() != 1 ? null : types.get(0);
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).strip().matches("application/json(\\s*;.*)?")) {
      throw new HttpProblem(415, "unsupported-media-type", "Send the export request as application/json");
    }
    ExportRequest exportRequest = exportRequest(readBody(exchange), scope(request, caller));

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
    return new ConsoleRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
        exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), exchange.getRemoteAddress());
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

  private static int limit(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return DEFAULT_HISTORY;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith("limit=")) {
        String value = pair.substring("limit=".length());
        if (!value.matches("[0-9]{1,3}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_HISTORY) {
          throw HttpProblem.badRequest("limit must be a whole number from 1 to " + MAX_HISTORY);
        }
        return Integer.parseInt(value);
      }
    }
    return DEFAULT_HISTORY;
  }

  private byte[] readBody(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.strip());
      } catch (NumberFormatException e) {
        throw HttpProblem.badRequest("Content-Length is not a number");
      }
      if (length > maxRequestBytes) {
        throw tooLarge();
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(maxRequestBytes + 1);
      if (body.length > maxRequestBytes) {
        throw tooLarge();
      }
      return body;
    }
  }

  private HttpProblem tooLarge() {
    return new HttpProblem(413, "body-too-large", "The request body is larger than " + maxRequestBytes + " bytes");
  }

  /** The export request of a JSON body: {@code category} and {@code format}, optionally {@code from} and {@code to}. */
  private ExportRequest exportRequest(byte[] body, ExportScope scope) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw HttpProblem.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw HttpProblem.badRequest("The body could not be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw HttpProblem.badRequest("The body must be a JSON object such as {\"category\":\"audit-findings\",\"format\":\"json\"}");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!EXPORT_FIELDS.contains(name)) {
        throw HttpProblem.badRequest("Unknown field '" + truncate(name)
            + "': an export request has category, format and optionally from and to");
      }
    }
    String categoryId = text(root, "category", true);
    String formatId = text(root, "format", true);
    String from = text(root, "from", false);
    String to = text(root, "to", false);
    if ((from == null) != (to == null)) {
      throw HttpProblem.badRequest("Give both from and to, or neither for the last 30 days");
    }
    try {
      ExportRequest.Builder builder = ExportRequest.builder(ExportCategory.fromId(categoryId), ExportFormat.of(formatId))
          .scope(scope);
      if (from != null) {
        builder.timeRange(TimeRange.of(instant("from", from), instant("to", to)));
      }
      return builder.build();
    } catch (InvalidRequestException e) {
      throw HttpProblem.badRequest(e.getMessage());
    }
  }

  private static String text(JsonNode root, String field, boolean required) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw HttpProblem.badRequest("The field '" + field + "' is required");
      }
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw HttpProblem.badRequest("The field '" + field + "' must be a non-blank string");
    }
    if (value.asText().length() > 200) {
      throw HttpProblem.badRequest("The field '" + field + "' is too long");
    }
    return value.asText();
  }

  private static Instant instant(String field, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw HttpProblem.badRequest("The field '" + field + "' must be an ISO-8601 instant such as "
          + "2026-01-01T00:00:00Z, was '" + truncate(value) + "'");
    }
  }

  private static String truncate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
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
