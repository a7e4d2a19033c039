package dev.exporthub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.Caller;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.TenantDirectory;
import dev.exporthub.core.ExportHub;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The embedding example of {@code docs/CONSOLE.md} (or of the README, once merged there), compiled
 * and run: the document's code block must be exactly the lines between the markers below.
 */
class ConsoleDocExampleTest {

  private static final String MARKER =
      "<!-- console-example: export-console/src/test/java/dev/exporthub/console/ConsoleDocExampleTest.java -->";

  /** Stands for the host's session store: session token to caller. */
  private final Map<String, Caller> sessions = Map.of("s3cr3t", Caller.of("ana", "tenant-1", "auditor", Set.of()));

  @Test
  @DisplayName("the documented embedding compiles, serves the signed-in user, and is the same text as this test")
  void embedding() throws Exception {
    OperationalDataSource source = ConsoleFixture.DATA;
    TenantDirectory directory = ConsoleFixture.DATA.tenantDirectory();
    int port = 0;

    // CONSOLE.md:begin
    ExportHub hub = ExportHub.builder()
        .dataSource(source)
        .tenantDirectory(directory)
        .build();

    // Who is asking: the host's own session, found from the request's cookie.
    CallerResolver signedIn = request -> request.cookie("SESSION")
        .map(sessions::get)           // your session store: token -> Caller
        .orElse(null);                // no session: the console answers 401

    ExportConsole console = ExportConsole.builder(hub)
        .callerResolver(signedIn)
        .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))   // e.g. 8080
        .tenantDirectory(directory)   // federation members see their federation's history
        .build();

    try (ExportConsole.Server server = console.start()) {
      System.out.println("Export console at " + server.uri());
      serveUntilShutdown(server);     // your application's own lifecycle
    }
    // CONSOLE.md:end

    assertEquals(example(), documentBlock(), "the document's embedding example must be this test's code, verbatim");
  }

  private static void serveUntilShutdown(ExportConsole.Server server) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(server.uri().resolve("/api/session"))
        .header("Cookie", "theme=dark; SESSION=s3cr3t").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, signedIn.statusCode());
    assertTrue(signedIn.body().contains("\"user\":\"ana\""), signedIn.body());
    HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(server.uri().resolve("/api/session")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonymous.statusCode());
  }

  private static List<String> example() throws IOException {
    List<String> lines = Files.readAllLines(
        Path.of("src/test/java/dev/exporthub/console/ConsoleDocExampleTest.java"), StandardCharsets.UTF_8);
    int begin = lines.indexOf("    // CONSOLE.md:begin");
    int end = lines.indexOf("    // CONSOLE.md:end");
    List<String> code = new ArrayList<>();
    for (String line : lines.subList(begin + 1, end)) {
      code.add(line.length() >= 4 ? line.substring(4) : line);
    }
    return code;
  }

  /** The first java code block after the marker, in docs/CONSOLE.md or in the README. */
  private static List<String> documentBlock() throws IOException {
    for (Path document : List.of(Path.of("../docs/CONSOLE.md"), Path.of("../README.md"))) {
      if (!Files.exists(document)) {
        continue;
      }
      List<String> lines = Files.readAllLines(document, StandardCharsets.UTF_8);
      int marker = lines.indexOf(MARKER);
      if (marker >= 0) {
        int open = lines.subList(marker, lines.size()).indexOf("```java") + marker;
        int close = lines.subList(open + 1, lines.size()).indexOf("```") + open + 1;
        return lines.subList(open + 1, close);
      }
    }
    throw new AssertionError("Neither docs/CONSOLE.md nor README.md has the marker " + MARKER);
  }
}
