package dev.exporthub.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link DataSource} made from a JDBC URL, opening a new connection per call through
 * {@link DriverManager}: what the command line uses. A host passes its own pool instead.
 *
 * <p>The password comes from the URL's {@code password} parameter or, when the URL has none, from
 * the environment variable {@value #PASSWORD_VARIABLE}. It never appears in {@link #toString()},
 * in {@link #redacted(String)} or in any message of this module.
 */
public final class UrlDataSource implements DataSource {

  /** The environment variable a password is read from when the URL holds none. */
  public static final String PASSWORD_VARIABLE = "EXPORTHUB_JDBC_PASSWORD";

  private static final Pattern PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&;]*");

  private final String url;
  private final String password; // null: none given outside the URL

  private UrlDataSource(String url, String password) {
    this.url = url;
    this.password = password;
  }

  /**
   * A data source for this URL, with the password of {@value #PASSWORD_VARIABLE} when the URL has
   * none.
   *
   * @throws IllegalArgumentException when the URL does not start with {@code jdbc:}
   */
  public static UrlDataSource of(String url) {
    return of(url, System.getenv(PASSWORD_VARIABLE));
  }

  /** A data source for this URL and, when the URL holds none, this password ({@code null}: none). */
  public static UrlDataSource of(String url, String password) {
    Objects.requireNonNull(url, "url");
    if (!url.startsWith("jdbc:")) {
      throw new IllegalArgumentException("A JDBC URL starts with jdbc:, such as "
          + "jdbc:postgresql://localhost:5432/exporthub?user=exporthub; was " + redacted(url));
    }
    return new UrlDataSource(url, PASSWORD.matcher(url).find() ? null : password);
  }

  /** The URL with the value of any {@code password} parameter replaced by {@code ***}. */
  public static String redacted(String url) {
    return url == null ? null : PASSWORD.matcher(url).replaceAll("$1***");
  }

  @Override
  public Connection getConnection() throws SQLException {
    Properties properties = new Properties();
    if (password != null) {
      properties.setProperty("password", password);
    }
    try {
      return DriverManager.getConnection(url, properties);
    } catch (SQLException e) {
      // Drivers may quote the URL back; the message is rebuilt without it.
      throw new SQLException("Cannot connect to " + redacted(url) + ": " + redactedMessage(e), e.getSQLState(),
          e.getErrorCode());
    }
  }

  @Override
  public Connection getConnection(String user, String pass) throws SQLException {
    throw new SQLFeatureNotSupportedException("Give the user in the URL and the password in "
        + PASSWORD_VARIABLE);
  }

  @Override
  public String toString() {
    return "UrlDataSource[" + redacted(url) + "]";
  }

  private String redactedMessage(SQLException e) {
    String message = String.valueOf(e.getMessage());
    message = redacted(message);
    return password == null || password.isEmpty() ? message : message.replace(password, "***");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // DriverManager logs nothing of ours
  }

  @Override
  public void setLoginTimeout(int seconds) {
    DriverManager.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() {
    return DriverManager.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("Not a wrapper of " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
