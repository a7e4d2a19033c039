package dev.exporthub.jdbc;

import java.sql.SQLException;

/**
 * The export log's database refused or failed a call of {@link JdbcLogStore}: it cannot be reached,
 * holds no log table, or the role lacks a grant. Unchecked, as the store's SPI is. The message says
 * what to do for the common causes; it quotes the server's message, never a URL or a password.
 */
public class JdbcLogException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String sqlState;

  JdbcLogException(String message, String sqlState) {
    super(message);
    this.sqlState = sqlState;
  }

  private JdbcLogException(String message, SQLException cause) {
    super(message, cause);
    this.sqlState = cause.getSQLState();
  }

  /** A failure of {@code what}, with the server's reason and, for the usual causes, the remedy. */
  static JdbcLogException of(String what, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String remedy = switch (state) {
      case "42P01" -> ": create the log's tables with 'exporthub db init', JdbcLogStore.createTables(dataSource) or "
          + JdbcLogStore.DDL_RESOURCE + ", or point the search path (currentSchema) at the log's schema";
      case "42501" -> ": the role lacks a grant; a writing role needs SELECT and INSERT on export_log and SELECT, "
          + "INSERT and UPDATE on export_log_derived (see " + JdbcLogStore.DDL_RESOURCE + ")";
      default -> "";
    };
    return new JdbcLogException(what + ": " + e.getMessage() + (state.isEmpty() ? "" : " [SQL state " + state + "]")
        + remedy, e);
  }

  /** The SQL state of the failure (e.g. {@code 42P01}: no such table), or {@code null} when none. */
  public String sqlState() {
    return sqlState;
  }
}
