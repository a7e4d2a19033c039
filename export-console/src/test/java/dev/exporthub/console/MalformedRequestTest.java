package dev.exporthub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests the console cannot take at their word: each is answered by the console itself with a
 * JSON problem and the page's security headers (never a server's HTML page), then the connection
 * is closed. And the framings it does take: chunked bodies and {@code Expect: 100-continue}.
 */
@DisplayName("Malformed requests get JSON problems with the security headers")
class MalformedRequestTest {

  private static ConsoleFixture fixture;
  private static RawHttp.Response page;

  @BeforeAll
  static void start() throws IOException {
    fixture = new ConsoleFixture();
    page = HostileClientTest.page(fixture.server);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static RawHttp.Response answer(String request) throws IOException {
    try (RawHttp client = RawHttp.connect(fixture.server)) {
      RawHttp.Response response = client.send(request).read();
      assertEquals("close", response.header("Connection"), request);
      assertTrue(client.closedByServer(), request);
      return response;
    }
  }

  private static String request(String line, String extra) {
    String headers = extra == null ? "" : extra.replace("\\r\\n", "\r\n").replace("<SOH>", "\u0001") + "\r\n";
    return line + "\r\nHost: " + RawHttp.host(fixture.server) + "\r\n" + headers + "\r\n";
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("400 for a malformed request line, path, header or Content-Length")
  @CsvSource(delimiter = '|', textBlock = """
      malformed escape          | GET /%zz HTTP/1.1                 |
      illegal character         | GET /a{b} HTTP/1.1                |
      escape in the query       | GET /api/history?limit=%g1 HTTP/1.1 |
      no leading slash          | GET api/session HTTP/1.1          |
      authority-like path       | GET //evil.example/api/session HTTP/1.1 |
      absolute form             | GET http://127.0.0.1/ HTTP/1.1    |
      fragment                  | GET /#top HTTP/1.1                |
      four words                | GET /a b HTTP/1.1                 |
      no protocol               | GET /                             |
      lower-case protocol       | GET / http/1.1                    |
      method not a token        | G(T / HTTP/1.1                    |
      negative Content-Length   | POST /api/exports HTTP/1.1        | Content-Length: -1
      word as Content-Length    | POST /api/exports HTTP/1.1        | Content-Length: abc
      signed Content-Length     | POST /api/exports HTTP/1.1        | Content-Length: +5
      two Content-Length values | POST /api/exports HTTP/1.1        | Content-Length: 1, 2
      two Content-Length fields | POST /api/exports HTTP/1.1        | Content-Length: 1\\r\\nContent-Length: 2
      huge Content-Length       | POST /api/exports HTTP/1.1        | Content-Length: 99999999999999999999
      length and chunks         | POST /api/exports HTTP/1.1        | Content-Length: 2\\r\\nTransfer-Encoding: chunked
      header without colon      | GET / HTTP/1.1                    | X-Broken
      space before colon        | GET / HTTP/1.1                    | X-Broken : 1
      folded header             | GET / HTTP/1.1                    | X-Folded: 1\\r\\n  more
      control character         | GET / HTTP/1.1                    | X-Control: a<SOH>b
      """)
  void badRequest(String name, String line, String extra) throws IOException {
    HostileClientTest.assertProblem(answer(request(line, extra)), 400, "invalid-request", page);
  }

  @Test
  @DisplayName("414, 431, 501 and 505 for what is too long, too many, or not HTTP/1.1")
  void otherStatuses() throws IOException {
    HostileClientTest.assertProblem(answer("GET /" + "a".repeat(ConnectionLimits.MAX_HEAD_BYTES) + " HTTP/1.1\r\n\r\n"),
        414, "uri-too-long", page);
    HostileClientTest.assertProblem(answer(request("GET / HTTP/1.1", "X-Big: " + "b".repeat(
        ConnectionLimits.MAX_HEAD_BYTES))), 431, "headers-too-large", page);
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= ConnectionLimits.MAX_HEADER_FIELDS; i++) {
      many.add("X-Many-" + i + ": 1");
    }
    HostileClientTest.assertProblem(answer(request("GET / HTTP/1.1", String.join("\\r\\n", many))), 431,
        "headers-too-large", page);
    HostileClientTest.assertProblem(answer(request("POST /api/exports HTTP/1.1", "Transfer-Encoding: gzip")), 501,
        "not-implemented", page);
    HostileClientTest.assertProblem(answer(request("GET / HTTP/2.0", null)), 505, "http-version-not-supported",
        page);
  }

  @Test
  @DisplayName("a chunked body with extensions and a trailer is read whole; so is one after 100 Continue")
  void chunkedAndContinue() throws Exception {
    String body = "{\"category\":\"audit-findings\",\"format\":\"json\"}";
    String first = body.substring(0, 10);
    String rest = body.substring(10);
    try (RawHttp client = RawHttp.connect(fixture.server)) {
      RawHttp.Response created = client.send("POST /api/exports HTTP/1.1\r\nHost: " + RawHttp.host(fixture.server)
          + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
          + Integer.toHexString(first.length()) + ";note=1\r\n" + first + "\r\n"
          + Integer.toHexString(rest.length()) + "\r\n" + rest + "\r\n0\r\nX-Trailer: 1\r\n\r\n").read();
      assertEquals(201, created.status(), created::text);
      assertEquals(null, created.header("Connection"), "the body was read whole, so the connection stays");
      assertEquals(200, client.send(RawHttp.get(fixture.server, "/api/session")).read().status());
    }
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest expecting = HttpRequest.newBuilder(fixture.server.uri().resolve("/api/exports"))
        .timeout(Duration.ofSeconds(10)).expectContinue(true).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response = client.send(expecting, HttpResponse.BodyHandlers.ofString());
    assertEquals(201, response.statusCode(), response::body);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest streamed = HttpRequest.newBuilder(fixture.server.uri().resolve("/api/exports"))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))).build();
    assertEquals(201, client.send(streamed, HttpResponse.BodyHandlers.ofString()).statusCode());
  }

  @Test
  @DisplayName("a broken chunked body is 400, and nothing is exported")
  void brokenChunks() throws IOException {
    int before = fixture.hub.log().entries().size();
    RawHttp.Response response = answer("POST /api/exports HTTP/1.1\r\nHost: " + RawHttp.host(fixture.server)
        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
    HostileClientTest.assertProblem(response, 400, "invalid-request", page);
    assertFalse(response.json().path("message").asText().isBlank());
    assertEquals(before, fixture.hub.log().entries().size());
  }
}
