package dev.exporthub.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.core.ExportHub;
import dev.exporthub.samples.SampleData;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Text from a request is always bound, names from a mapping always checked: no try changes a statement. */
class SqlInjectionTest {

  static final List<String> TRIES = List.of("x' OR '1'='1", "x'; DROP TABLE alerts; --", "\" OR 1=1 --",
      "x\\'; DELETE FROM alerts; --", "tenant-1') OR ('a'='a", "x\u0000y", "%_%", "tenant-1' --");

  @Test
  @DisplayName("every request field is bound: a try matches no row and drops nothing")
  void requestFieldsAreBound() throws Exception {
    SampleData sample = SampleData.builder().seed(3).size(200).tenants(2).build();
    Path directory = Files.createTempDirectory("exporthub-injection-");
    sample.writeDataDirectory(directory);
    try (TestDatabase database = TestDatabase.create()) {
      Exports.load(database.dataSource(), directory);
      JdbcDataSource source = JdbcDataSource.of(database.dataSource());
      TimeRange range = TimeRange.of(sample.start(), sample.now());
      String tenant = sample.tenantIds().get(0);
      for (String attack : TRIES) {
        for (ExportScope scope : List.of(ExportScope.tenant(attack), ExportScope.facility(tenant, attack),
            ExportScope.federation(attack))) {
          ExportHub hub = Exports.hub(source, source.tenantDirectory(), sample.now());
          ExportResult result = hub.export(Exports.request(ExportCategory.FULL_OPERATIONAL, ExportFormat.JSON, scope,
              range).withQueryId("q' OR '1'='1"), Exports.ADMIN);
          assertEquals(0, ((ExportResult.Completed) result).bundle().metadata().totalItems(), attack + " in " + scope);
        }
      }
      try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT count(*) FROM alerts")) {
        rows.next();
        assertEquals(sample.count(SourceType.ALERTS), rows.getLong(1), "no row was deleted, no table dropped");
      }
    }
  }

  @Test
  @DisplayName("every mapping name is checked: a try is refused when the mapping is built")
  void mappingNamesAreRefused() {
    for (String attack : TRIES) {
      assertThrows(IllegalArgumentException.class, () -> JdbcMapping.builder().table(SourceType.ALERTS, attack), attack);
      assertThrows(IllegalArgumentException.class,
          () -> JdbcMapping.builder().column(SourceType.ALERTS, "alertId", attack), attack);
      assertThrows(IllegalArgumentException.class,
          () -> JdbcMapping.builder().federations(attack, "f", "t"), attack);
      assertThrows(IllegalArgumentException.class,
          () -> JdbcMapping.builder().federations("f", attack, "t"), attack);
      assertThrows(IllegalArgumentException.class,
          () -> JdbcMapping.builder().federations("f", "f", attack), attack);
      Properties file = new Properties();
      file.setProperty("alerts.table", attack);
      assertThrows(IllegalArgumentException.class, () -> JdbcMapping.of(file), attack);
    }
    for (String name : List.of("schema.table.more", "1table", "a b", "tab\"le", "a".repeat(64), "", ".t", "s.")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> JdbcMapping.builder().table(SourceType.ALERTS, name), name);
      assertTrue(e.getMessage().startsWith("Not a valid"), e.getMessage());
    }
  }

  @Test
  @DisplayName("a properties file with an unknown key or field is refused, naming it")
  void unknownKeys() throws Exception {
    Properties file = new Properties();
    file.load(new StringReader("alerts.table=alerts\nalerts.alertID=id\n"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JdbcMapping.of(file));
    assertTrue(e.getMessage().startsWith("alerts has no field alertID"), e.getMessage());
    Properties unknown = new Properties();
    unknown.setProperty("alert.table", "alerts");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> JdbcMapping.of(unknown)).getMessage()
        .startsWith("Unknown key alert.table"));
  }
}
