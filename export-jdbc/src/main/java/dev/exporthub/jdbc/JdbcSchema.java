package dev.exporthub.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The DDL this module ships, as resources next to this class: {@value #SOURCES}, the conventional
 * layout of operational records that {@link JdbcMapping#conventional()} reads and
 * {@link JdbcLoader} fills, and {@value #LOG}, the tables of the export log. Both are idempotent
 * ({@code CREATE ... IF NOT EXISTS}), so creating a schema again changes nothing.
 */
public final class JdbcSchema {

  /** The resource of the conventional source tables. */
  public static final String SOURCES = "sources.sql";

  /** The resource of the export log's tables. */
  public static final String LOG = "export-log.sql";

  private JdbcSchema() {
  }

  /**
   * Runs {@value #SOURCES} and then {@value #LOG} (when present) in one transaction, in the
   * connection's current schema: what {@code exporthub db init} does.
   *
   * @throws SQLException when a statement fails; nothing is created then
   */
  public static void create(DataSource database) throws SQLException {
    String sources = script(SOURCES);
    String log = JdbcSchema.class.getResource(LOG) == null ? null : script(LOG);
    try (Connection connection = database.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute(sources);
        if (log != null) {
          statement.execute(log);
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  /** The text of one of this module's SQL resources. */
  static String script(String name) {
    try (InputStream in = JdbcSchema.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/exporthub/jdbc/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
