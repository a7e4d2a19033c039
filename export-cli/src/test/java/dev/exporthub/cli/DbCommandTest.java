package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.exporthub.samples.SampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db init}, {@code db load} and {@code export --data jdbc:...}, end to end on the test server
 * of {@code .ci/postgres.sh} (a schema per test; with {@code CI=true} a missing server fails).
 */
class DbCommandTest {

  @TempDir
  Path dir;

  private String url;
  private String admin;
  private String schema;

  @BeforeEach
  void schema() throws SQLException {
    String base = System.getenv("EXPORTHUB_TEST_JDBC_URL");
    admin = System.getenv("EXPORTHUB_TEST_JDBC_ADMIN_URL");
    if (base == null || admin == null) {
      String how = "no PostgreSQL test server: run eval \"$(.ci/postgres.sh)\" (as root)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(how);
      }
      Assumptions.abort(how);
    }
    schema = "c_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    url = base + "&currentSchema=" + schema;
    sql("CREATE SCHEMA " + schema + " AUTHORIZATION exporthub_test");
  }

  @AfterEach
  void drop() throws SQLException {
    if (schema != null) {
      sql("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(admin + "&currentSchema=" + schema);
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private Cli.Run export(String data, String out) {
    return Cli.run(dir, "export", "--data", data, "--category", "full-operational", "--format", "json",
        "--out", out, "--user", "ana", "--user-tenant", "tenant-1", "--role", "admin", "--now", Cli.NOW,
        "--log", dir.resolve("export.log").toString());
  }

  @Test
  @DisplayName("db init twice, db load twice, and export --data jdbc: writes what export --data DIR writes")
  void initLoadExport() throws Exception {
    Path data = dir.resolve("data");
    SampleData.builder().seed(5).size(300).now(java.time.Instant.parse(Cli.NOW)).build().writeDataDirectory(data);
    for (int i = 0; i < 2; i++) {
      Cli.Run init = Cli.run(dir, "db", "init", "--jdbc", url);
      assertEquals(0, init.code(), init.toString());
      Cli.Run load = Cli.run(dir, "db", "load", "--data", data.toString(), "--jdbc", url);
      assertEquals(0, load.code(), load.toString());
      assertTrue(load.out().startsWith("Loaded 300 records from "), load.out());
      assertFalse(load.out().contains("password=exporthub_test"), load.out());
    }
    assertEquals(0, export(data.toString(), "files.json").code());
    Cli.Run fromDatabase = export(url, "db.json");
    assertEquals(0, fromDatabase.code(), fromDatabase.toString());
    assertFalse(fromDatabase.out().contains("exporthub_test&"), fromDatabase.out());
    assertArrayEquals(Files.readAllBytes(dir.resolve("files.json")), Files.readAllBytes(dir.resolve("db.json")));
  }

  @Test
  @DisplayName("a bad row exits 4 naming table, id and column, and writes nothing")
  void badRowExits4() throws Exception {
    assertEquals(0, Cli.run(dir, "db", "init", "--jdbc", url).code());
    sql("INSERT INTO alerts (alert_id, severity, category, status, created_at, tenant_id)"
        + " VALUES ('AL-1', NULL, 'network', 'open', '2026-01-10T00:00:00Z', 'tenant-1')");
    Cli.Run run = export(url, "bad.json");
    assertEquals(ExitCodes.INVALID_DATA, run.code(), run.toString());
    assertTrue(run.err().contains("table alerts 'AL-1' field 'severity': is NULL"), run.err());
    assertFalse(Files.exists(dir.resolve("bad.json")));
  }

  @Test
  @DisplayName("a wrong password is never shown, not even with --verbose")
  void passwordNeverShown() {
    String wrong = url.replace("password=exporthub_test", "password=s3cret-wrong");
    Cli.Run run = Cli.run(dir, "--verbose", "export", "--data", wrong, "--category", "alert-logs", "--format", "json",
        "--out", "x.json", "--user", "ana", "--user-tenant", "tenant-1", "--log", dir.resolve("l.log").toString());
    assertEquals(ExitCodes.FAILED, run.code(), run.toString());
    assertFalse(run.err().contains("s3cret") || run.out().contains("s3cret"), run.toString());
    Cli.Run init = Cli.run(dir, "--verbose", "db", "init", "--jdbc", wrong);
    assertFalse(init.err().contains("s3cret") || init.out().contains("s3cret"), init.toString());
  }
}
