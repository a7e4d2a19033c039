package dev.exporthub.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Connections from a URL; the password never in a message. */
class UrlDataSourceTest {

  @Test
  @DisplayName("a password in the URL or given apart never appears in toString or a connection error")
  void passwordsNeverShown() {
    String url = "jdbc:postgresql://127.0.0.1:1/nowhere?user=u&password=s3cret-in-url";
    assertEquals("UrlDataSource[jdbc:postgresql://127.0.0.1:1/nowhere?user=u&password=***]",
        UrlDataSource.of(url, null).toString());
    SQLException e = assertThrows(SQLException.class, () -> UrlDataSource.of(url, null).getConnection().close());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    SQLException apart = assertThrows(SQLException.class,
        () -> UrlDataSource.of("jdbc:postgresql://127.0.0.1:1/nowhere?user=u", "s3cret-apart").getConnection().close());
    assertFalse(apart.getMessage().contains("s3cret"), apart.getMessage());
    IllegalArgumentException notJdbc = assertThrows(IllegalArgumentException.class,
        () -> UrlDataSource.of("postgresql://h/db?password=s3cret", null));
    assertFalse(notJdbc.getMessage().contains("s3cret"), notJdbc.getMessage());
  }

  @Test
  @DisplayName("connects to the test server")
  void connects() throws SQLException {
    try (TestDatabase db = TestDatabase.create(); Connection c = db.dataSource().getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT current_schema()")) {
      assertTrue(rs.next());
      assertEquals(db.schema(), rs.getString(1));
    }
  }
}
