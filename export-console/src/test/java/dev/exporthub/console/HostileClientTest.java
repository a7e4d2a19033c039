package dev.exporthub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Slow, silent and greedy clients, on real sockets to 127.0.0.1. No assertion measures time: the
 * console's deadlines are set short where a test waits for one, and the clients' own timeouts
 * ({@link RawHttp#TIMEOUT_MILLIS}, a few seconds per request) only make a broken console fail the
 * test instead of hanging it.
 */
@DisplayName("The console under slow and hostile clients")
class HostileClientTest {

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  /** The security headers every answer of the console carries, as the page has them. */
  static final List<String> SECURITY_HEADERS = List.of("Content-Security-Policy", "X-Content-Type-Options",
      "X-Frame-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy");

  /** The page's own response, whose security headers every error must repeat. */
  static RawHttp.Response page(ExportConsole.Server server) throws IOException {
    try (RawHttp client = RawHttp.connect(server)) {
      return page(client, server);
    }
  }

  /** The same on a connection already open (where a test counts connections). */
  static RawHttp.Response page(RawHttp client, ExportConsole.Server server) throws IOException {
    RawHttp.Response page = client.send(RawHttp.get(server, "/")).read();
    assertEquals(200, page.status());
    return page;
  }

  /** A JSON problem with this status and code, the page's security headers and {@code no-store}. */
  static void assertProblem(RawHttp.Response response, int status, String code, RawHttp.Response page)
      throws IOException {
    assertEquals(status, response.status(), response::text);
    assertEquals(code, response.json().path("error").asText(), response::text);
    assertFalse(response.json().path("message").asText().isBlank(), "a message for the user");
    for (String header : SECURITY_HEADERS) {
      assertNotNull(page.header(header), header);
      assertEquals(page.header(header), response.header(header), header);
    }
    assertTrue(page.header("Content-Security-Policy").contains("default-src 'none'"));
    assertEquals("nosniff", response.header("X-Content-Type-Options"));
    assertEquals("no-store", response.header("Cache-Control"));
  }

  private static HttpResponse<String> session(ExportConsole.Server server) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/api/session"))
        .timeout(Duration.ofSeconds(5)).GET().build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Nested
  @DisplayName("slow clients")
  class Slow {

    @Test
    @DisplayName("20 sockets sending partial or trickling heads hold no worker: 50 requests of a normal client go through")
    void slowSocketsDoNotStarveOthers() throws Exception {
      try (ConsoleFixture fixture = new ConsoleFixture(b -> b.maxConnectionsPerAddress(64))) {
        ExportConsole.Server server = fixture.server;
        List<RawHttp> slow = new ArrayList<>();
        ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
        try {
          for (int i = 0; i < 20; i++) {
            // Half a request: the request line and a header line that never ends.
            slow.add(RawHttp.connect(server).send("GET /api/session HTTP/1.1\r\nHost: "
                + RawHttp.host(server) + "\r\nX-Slow: " + i));
          }
          List<RawHttp> trickling = slow.subList(10, 20);
          trickler.scheduleWithFixedDelay(() -> trickling.forEach(HostileClientTest::trickle), 200, 200,
              TimeUnit.MILLISECONDS);
          for (int i = 0; i < 50; i++) {
            HttpResponse<String> response = session(server);
            assertEquals(200, response.statusCode(), response::body);
            assertTrue(response.body().contains("\"user\":\"ana\""), response::body);
          }
        } finally {
          trickler.shutdownNow();
          assertTrue(trickler.awaitTermination(5, TimeUnit.SECONDS));
          for (RawHttp client : slow) {
            client.close();
          }
        }
      }
    }

    @Test
    @DisplayName("a partial header line, then silence, is answered 408 and closed at the head deadline")
    void partialHeaderThenSilence() throws Exception {
      try (ConsoleFixture fixture = new ConsoleFixture(b -> b.headTimeout(Duration.ofMillis(300)));
          RawHttp client = RawHttp.connect(fixture.server)) {
        RawHttp.Response page = page(fixture.server);
        client.send("GET /api/session HTTP/1.1\r\nHost: " + RawHttp.host(fixture.server) + "\r\nX-Half");
        assertProblem(client.read(), 408, "request-timeout", page);
        assertTrue(client.closedByServer(), "closed after the answer");
      }
    }

    @Test
    @DisplayName("a head trickled a line at a time is cut at the head deadline, however steadily it comes")
    void tricklingHead() throws Exception {
      try (ConsoleFixture fixture = new ConsoleFixture(b -> b.headTimeout(Duration.ofMillis(500)));
          RawHttp client = RawHttp.connect(fixture.server)) {
        RawHttp.Response page = page(fixture.server);
        client.send("GET /api/session HTTP/1.1\r\nHost: " + RawHttp.host(fixture.server));
        // Bounded: 100 lines 100 ms apart; the console must have answered long before.
        for (int line = 0; line < 100 && !client.answered(); line++) {
          client.send("\r\nX-Trickle-" + line + ": 1");
          Thread.sleep(100);
        }
        assertTrue(client.answered(), "the console cut the trickle");
        assertProblem(client.read(), 408, "request-timeout", page);
        assertTrue(client.closedByServer());
      }
    }

    @Test
    @DisplayName("a connection that never sends a byte is closed at the head deadline, without an answer")
    void silentConnection() throws Exception {
      try (ConsoleFixture fixture = new ConsoleFixture(b -> b.headTimeout(Duration.ofMillis(300)));
          RawHttp client = RawHttp.connect(fixture.server)) {
        assertTrue(client.closedByServer());
      }
    }

    @Test
    @DisplayName("a body that stops short is answered 408 at the body deadline, with the security headers")
    void bodyDeadline() throws Exception {
      try (ConsoleFixture fixture = new ConsoleFixture(b -> b.bodyTimeout(Duration.ofMillis(300)));
          RawHttp client = RawHttp.connect(fixture.server)) {
        RawHttp.Response page = page(fixture.server);
        client.send("POST /api/exports HTTP/1.1\r\nHost: " + RawHttp.host(fixture.server)
            + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"category\"");
        RawHttp.Response response = client.read();
        assertProblem(response, 408, "request-timeout", page);
        assertEquals("close", response.header("Connection"));
        assertTrue(client.closedByServer());
        assertEquals(0, fixture.hub.log().entries().size(), "nothing was exported");
      }
    }
  }

  @Nested
  @DisplayName("clients that do not read")
  class Unread {

    @Test
    @DisplayName("a client that stops reading its responses is dropped at the write timeout, freeing the worker")
    void unreadResponses() throws Exception {
      try (ConsoleFixture fixture = new ConsoleFixture(b -> b.threads(1).writeTimeout(Duration.ofMillis(300)));
          Socket greedy = new Socket()) {
        ExportConsole.Server server = fixture.server;
        greedy.setReceiveBufferSize(4096); // a window that stays shut: the console's writes must stall
        greedy.connect(new InetSocketAddress(server.address().getAddress(), server.address().getPort()), 5000);
        greedy.setSoTimeout(RawHttp.TIMEOUT_MILLIS);
        int requests = 1000; // 1000 pipelined scripts of 14 KB: far more than any socket buffers hold
        byte[] pipelined = RawHttp.get(server, "/assets/console.js").repeat(requests)
            .getBytes(StandardCharsets.ISO_8859_1);
        OutputStream out = greedy.getOutputStream();
        out.write(RawHttp.get(server, "/api/session").getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(new String(greedy.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1).endsWith("200"),
            "admitted and counted");
        Thread sender = new Thread(() -> {
          try {
            out.write(pipelined);
          } catch (IOException e) {
            // the console dropped the connection: the point of the test
          }
        }, "test-greedy-sender");
        sender.start();
        // Nothing reads the answers, so the one worker stalls writing them until the write timeout
        // drops the connection; bounded, since a console without the timeout never does.
        for (int i = 0; i < 100 && server.openConnections() > 0; i++) {
          Thread.sleep(100);
        }
        assertEquals(0, server.openConnections(), "the client that does not read was dropped");
        HttpResponse<String> other = session(server); // and the worker is free for others
        assertEquals(200, other.statusCode(), other::body);
        long received = drain(greedy.getInputStream());
        assertTrue(received < (long) requests * 14_000, "dropped before all answers went out: " + received);
        greedy.shutdownOutput(); // ends the sender's write, if the console's close did not already
        sender.join(RawHttp.TIMEOUT_MILLIS);
        assertFalse(sender.isAlive());
      }
    }

    // Reads until the console's close shows (end of stream or reset); fails on a read that times out.
    private long drain(InputStream in) throws IOException {
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      try {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          total += n;
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the console kept the connection of a client that does not read", e);
      } catch (SocketException e) {
        // reset: the console closed with the client's requests unread, as it may
      }
      return total;
    }
  }

  private static void trickle(RawHttp client) {
    try {
      client.send("\r\nX-Trickle: 1");
    } catch (IOException e) {
      // the console closed it at the head deadline, as it should
    }
  }

  @Nested
  @DisplayName("keep-alive")
  class KeepAlive {

    @Test
    @DisplayName("a kept-alive connection is closed once idle for the idle timeout")
    void idleClosed() throws Exception {
      try (ConsoleFixture fixture = new ConsoleFixture(b -> b.idleTimeout(Duration.ofMillis(300)));
          RawHttp client = RawHttp.connect(fixture.server)) {
        RawHttp.Response first = client.send(RawHttp.get(fixture.server, "/api/session")).read();
        assertEquals(200, first.status(), first::text);
        assertEquals(null, first.header("Connection"), "kept alive");
        assertTrue(client.closedByServer(), "closed when idle");
      }
    }

    @Test
    @DisplayName("one connection carries several requests, pipelined ones included, in order")
    void pipelined() throws Exception {
      try (ConsoleFixture fixture = new ConsoleFixture(); RawHttp client = RawHttp.connect(fixture.server)) {
        client.send(RawHttp.get(fixture.server, "/api/session") + RawHttp.get(fixture.server, "/api/history"));
        assertTrue(client.read().text().contains("\"user\""));
        assertTrue(client.read().text().contains("\"exports\""));
        RawHttp.Response third = client.send(RawHttp.get(fixture.server, "/assets/favicon.svg")).read();
        assertEquals(200, third.status());
        RawHttp.Response last = client.send(RawHttp.get(fixture.server, "/api/session", "Connection: close")).read();
        assertEquals("close", last.header("Connection"));
        assertTrue(client.closedByServer());
      }
    }

    @Test
    @DisplayName("the answer to HEAD has no body, so the next request on the connection is read right")
    void head() throws Exception {
      try (ConsoleFixture fixture = new ConsoleFixture(); RawHttp client = RawHttp.connect(fixture.server)) {
        RawHttp.Response head = client.send(RawHttp.get(fixture.server, "/").replaceFirst("GET", "HEAD")).readHead();
        assertEquals(405, head.status());
        assertTrue(Integer.parseInt(head.header("Content-Length")) > 0);
        assertEquals(200, client.send(RawHttp.get(fixture.server, "/api/session")).read().status());
      }
    }
  }

  @Nested
  @DisplayName("connection caps")
  class Caps {

    @Test
    @DisplayName("an address past its cap gets 429 and is closed, while its open connections are still served")
    void perAddress() throws Exception {
      try (ConsoleFixture fixture = new ConsoleFixture(b -> b.maxConnectionsPerAddress(3)
          .headTimeout(Duration.ofMinutes(1)))) {
        ExportConsole.Server server = fixture.server;
        List<RawHttp> held = new ArrayList<>();
        try {
          for (int i = 0; i < 3; i++) {
            held.add(RawHttp.connect(server));
          }
          RawHttp.Response page = page(held.get(0), server);
          // The front accepts in arrival order, so the three above hold the slots.
          try (RawHttp excess = RawHttp.connect(server)) {
            assertProblem(excess.read(), 429, "too-many-connections", page);
            assertTrue(excess.closedByServer());
          }
          for (RawHttp client : held) {
            assertEquals(200, client.send(RawHttp.get(server, "/api/session")).read().status());
          }
          RawHttp first = held.remove(0);
          first.send(RawHttp.get(server, "/api/session", "Connection: close")).read();
          assertTrue(first.closedByServer());
          first.close();
          assertEquals(200, admittedAgain(server), "a released slot is free again");
        } finally {
          for (RawHttp client : held) {
            client.close();
          }
        }
      }
    }

    // The console sees the client's close a moment after the client made it: a few tries, bounded.
    private int admittedAgain(ExportConsole.Server server) throws Exception {
      int status = 0;
      for (int attempt = 0; attempt < 50 && status != 200; attempt++) {
        try (RawHttp client = RawHttp.connect(server)) {
          status = client.send(RawHttp.get(server, "/api/session")).read().status();
        }
        if (status != 200) {
          Thread.sleep(100);
        }
      }
      return status;
    }

    @Test
    @DisplayName("past the cap of all connections, a new one gets 503 and is closed")
    void total() throws Exception {
      try (ConsoleFixture fixture = new ConsoleFixture(b -> b.maxConnections(2).maxConnectionsPerAddress(2)
          .headTimeout(Duration.ofMinutes(1)))) {
        try (RawHttp one = RawHttp.connect(fixture.server); RawHttp two = RawHttp.connect(fixture.server);
            RawHttp three = RawHttp.connect(fixture.server)) {
          RawHttp.Response page = page(one, fixture.server);
          assertProblem(three.read(), 503, "unavailable", page);
          assertTrue(three.closedByServer());
          assertEquals(200, one.send(RawHttp.get(fixture.server, "/api/session")).read().status());
          assertEquals(200, two.send(RawHttp.get(fixture.server, "/api/session")).read().status());
        }
      }
    }
  }

  @Nested
  @DisplayName("stopping")
  class Stopping {

    @Test
    @DisplayName("close() closes every connection and ends every thread the console named")
    void closeEndsEverything() throws Exception {
      ConsoleFixture fixture = new ConsoleFixture();
      String prefix = "export-console-" + fixture.server.address().getPort() + "-";
      try (RawHttp idle = RawHttp.connect(fixture.server); RawHttp partial = RawHttp.connect(fixture.server)) {
        assertEquals(200, idle.send(RawHttp.get(fixture.server, "/api/session")).read().status());
        partial.send("GET / HTTP/1.1\r\nHost: " + RawHttp.host(fixture.server));
        assertTrue(threads(prefix).contains(prefix + "front"), () -> threads(prefix).toString());
        assertTrue(threads(prefix).contains(prefix + "1"), () -> threads(prefix).toString());
        fixture.close();
        assertTrue(idle.closedByServer());
        assertTrue(partial.closedByServer());
      }
      // Threads that finished their work may take a moment to be gone; bounded.
      for (int i = 0; i < 50 && !threads(prefix).isEmpty(); i++) {
        Thread.sleep(100);
      }
      assertEquals(List.of(), threads(prefix));
    }

    private List<String> threads(String prefix) {
      return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
          .filter(name -> name.startsWith(prefix)).sorted().toList();
    }
  }
}
