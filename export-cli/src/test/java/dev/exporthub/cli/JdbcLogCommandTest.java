package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.exporthub.jdbc.JdbcLogStore;
import dev.exporthub.jdbc.UrlDataSource;
import java.nio.file.Path;
import java.sql.Connection;
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
 * {@code --log jdbc:...}: the commands append to and read the log table on PostgreSQL as they do a
 * file; {@code log verify} finds rows changed, deleted or inserted by hand; no password is ever shown.
 * The server is the one {@code .ci/postgres.sh} starts (as for export-jdbc's tests).
 */
class JdbcLogCommandTest {

  @TempDir
  Path work;

  private Path data;
  private String schema;
  private String url;      // the plain role's, with its password and currentSchema
  private String adminUrl; // the superuser's, for the intruder

  @BeforeEach
  void schemaWithLogTables() {
    String base = System.getenv("EXPORTHUB_TEST_JDBC_URL");
    String adminBase = System.getenv("EXPORTHUB_TEST_JDBC_ADMIN_URL");
    if (base == null || adminBase == null) {
      String how = "no PostgreSQL test server: run eval \"$(.ci/postgres.sh)\" (as root) to start one";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(how);
      }
      Assumptions.abort(how);
    }
    schema = "c_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    url = base + "&currentSchema=" + schema;
    adminUrl = adminBase + "&currentSchema=" + schema;
    String user = base.replaceAll(".*[?&]user=([^&]+).*", "$1");
    admin("CREATE SCHEMA " + schema + " AUTHORIZATION " + user);
    JdbcLogStore.createTables(UrlDataSource.of(url, null));
    data = Fixtures.sampleData(work.resolve("data"));
  }

  @AfterEach
  void dropSchema() {
    if (schema != null) {
      admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private void admin(String... statements) {
    try (Connection c = UrlDataSource.of(adminUrl.replace("&currentSchema=" + schema, ""), null).getConnection();
        Statement s = c.createStatement()) {
      s.execute("SET search_path TO " + schema);
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private Cli.Run export(String category) {
    return Cli.run(work, "export", "--data", data.toString(), "--category", category, "--format", "json",
        "--out", work.toString(), "--user", "ana", "--user-tenant", "tenant-1", "--log", url, "--now", Cli.NOW);
  }

  private void twoExports() {
    for (String category : new String[] {"audit-findings", "alert-logs"}) {
      Cli.Run run = export(category);
      assertEquals(0, run.code(), run::toString);
      assertFalse(run.toString().contains("password=exporthub_test"), run::toString);
    }
  }

  @Test
  @DisplayName("export appends to the table, and every log command reads it: verify, head, stats, export, "
      + "checkpoint, prove")
  void everyCommand() {
    twoExports();
    Cli.Run verify = Cli.run(work, "log", "verify", "--log", url);
    assertEquals(0, verify.code(), verify::toString);
    assertTrue(verify.out().startsWith("OK jdbc:postgresql://"), verify::toString);
    assertTrue(verify.out().contains("6 entries checked, 6 valid"), verify::toString);
    assertTrue(verify.out().contains("password=***"), "the URL is shown without its password: " + verify);

    Cli.Run head = Cli.run(work, "log", "head", "--log", url);
    assertTrue(head.out().strip().matches("6:[0-9a-f]{64}"), head::toString);
    assertEquals(0, Cli.run(work, "log", "verify", "--log", url, "--checkpoint", head.out().strip()).code());

    Cli.Run stats = Cli.run(work, "log", "stats", "--log", url, "--json", "--now", Cli.NOW);
    assertEquals(0, stats.code(), stats::toString);
    assertTrue(stats.out().replace(" ", "").contains("\"totalExports\":2,"), stats::toString);

    Cli.Run json = Cli.run(work, "log", "export", "--log", url, "--format", "json");
    assertEquals(0, json.code(), json::toString);
    assertEquals(6, json.out().lines().filter(line -> line.contains("\"hash\":")).count(), json::toString);

    assertEquals(0, Cli.run(work, "keygen", "--out", "keys").code());
    Cli.Run checkpoint = Cli.run(work, "log", "checkpoint", "--log", url, "--sign-key", "keys/exporthub-signing.key",
        "--out", "checkpoint.txt");
    assertEquals(0, checkpoint.code(), checkpoint::toString);
    Cli.Run prove = Cli.run(work, "log", "prove", "--log", url, "--sequence", "3", "--checkpoint", "checkpoint.txt",
        "--out", "receipt.json");
    assertEquals(0, prove.code(), prove::toString);
    Cli.Run receipt = Cli.run(work, "log", "verify-receipt", "receipt.json", "--public-key",
        "keys/exporthub-signing.pub");
    assertEquals(0, receipt.code(), receipt::toString);
  }

  @Test
  @DisplayName("log verify exits 1 for a row changed by SQL, with the trigger dropped by a superuser")
  void update() {
    twoExports();
    admin("DROP TRIGGER export_log_append_only ON export_log",
        "UPDATE export_log SET line = replace(line, '\"ana\"', '\"eve\"') WHERE position = 2");
    tampered("entry 2: HASH_MISMATCH");
  }

  @Test
  @DisplayName("log verify exits 1 for a row deleted by SQL, with the trigger dropped by a superuser")
  void delete() {
    twoExports();
    admin("DROP TRIGGER export_log_append_only ON export_log", "DELETE FROM export_log WHERE position = 3");
    tampered("entry 3: MISSING");
  }

  @Test
  @DisplayName("log verify exits 1 for a row inserted by SQL")
  void insert() {
    twoExports();
    admin("INSERT INTO export_log (position, line) SELECT 7, replace(line, '\"sequence\":6', '\"sequence\":7') "
        + "FROM export_log WHERE position = 6");
    tampered("entry 7: HASH_MISMATCH");
  }

  private void tampered(String problem) {
    Cli.Run verify = Cli.run(work, "log", "verify", "--log", url);
    assertEquals(1, verify.code(), verify::toString);
    assertTrue(verify.out().contains(problem), verify::toString);
    assertTrue(verify.err().contains("does not verify"), verify::toString);
    assertFalse(verify.toString().contains("password=exporthub_test"), verify::toString);
  }

  @Test
  @DisplayName("no password in errors, even with --verbose: a server that cannot be reached, a schema without a log")
  void passwordsNeverShown() {
    String unreachable = "jdbc:postgresql://127.0.0.1:1/nowhere?user=ana&password=s3cret-pw&connectTimeout=2";
    for (String[] args : new String[][] {
        {"log", "verify", "--log", unreachable},
        {"--verbose", "log", "stats", "--log", unreachable},
        {"--verbose", "log", "head", "--log", url.replace(schema, "no_such_schema")},
    }) {
      Cli.Run run = Cli.run(work, args);
      assertEquals(1, run.code(), run::toString);
      assertFalse(run.toString().contains("s3cret-pw"), run::toString);
      assertFalse(run.toString().contains("password=exporthub_test"), run::toString);
    }
    Cli.Run noLog = Cli.run(work, "log", "head", "--log", url.replace(schema, "no_such_schema"));
    assertTrue(noLog.err().contains("JdbcLogStore.createTables") && noLog.err().contains("password=***"),
        noLog::toString);
    Cli.Run export = Cli.run(work, "--verbose", "export", "--data", data.toString(), "--category", "audit-findings",
        "--format", "json", "--out", work.toString(), "--user", "ana", "--user-tenant", "tenant-1", "--log",
        unreachable);
    assertEquals(1, export.code(), export::toString);
    assertFalse(export.toString().contains("s3cret-pw"), export::toString);
  }
}
