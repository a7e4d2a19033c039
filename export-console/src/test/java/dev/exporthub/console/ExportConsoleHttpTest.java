package dev.exporthub.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.LogEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The console's HTTP API")
class ExportConsoleHttpTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  private ConsoleFixture fixture;

  @BeforeEach
  void start() {
    fixture = new ConsoleFixture();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private URI uri(String path) {
    return fixture.server.uri().resolve(path);
  }

  private String origin() {
    String base = fixture.server.uri().toString();
    return base.substring(0, base.length() - 1);
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
    setHeaders(b, headers);
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> post(String path, String body, String... headers) throws Exception {
    return send(path, HttpRequest.BodyPublishers.ofString(body), headers);
  }

  private HttpResponse<byte[]> send(String path, HttpRequest.BodyPublisher body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .header("Origin", origin())
        .POST(body);
    setHeaders(b, headers);
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Sets (replacing, not adding) each name-value pair. */
  private static void setHeaders(HttpRequest.Builder b, String... headers) {
    for (int i = 0; i < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]);
    }
  }

  private HttpResponse<byte[]> export(String category, String format, String... headers) throws Exception {
    return post("/api/exports", "{\"category\":\"" + category + "\",\"format\":\"" + format + "\"}", headers);
  }

  private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        "JSON content type: " + response.headers());
    return JSON.readTree(response.body());
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** A request written by hand, for headers the JDK's client will not set (Host). Returns the status line. */
  private String raw(String request) throws IOException {
    try (Socket socket = new Socket(fixture.server.address().getAddress(), fixture.server.address().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
        line.append((char) c);
      }
      return line.toString().strip();
    }
  }

  private static void assertProblem(HttpResponse<byte[]> response, int status, String code) throws IOException {
    assertEquals(status, response.statusCode(), () -> text(response));
    JsonNode body = json(response);
    assertEquals(code, body.path("error").asText(), body::toString);
    assertFalse(body.path("message").asText().isBlank(), "a message for the user");
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
  }

  // ---- the page --------------------------------------------------------------------------------

  @Nested
  @DisplayName("the page")
  class Page {

    @Test
    @DisplayName("is one HTML document with its CSS and JavaScript from the console's own origin")
    void servesThePage() throws Exception {
      HttpResponse<byte[]> page = get("/");
      assertEquals(200, page.statusCode());
      assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
      String html = text(page);
      assertTrue(html.contains("<script src=\"/assets/console.js\" defer></script>"));
      assertTrue(html.contains("href=\"/assets/console.css\""));
      for (String id : List.of("id=\"builder\"", "id=\"preview\"", "id=\"statistics\"", "id=\"history\"")) {
        assertTrue(html.contains(id), id);
      }
      assertEquals("text/css; charset=utf-8", get("/assets/console.css").headers().firstValue("Content-Type").orElseThrow());
      assertEquals("text/javascript; charset=utf-8",
          get("/assets/console.js").headers().firstValue("Content-Type").orElseThrow());
      assertEquals(200, get("/assets/favicon.svg").statusCode());
      assertEquals(200, get("/index.html").statusCode());
    }

    @Test
    @DisplayName("forbids inline script and other origins, framing and sniffing")
    void securityHeaders() throws Exception {
      HttpResponse<byte[]> page = get("/");
      String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
      assertTrue(csp.contains("default-src 'none'"), csp);
      assertTrue(csp.contains("script-src 'self'"), csp);
      assertTrue(csp.contains("connect-src 'self'"), csp);
      assertTrue(csp.contains("frame-ancestors 'none'"), csp);
      assertFalse(csp.contains("unsafe-inline"), csp);
      assertFalse(csp.contains("http"), "no external origin: " + csp);
      assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
      assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElseThrow());
      assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElseThrow());
    }

    @Test
    @DisplayName("answers a matching If-None-Match with 304")
    void etag() throws Exception {
      String etag = get("/assets/console.js").headers().firstValue("ETag").orElseThrow();
      HttpResponse<byte[]> again = get("/assets/console.js", "If-None-Match", etag);
      assertEquals(304, again.statusCode());
      assertEquals(0, again.body().length);
    }

    @Test
    @DisplayName("has no other files, and only GET")
    void notFoundAndMethod() throws Exception {
      assertProblem(get("/assets/../pom.xml"), 404, "not-found");
      assertProblem(get("/secret"), 404, "not-found");
      HttpResponse<byte[]> post = post("/", "{}");
      assertProblem(post, 405, "method-not-allowed");
      assertEquals("GET", post.headers().firstValue("Allow").orElseThrow());
    }
  }

  // ---- the API ---------------------------------------------------------------------------------

  @Nested
  @DisplayName("GET /api/session")
  class Session {

    @Test
    @DisplayName("tells the scope the resolver decided: tenant, facility, user, role")
    void session() throws Exception {
      JsonNode session = json(get("/api/session"));
      assertEquals("ana", session.get("user").asText());
      assertEquals("tenant-1", session.get("tenant").asText());
      assertTrue(session.get("facility").isNull());
      assertEquals("auditor", session.get("role").asText());
      assertEquals(0, session.get("permissions").size());
      assertEquals(ConsoleFixture.DATA.facilityIds("tenant-1"), strings(session.get("facilities")),
          "the facilities the resolver offers");
    }

    @Test
    @DisplayName("shows the facility of a caller pinned to one")
    void facility() throws Exception {
      fixture.close();
      fixture = new ConsoleFixture(b -> b.callerResolver(CallerResolver.fixed(ConsoleFixture.AUDITOR, "tenant-1-fac-a")));
      JsonNode session = json(get("/api/session"));
      assertEquals("tenant-1-fac-a", session.get("facility").asText());
      assertEquals(List.of("tenant-1-fac-a"), strings(session.get("facilities")), "the pinned one is the only choice");
      JsonNode created = json(export("audit-findings", "json"));
      assertEquals("tenant-1-fac-a", created.at("/bundle/scope/facilityId").asText());

      HttpResponse<byte[]> other = post("/api/exports",
          "{\"category\":\"audit-findings\",\"format\":\"json\",\"facility\":\"tenant-1-fac-b\"}");
      assertProblem(other, 403, "facility-denied");
      assertEquals("Facility export access denied: 'tenant-1-fac-b' is not 'tenant-1-fac-a'",
          json(other).get("message").asText());
    }

    @Test
    @DisplayName("is 401 when the resolver knows no caller, and 500 without details when it fails")
    void unauthenticated() throws Exception {
      assertProblem(get("/api/session", "X-Test-User", "anonymous"), 401, "unauthenticated");
      HttpResponse<byte[]> failed = get("/api/catalog", "X-Test-User", "boom");
      assertProblem(failed, 500, "internal-error");
      assertFalse(text(failed).contains("secret"), text(failed));
      assertProblem(export("audit-findings", "json", "X-Test-User", "anonymous"), 401, "unauthenticated");
      assertEquals(0, fixture.hub.log().entries().size(), "nothing was exported or logged");
    }
  }

  @Nested
  @DisplayName("GET /api/catalog")
  class Catalog {

    @Test
    @DisplayName("lists only the categories and formats the caller may export")
    void auditor() throws Exception {
      JsonNode catalog = json(get("/api/catalog"));
      assertEquals(14, catalog.get("totalCategories").asInt());
      List<String> ids = new ArrayList<>();
      catalog.get("categories").forEach(c -> ids.add(c.get("id").asText()));
      assertTrue(ids.contains("compliance-pack"), ids::toString);
      assertFalse(ids.contains("executive-summary"), ids::toString);
      assertFalse(ids.contains("full-operational"), ids::toString);
      assertEquals(12, ids.size());
      JsonNode compliance = catalog.get("categories").get(0);
      assertEquals("Compliance Pack", compliance.get("title").asText());
      assertEquals(3, compliance.get("sections").size());
      List<String> formats = strings(compliance.get("formats"));
      assertTrue(formats.contains("json"));
      assertFalse(formats.contains("zip"), "bundle formats need export:bundle-formats");
      assertFalse(formats.contains("auditor-package"));
      List<String> listed = new ArrayList<>();
      catalog.get("formats").forEach(f -> listed.add(f.get("id").asText()));
      assertEquals(formats, listed);
      assertEquals("JSON", catalog.get("formats").get(0).get("label").asText());
      assertEquals("application/json", catalog.get("formats").get(0).get("mimeType").asText());
    }

    @Test
    @DisplayName("lists all 14 categories and every registered format for an admin with every permission")
    void admin() throws Exception {
      JsonNode catalog = json(get("/api/catalog", "X-Test-User", "root"));
      assertEquals(14, catalog.get("categories").size());
      assertEquals(fixture.hub.formats().size(), catalog.get("formats").size());
      assertEquals(ExportCategory.values()[0].id(), catalog.get("categories").get(0).get("id").asText());
    }

    @Test
    @DisplayName("lists no compliance pack for a caller without a role")
    void noRole() throws Exception {
      JsonNode catalog = json(get("/api/catalog", "X-Test-User", "olga"));
      assertEquals(11, catalog.get("categories").size());
    }
  }

  @Nested
  @DisplayName("POST /api/exports")
  class CreateExport {

    @Test
    @DisplayName("exports and answers 201 with the bundle preview and a download link")
    void created() throws Exception {
      HttpResponse<byte[]> response = export("compliance-pack", "json");
      assertEquals(201, response.statusCode(), () -> text(response));
      JsonNode body = json(response);
      JsonNode bundle = body.get("bundle");
      assertTrue(bundle.get("bundleId").asText().matches("EXP-[0-9a-f]{16}"));
      assertEquals("compliance-pack", bundle.at("/category/id").asText());
      assertEquals("Compliance Pack", bundle.at("/category/title").asText());
      assertEquals("json", bundle.at("/format/id").asText());
      assertEquals("tenant-1", bundle.at("/scope/tenantId").asText());
      JsonNode sections = bundle.get("sections");
      assertEquals(List.of("audit-findings", "drift-logs", "sla-compliance"),
          List.of(sections.get(0).get("sectionId").asText(), sections.get(1).get("sectionId").asText(),
              sections.get(2).get("sectionId").asText()));
      assertEquals("Phase 50: Audit & Governance Engine", sections.get(0).get("dataSource").asText());
      long items = 0;
      for (JsonNode s : sections) {
        items += s.get("itemCount").asLong();
        assertFalse(s.get("description").asText().isBlank());
      }
      assertTrue(items > 0, "the sample data has items in range");
      assertEquals(items, bundle.at("/metadata/totalItems").asLong());
      assertEquals(3, bundle.at("/metadata/totalSections").asInt());
      assertEquals("ana", bundle.at("/metadata/generatedBy").asText());
      assertTrue(bundle.at("/metadata/generatedAt").asText().endsWith("Z"));
      assertTrue(bundle.at("/metadata/dataSourcesUsed").size() >= 2);

      JsonNode artifact = body.get("artifact");
      assertEquals(bundle.get("bundleId").asText() + ".json", artifact.get("filename").asText());
      assertEquals("application/json", artifact.get("mimeType").asText());
      String link = artifact.get("download").asText();
      assertTrue(link.matches("/api/downloads/[A-Za-z0-9_-]{22}"), link);
      assertEquals(link, response.headers().firstValue("Location").orElseThrow());

      List<LogEntry> log = fixture.hub.log().entries();
      assertEquals(List.of("policy-decision", "export-generated"), log.stream().map(LogEntry::entryType).toList());
    }

    @Test
    @DisplayName("previews the first rows of each section: the export's first items, a cell per field of the source")
    void firstRows() throws Exception {
      JsonNode body = json(export("compliance-pack", "json"));
      JsonNode exported = JSON.readTree(get(body.at("/artifact/download").asText()).body());
      JsonNode sections = body.at("/bundle/sections");
      int previewed = 0;
      for (int s = 0; s < sections.size(); s++) {
        JsonNode section = sections.get(s);
        JsonNode items = exported.get("sections").get(s).get("items");
        List<String> columns = strings(section.get("columns"));
        JsonNode rows = section.get("rows");
        assertEquals(Math.min(ExportEndpoint.PREVIEW_ROWS, items.size()), rows.size(), section.toString());
        for (int r = 0; r < rows.size(); r++) {
          JsonNode row = rows.get(r);
          JsonNode item = items.get(r);
          assertEquals(item.get("itemId").asText(), row.get("itemId").asText());
          assertEquals(item.get("itemType").asText(), row.get("itemType").asText());
          assertEquals(item.get("timestamp").asText(), row.get("timestamp").asText());
          assertEquals(columns.size(), row.get("cells").size());
          for (int c = 0; c < columns.size(); c++) {
            JsonNode value = item.at("/data/" + columns.get(c));
            JsonNode cell = row.get("cells").get(c);
            if (value.isMissingNode()) {
              assertTrue(cell.isNull(), columns.get(c));
            } else if (value.isValueNode()) {
              assertEquals(value.asText(), cell.asText(), columns.get(c));
            } else {
              value.properties().forEach(field -> assertTrue(
                  cell.asText().contains(field.getKey() + ": " + field.getValue().asText()), cell::asText));
            }
          }
          previewed++;
        }
        if (!items.isEmpty()) {
          assertTrue(columns.containsAll(List.of("tenantId", "facilityId")), columns::toString);
        }
      }
      assertTrue(previewed > 0, "the sample data has rows to preview");
    }

    @Test
    @DisplayName("narrows an export to a facility the page offers; any other facility is 403 and exports nothing")
    void facility() throws Exception {
      String facility = ConsoleFixture.DATA.facilityIds("tenant-1").get(1);
      HttpResponse<byte[]> response = post("/api/exports",
          "{\"category\":\"alert-logs\",\"format\":\"json\",\"facility\":\"" + facility + "\"}");
      assertEquals(201, response.statusCode(), () -> text(response));
      JsonNode bundle = json(response).get("bundle");
      assertEquals(facility, bundle.at("/scope/facilityId").asText());
      JsonNode section = bundle.at("/sections/0");
      int column = strings(section.get("columns")).indexOf("facilityId");
      assertTrue(section.get("rows").size() > 0);
      for (JsonNode row : section.get("rows")) {
        assertEquals(facility, row.get("cells").get(column).asText());
      }

      int logged = fixture.hub.log().entries().size();
      HttpResponse<byte[]> other = post("/api/exports",
          "{\"category\":\"alert-logs\",\"format\":\"json\",\"facility\":\"tenant-2-fac-a\"}");
      assertProblem(other, 403, "facility-denied");
      assertEquals("Facility export access denied: 'tenant-2-fac-a' is not one of "
          + String.join(", ", ConsoleFixture.DATA.facilityIds("tenant-1")), json(other).get("message").asText());
      assertEquals(logged, fixture.hub.log().entries().size(), "nothing was read or exported");
    }

    @Test
    @DisplayName("accepts an explicit time range")
    void timeRange() throws Exception {
      HttpResponse<byte[]> response = post("/api/exports", "{\"category\":\"alert-logs\",\"format\":\"json\","
          + "\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-02T00:00:00Z\"}");
      assertEquals(201, response.statusCode(), () -> text(response));
      JsonNode bundle = json(response).get("bundle");
      assertEquals("2026-01-01T00:00:00Z", bundle.at("/timeRange/from").asText());
      assertEquals("2026-01-02T00:00:00Z", bundle.at("/timeRange/to").asText());
    }

    @Test
    @DisplayName("is 403 with every violation when policy denies, and reads nothing")
    void denied() throws Exception {
      HttpResponse<byte[]> response = export("executive-summary", "json");
      assertProblem(response, 403, "denied");
      JsonNode body = json(response);
      assertEquals(List.of("Executive-level exports require executive permissions"), strings(body.get("violations")));
      assertTrue(body.get("message").asText().startsWith("1 policy violation(s)"));

      HttpResponse<byte[]> two = post("/api/exports", "{\"category\":\"full-operational\",\"format\":\"json\","
          + "\"from\":\"2025-01-01T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}");
      assertProblem(two, 403, "denied");
      assertEquals(2, json(two).get("violations").size(), () -> text(two));

      List<LogEntry> log = fixture.hub.log().entries();
      assertEquals(List.of("policy-decision", "policy-decision"), log.stream().map(LogEntry::entryType).toList());
      assertFalse(((LogEntry.PolicyEvaluated) log.get(0)).decision().allowed());
    }

    @Test
    @DisplayName("is 403 for a facility outside the caller's tenant, whatever the resolver's scope says")
    void scopeOutsideTenant() throws Exception {
      fixture.close();
      fixture = new ConsoleFixture(b -> b.callerResolver(new CallerResolver() {
        @Override
        public dev.exporthub.api.Caller resolve(ConsoleRequest request) {
          return ConsoleFixture.AUDITOR;
        }

        @Override
        public dev.exporthub.api.ExportScope scope(ConsoleRequest request, dev.exporthub.api.Caller caller) {
          return dev.exporthub.api.ExportScope.tenant("tenant-3");
        }
      }));
      HttpResponse<byte[]> response = export("audit-findings", "json");
      assertProblem(response, 403, "denied");
      assertEquals(List.of("Cross-tenant export access denied"), strings(json(response).get("violations")));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("is 400 with a clear message for a malformed or invalid body")
    @CsvSource(delimiter = '|', textBlock = """
        not JSON                 | {"category":                                             | not valid JSON
        trailing garbage         | {"category":"audit-findings","format":"json"} x          | not valid JSON
        an array                 | ["audit-findings","json"]                                | must be a JSON object
        a string                 | "audit-findings"                                         | must be a JSON object
        empty                    | ''                                                       | must be a JSON object
        duplicate key            | {"category":"audit-findings","category":"reports","format":"json"} | not valid JSON
        unknown field            | {"category":"audit-findings","format":"json","role":"admin"} | Unknown field 'role'
        missing category         | {"format":"json"}                                        | 'category' is required
        number category          | {"category":7,"format":"json"}                           | 'category' must be a non-blank string
        blank format             | {"category":"audit-findings","format":" "}               | 'format' must be a non-blank string
        unknown category         | {"category":"everything","format":"json"}                | Unknown export category 'everything'
        malformed format         | {"category":"audit-findings","format":"JSON!"}           | Invalid export format id
        unregistered format      | {"category":"audit-findings","format":"xlsx"}            | xlsx
        only from                | {"category":"audit-findings","format":"json","from":"2026-01-01T00:00:00Z"} | both from and to
        bad instant              | {"category":"audit-findings","format":"json","from":"yesterday","to":"2026-01-02T00:00:00Z"} | ISO-8601
        inverted range           | {"category":"audit-findings","format":"json","from":"2026-01-02T00:00:00Z","to":"2026-01-01T00:00:00Z"} | inverted
        """)
    void malformed(String name, String body, String expected) throws Exception {
      HttpResponse<byte[]> response = post("/api/exports", body);
      assertProblem(response, 400, "invalid-request");
      String message = json(response).get("message").asText();
      assertTrue(message.contains(expected), () -> name + ": " + message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown category         | {"category":"everything","format":"json"}
        unregistered format      | {"category":"audit-findings","format":"xlsx"}
        malformed format         | {"category":"audit-findings","format":"JSON!"}
        inverted range           | {"category":"audit-findings","format":"json","from":"2026-01-02T00:00:00Z","to":"2026-01-01T00:00:00Z"}
        """)
    @DisplayName("an invalid request is logged once, by the hub, as one INVALID_REQUEST error, as from every surface")
    void invalidRequestLoggedOnce(String name, String body) throws Exception {
      int before = fixture.hub.log().entries().size();
      assertProblem(post("/api/exports", body), 400, "invalid-request");
      List<LogEntry> log = fixture.hub.log().entries();
      assertEquals(before + 1, log.size(), name);
      LogEntry.ExportError error = (LogEntry.ExportError) log.get(log.size() - 1);
      assertEquals("INVALID_REQUEST", error.error().errorCode(), name);
      assertTrue(fixture.hub.log().verify().valid(), name);
    }

    @Test
    @DisplayName("is 415 for a body that is not declared as JSON")
    void contentType() throws Exception {
      assertProblem(post("/api/exports", "category=audit-findings&format=json",
          "Content-Type", "application/x-www-form-urlencoded"), 415, "unsupported-media-type");
      assertProblem(post("/api/exports", "{\"category\":\"audit-findings\",\"format\":\"json\"}",
          "Content-Type", "text/plain"), 415, "unsupported-media-type");
      HttpRequest twoTypes = HttpRequest.newBuilder(uri("/api/exports"))
          .header("Content-Type", "application/json")
          .header("Content-Type", "text/plain")
          .header("Origin", origin())
          .POST(HttpRequest.BodyPublishers.ofString("{\"category\":\"audit-findings\",\"format\":\"json\"}"))
          .build();
      assertProblem(CLIENT.send(twoTypes, HttpResponse.BodyHandlers.ofByteArray()), 415, "unsupported-media-type");
      assertEquals(0, fixture.hub.log().entries().size());
    }

    @Test
    @DisplayName("is 413 for an oversized body, declared by Content-Length or streamed in chunks")
    void oversized() throws Exception {
      String padding = "x".repeat(ExportConsole.DEFAULT_MAX_REQUEST_BYTES + 1);
      String body = "{\"category\":\"audit-findings\",\"format\":\"json\",\"pad\":\"" + padding + "\"}";
      assertProblem(post("/api/exports", body), 413, "body-too-large");
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      HttpResponse<byte[]> chunked = send("/api/exports",
          HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
      assertProblem(chunked, 413, "body-too-large");
      assertEquals(0, fixture.hub.log().entries().size(), "nothing was exported");
    }

    @Test
    @DisplayName("is 422 for an export larger than the download cache, and logs the failure")
    void exportTooLarge() throws Exception {
      fixture.close();
      fixture = new ConsoleFixture(b -> b.downloadCache(4, 1024));
      assertProblem(export("full-operational", "json", "X-Test-User", "root"), 422, "export-too-large");
      List<LogEntry> log = fixture.hub.log().entries();
      assertEquals(List.of("policy-decision", "error"), log.stream().map(LogEntry::entryType).toList());
    }

    @Test
    @DisplayName("answers only POST")
    void method() throws Exception {
      HttpResponse<byte[]> response = get("/api/exports");
      assertProblem(response, 405, "method-not-allowed");
      assertEquals("POST", response.headers().firstValue("Allow").orElseThrow());
    }
  }

  @Nested
  @DisplayName("GET /api/downloads/{token}")
  class Download {

    @Test
    @DisplayName("serves the artifact as an attachment with its MIME type and logs export-downloaded")
    void download() throws Exception {
      JsonNode created = json(export("audit-findings", "json"));
      String link = created.at("/artifact/download").asText();
      HttpResponse<byte[]> file = get(link);
      assertEquals(200, file.statusCode());
      assertEquals("application/json", file.headers().firstValue("Content-Type").orElseThrow());
      String filename = created.at("/artifact/filename").asText();
      assertEquals("attachment; filename=\"" + filename + "\"",
          file.headers().firstValue("Content-Disposition").orElseThrow());
      assertEquals("nosniff", file.headers().firstValue("X-Content-Type-Options").orElseThrow());
      assertTrue(file.headers().firstValue("Content-Security-Policy").orElseThrow().contains("sandbox"));
      assertEquals(created.at("/artifact/sizeBytes").asLong(), file.body().length);
      assertEquals(created.at("/artifact/sha256").asText(), sha256(file.body()));
      JsonNode parsed = JSON.readTree(file.body());
      assertNotNull(parsed);

      LogEntry last = fixture.hub.log().entries().get(2);
      LogEntry.ExportDownloaded downloaded = (LogEntry.ExportDownloaded) last;
      assertEquals(created.at("/bundle/bundleId").asText(), downloaded.download().bundleId());
      assertEquals(filename, downloaded.download().filename());
      assertEquals(file.body().length, downloaded.download().sizeBytes());
      assertEquals("json", downloaded.download().format());
      assertEquals("ana", downloaded.downloadedBy());
      assertEquals("tenant-1", downloaded.tenantId());

      assertArrayEquals(file.body(), get(link).body(), "the same bytes again");
      assertEquals(4, fixture.hub.log().entries().size(), "each download is logged");
    }

    @Test
    @DisplayName("serves every format with the writer's MIME type")
    void everyFormat() throws Exception {
      for (var descriptor : fixture.hub.formats()) {
        JsonNode created = json(export("audit-findings", descriptor.format().id(), "X-Test-User", "root"));
        HttpResponse<byte[]> file = get(created.at("/artifact/download").asText(), "X-Test-User", "root");
        assertEquals(200, file.statusCode(), descriptor::toString);
        assertEquals(descriptor.mimeType(), file.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(file.headers().firstValue("Content-Disposition").orElseThrow()
            .endsWith(descriptor.fileSuffix() + "\""));
      }
    }

    @Test
    @DisplayName("is 404 for an unknown token, a malformed one, and another user's artifact")
    void notFound() throws Exception {
      String link = json(export("audit-findings", "json")).at("/artifact/download").asText();
      assertProblem(get("/api/downloads/AAAAAAAAAAAAAAAAAAAAAA"), 404, "not-found");
      assertProblem(get("/api/downloads/..%2F..%2Fpom.xml"), 404, "not-found");
      assertProblem(get(link, "X-Test-User", "ben"), 404, "not-found");
      assertProblem(get(link, "X-Test-User", "anonymous"), 401, "unauthenticated");
      assertEquals(2, fixture.hub.log().entries().size(), "no download was logged");
    }

    @Test
    @DisplayName("is 404 once the artifact was evicted from the bounded cache")
    void evicted() throws Exception {
      fixture.close();
      fixture = new ConsoleFixture(b -> b.downloadCache(1, ExportConsole.DEFAULT_CACHE_BYTES));
      String first = json(export("audit-findings", "json")).at("/artifact/download").asText();
      String second = json(export("alert-logs", "json")).at("/artifact/download").asText();
      assertProblem(get(first), 404, "not-found");
      assertEquals(200, get(second).statusCode());
    }
  }

  @Nested
  @DisplayName("GET /api/statistics and /api/history")
  class StatisticsAndHistory {

    @Test
    @DisplayName("count the caller's exports and downloads with 24-hour trends")
    void statistics() throws Exception {
      JsonNode empty = json(get("/api/statistics"));
      assertEquals(0, empty.get("totalExports").asLong());
      assertEquals("0.0%", empty.at("/trends/exportsChange").asText());

      String link = json(export("compliance-pack", "json")).at("/artifact/download").asText();
      get(link);
      json(export("audit-findings", "json"));

      JsonNode stats = json(get("/api/statistics"));
      assertEquals(2, stats.get("totalExports").asLong());
      assertEquals(1, stats.get("totalDownloads").asLong());
      assertEquals("+100.0%", stats.at("/trends/exportsChange").asText());
      assertEquals("+100.0%", stats.at("/trends/downloadsChange").asText());
      assertTrue(stats.get("averageSizeBytes").asDouble() > 0);
      assertEquals(4, stats.get("dataSourcesUsed").asInt(), "phases 50, 51, and 52-53 of the SLA section");
      assertEquals(1, stats.at("/byCategory/compliance-pack").asLong());
      assertEquals(2, stats.at("/byFormat/json").asLong());
    }

    @Test
    @DisplayName("show only what the caller may see")
    void visibility() throws Exception {
      json(export("audit-findings", "json", "X-Test-User", "root"));
      JsonNode mine = json(get("/api/statistics"));
      assertEquals(0, mine.get("totalExports").asLong(), "tenant-2's export is not tenant-1's business");
      assertEquals(0, json(get("/api/history")).get("exports").size());
      assertEquals(1, json(get("/api/statistics", "X-Test-User", "root")).get("totalExports").asLong());
    }

    @Test
    @DisplayName("list the last exports newest first, at most the limit")
    void history() throws Exception {
      for (String category : List.of("audit-findings", "drift-logs", "alert-logs")) {
        assertEquals(201, export(category, "json").statusCode());
      }
      JsonNode history = json(get("/api/history"));
      JsonNode exports = history.get("exports");
      assertEquals(3, exports.size());
      assertEquals(List.of("alert-logs", "drift-logs", "audit-findings"),
          List.of(exports.get(0).get("category").asText(), exports.get(1).get("category").asText(),
              exports.get(2).get("category").asText()));
      JsonNode newest = exports.get(0);
      assertEquals("Alert Logs", newest.get("categoryTitle").asText());
      assertEquals("JSON", newest.get("formatLabel").asText());
      assertEquals(1, newest.get("sections").asInt());
      assertTrue(newest.get("items").asLong() >= 0);
      assertTrue(newest.get("timestamp").asText().endsWith("Z"));
      assertEquals(2, json(get("/api/history?limit=2")).get("exports").size());
    }

    @ParameterizedTest
    @DisplayName("reject a limit that is not 1 to 100")
    @CsvSource({"0", "101", "-1", "ten", "1e2"})
    void badLimit(String limit) throws Exception {
      assertProblem(get("/api/history?limit=" + limit), 400, "invalid-request");
    }

    @Test
    @DisplayName("answer only GET; unknown endpoints are 404")
    void methods() throws Exception {
      assertProblem(post("/api/statistics", "{}"), 405, "method-not-allowed");
      assertProblem(post("/api/history", "{}"), 405, "method-not-allowed");
      assertProblem(get("/api/nothing"), 404, "not-found");
    }
  }

  // ---- cross-site and DNS rebinding ------------------------------------------------------------

  @Nested
  @DisplayName("another site")
  class OtherSites {

    private String request(String method, String path, String host, String... extra) {
      StringBuilder r = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
      for (String header : extra) {
        r.append(header).append("\r\n");
      }
      return r.append("Connection: close\r\nContent-Length: 0\r\n\r\n").toString();
    }

    @Test
    @DisplayName("cannot reach the console through another host name (DNS rebinding)")
    void host() throws Exception {
      int port = fixture.server.address().getPort();
      assertTrue(raw(request("GET", "/api/session", "127.0.0.1:" + port)).contains(" 200 "));
      assertTrue(raw(request("GET", "/api/session", "localhost:" + port)).contains(" 200 "));
      assertTrue(raw(request("GET", "/", "evil.example:" + port)).contains(" 403 "));
      assertTrue(raw(request("GET", "/api/session", "evil.example:" + port)).contains(" 403 "));
      assertTrue(raw(request("GET", "/api/session", "127.0.0.1:" + (port == 1 ? 2 : port - 1))).contains(" 403 "));
      assertTrue(raw(request("GET", "/api/session", "127.0.0.1")).contains(" 403 "));
      assertTrue(raw("GET /api/session HTTP/1.1\r\nConnection: close\r\n\r\n").contains(" 403 "), "no Host at all");
    }

    @Test
    @DisplayName("cannot create an export or read data from another origin (CSRF)")
    void crossOrigin() throws Exception {
      HttpResponse<byte[]> forged = export("audit-findings", "json", "Origin", "http://evil.example");
      assertProblem(forged, 403, "forbidden-origin");
      assertProblem(export("audit-findings", "json", "Origin", "null"), 403, "forbidden-origin");
      int port = fixture.server.address().getPort();
      assertProblem(export("audit-findings", "json", "Origin", "http://127.0.0.1:" + (port + 1)), 403,
          "forbidden-origin");
      assertProblem(get("/api/statistics", "Origin", "https://evil.example"), 403, "forbidden-origin");
      assertProblem(get("/api/history", "Sec-Fetch-Site", "cross-site"), 403, "forbidden-origin");
      assertProblem(get("/api/history", "Sec-Fetch-Site", "same-site"), 403, "forbidden-origin");
      HttpRequest twoOrigins = HttpRequest.newBuilder(uri("/api/exports"))
          .header("Content-Type", "application/json")
          .header("Origin", origin())
          .header("Origin", "http://evil.example")
          .POST(HttpRequest.BodyPublishers.ofString("{\"category\":\"audit-findings\",\"format\":\"json\"}"))
          .build();
      assertProblem(CLIENT.send(twoOrigins, HttpResponse.BodyHandlers.ofByteArray()), 403, "forbidden-origin");
      assertEquals(0, fixture.hub.log().entries().size(), "nothing was exported");
      assertEquals(201, export("audit-findings", "json", "Sec-Fetch-Site", "same-origin").statusCode());
    }

    @Test
    @DisplayName("reach it through a host the embedding application allowed")
    void allowedHost() throws Exception {
      fixture.close();
      fixture = new ConsoleFixture(b -> b.allowedHost("exports.example.com"));
      int port = fixture.server.address().getPort();
      assertTrue(raw(request("GET", "/api/session", "exports.example.com")).contains(" 200 "));
      assertTrue(raw(request("GET", "/api/session", "exports.example.com:" + port)).contains(" 403 "));
      assertEquals(201, export("audit-findings", "json", "Origin", "https://exports.example.com").statusCode());
    }
  }
}
