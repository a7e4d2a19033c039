package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.LogEntry;
import dev.exporthub.core.log.ExportLog;
import dev.exporthub.core.log.FileLogStore;
import dev.exporthub.samples.SampleData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("exporthub console")
class ConsoleCommandTest {

  private static final Pattern ADDRESS = Pattern.compile("at (http://127\\.0\\.0\\.1:[0-9]+/)");

  @TempDir
  Path dir;

  @Test
  @DisplayName("serves the console for the user of the flags, logs exports and downloads, and stops when interrupted")
  void serves() throws Exception {
    SampleData.defaults().writeDataDirectory(dir.resolve("data"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AtomicInteger code = new AtomicInteger(-1);
    Thread command = new Thread(() -> code.set(Main.run(new String[] {"console", "--data", "data", "--port", "0",
        "--user", "ana", "--user-tenant", "tenant-1", "--facility", "tenant-1-fac-a", "--role", "auditor",
        "--permission", "export:bundle-formats", "--now", Cli.NOW, "--log", "log.jsonl"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), dir)));
    command.start();
    URI base = null;
    for (int i = 0; i < 300 && base == null; i++) {
      Matcher m = ADDRESS.matcher(out.toString(StandardCharsets.UTF_8));
      if (m.find()) {
        base = URI.create(m.group(1));
      } else {
        Thread.sleep(50);
      }
    }
    assertTrue(base != null, () -> "printed its address: " + out + err);

    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> session = client.send(HttpRequest.newBuilder(base.resolve("/api/session")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, session.statusCode());
    assertTrue(session.body().contains("\"user\":\"ana\"") && session.body().contains("\"facility\":\"tenant-1-fac-a\""),
        session.body());

    String origin = base.toString().substring(0, base.toString().length() - 1);
    HttpResponse<String> created = client.send(HttpRequest.newBuilder(base.resolve("/api/exports"))
        .header("Content-Type", "application/json").header("Origin", origin)
        .POST(HttpRequest.BodyPublishers.ofString("{\"category\":\"compliance-pack\",\"format\":\"json\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(201, created.statusCode(), created.body());
    assertTrue(created.body().contains("\"totalItems\":"), created.body());
    String link = created.headers().firstValue("Location").orElseThrow();
    HttpResponse<byte[]> file = client.send(HttpRequest.newBuilder(base.resolve(link)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, file.statusCode());

    command.interrupt();
    command.join(Duration.ofSeconds(20).toMillis());
    assertEquals(0, code.get(), () -> out + "\n" + err);

    try (FileLogStore store = FileLogStore.open(dir.resolve("log.jsonl"))) {
      ExportLog log = new ExportLog(store);
      assertTrue(log.verify().valid());
      assertEquals(List.of("policy-decision", "export-generated", "export-downloaded"),
          log.entries().stream().map(LogEntry::entryType).toList());
      assertTrue(log.entries().get(1).timestamp().toString().startsWith("2026-01-15T12:0"),
          "the clock started at --now");
    }
  }

  @Test
  @DisplayName("is a usage error without a user or with a missing data directory")
  void usage() {
    Cli.Run noUser = Cli.run(dir, "console", "--data", ".", "--user-tenant", "tenant-1");
    assertEquals(2, noUser.code(), noUser::toString);
    assertTrue(noUser.err().contains("--user"), noUser::toString);
    Cli.Run noData = Cli.run(dir, "console", "--data", "missing", "--user", "ana", "--user-tenant", "tenant-1");
    assertEquals(2, noData.code(), noData::toString);
    assertTrue(noData.err().contains("does not exist"), noData::toString);
  }

  @Test
  @DisplayName("one scan finds the tenant's facilities and whether the default 30 days hold its data")
  void scansTheTenantsData() throws java.io.IOException {
    SampleData sample = SampleData.defaults();
    sample.writeDataDirectory(dir.resolve("data"));
    java.time.Instant now = java.time.Instant.parse(Cli.NOW);
    try (dev.exporthub.core.source.DataDirectorySource source =
        dev.exporthub.core.source.DataDirectorySource.open(dir.resolve("data"))) {
      ConsoleCommand.TenantData recent = ConsoleCommand.TenantData.scan(source, "tenant-1", now);
      assertTrue(recent.recent());
      java.util.SortedSet<String> expected = new java.util.TreeSet<>();
      for (dev.exporthub.api.source.SourceType type : dev.exporthub.api.source.SourceType.values()) {
        sample.records(type).filter(r -> r.tenantId().equals("tenant-1") && r.facilityId() != null)
            .forEach(r -> expected.add(r.facilityId()));
      }
      assertTrue(expected.size() > 1, expected::toString);
      assertEquals(expected, recent.facilities());
      assertTrue(!ConsoleCommand.TenantData.scan(source, "tenant-1", now.plus(Duration.ofDays(60))).recent());
      assertEquals(new java.util.TreeSet<>(), ConsoleCommand.TenantData.scan(source, "nobody", now).facilities());
    }
  }
}
