package dev.exporthub.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * A schema of its own on the test server, dropped on {@link #close()}. The server is the one
 * {@code .ci/postgres.sh} starts; its URLs come from {@code EXPORTHUB_TEST_JDBC_URL} (a plain role)
 * and {@code EXPORTHUB_TEST_JDBC_ADMIN_URL} (a superuser). With {@code CI=true} a missing server
 * fails the test; elsewhere the test is skipped with one line saying how to start one.
 *
 * @param schema the schema's name
 * @param url    the plain role's URL with {@code currentSchema} set to the schema
 * @param admin  the superuser's URL with {@code currentSchema} set to the schema
 */
record TestDatabase(String schema, String url, String admin) implements AutoCloseable {

  static final String URL_VARIABLE = "EXPORTHUB_TEST_JDBC_URL";
  static final String ADMIN_URL_VARIABLE = "EXPORTHUB_TEST_JDBC_ADMIN_URL";

  /** A new, empty schema. */
  static TestDatabase create() {
    String base = System.getenv(URL_VARIABLE);
    String adminBase = System.getenv(ADMIN_URL_VARIABLE);
    if (base == null || adminBase == null) {
      String how = "no PostgreSQL test server: run eval \"$(.ci/postgres.sh)\" (as root) to start one and set "
          + URL_VARIABLE + " and " + ADMIN_URL_VARIABLE;
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(how);
      }
      Assumptions.abort(how);
    }
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    TestDatabase database = new TestDatabase(schema, withSchema(base, schema), withSchema(adminBase, schema));
    database.execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + user(base));
    return database;
  }

  /** A data source of the plain role, in this schema. */
  DataSource dataSource() {
    return UrlDataSource.of(url, null);
  }

  /** A data source of the superuser, in this schema. */
  DataSource adminDataSource() {
    return UrlDataSource.of(admin, null);
  }

  /** Runs statements as the superuser. */
  void execute(String... statements) {
    try (Connection c = adminDataSource().getConnection(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  private static String withSchema(String url, String schema) {
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  private static String user(String url) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]user=([^&]+)").matcher(url);
    if (!m.find()) {
      throw new IllegalStateException(URL_VARIABLE + " must name its user: ...?user=NAME");
    }
    return m.group(1);
  }
}
