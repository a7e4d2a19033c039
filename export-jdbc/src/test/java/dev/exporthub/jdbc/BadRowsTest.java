package dev.exporthub.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.core.ExportHub;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A row its record refuses is invalid data naming the table, the row's id and the column; nothing is written. */
class BadRowsTest {

  private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
  private static final TimeRange RANGE = TimeRange.of(Instant.parse("2026-01-01T00:00:00Z"), NOW);

  private static InvalidDataException refused(JdbcDataSource source, ExportCategory category) {
    ExportHub hub = Exports.hub(source, source.tenantDirectory(), NOW);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> hub.export(
        Exports.request(category, ExportFormat.JSON, ExportScope.tenant("tenant-1"), RANGE), Exports.ADMIN, out));
    assertEquals(0, out.size(), "nothing is written");
    return e;
  }

  @Test
  @DisplayName("NULL in a required column, NaN, and a related_ids array of numbers")
  void conventionalLayout() throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      JdbcSchema.create(database.dataSource());
      JdbcDataSource source = JdbcDataSource.of(database.dataSource());
      database.execute("INSERT INTO alerts (alert_id, severity, category, status, created_at, tenant_id)"
          + " VALUES ('AL-1', NULL, 'network', 'open', '2026-01-10T00:00:00Z', 'tenant-1')");
      InvalidDataException nullSeverity = refused(source, ExportCategory.ALERT_LOGS);
      assertEquals("table alerts 'AL-1' field 'severity': is NULL, but severity is required", nullSeverity.getMessage());

      database.execute("UPDATE alerts SET severity = 'high', related_ids = '[1, 2]'");
      InvalidDataException numbers = refused(source, ExportCategory.ALERT_LOGS);
      assertEquals("table alerts 'AL-1' field 'related_ids': must be a JSON array of ids (text)", numbers.getMessage());

      database.execute("INSERT INTO operator_metrics (metric_id, operator_id, operator_name, utilization_rate,"
          + " task_completion_rate, sla_compliance_rate, recorded_at, tenant_id)"
          + " VALUES ('OM-1', 'op-1', 'Ana', 'NaN', 0.5, 0.5, '2026-01-10T00:00:00Z', 'tenant-1')");
      InvalidDataException nan = refused(source, ExportCategory.OPERATOR_ANALYTICS);
      assertEquals("table operator_metrics", nan.source());
      assertEquals("OM-1", nan.recordId());
      assertEquals("utilization_rate", nan.field());
      assertTrue(nan.problem().contains("finite"), nan.problem());
    }
  }

  @Test
  @DisplayName("unparseable JSON in a host's text column")
  void unparseableJson() throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      database.execute("CREATE TABLE ops_reports (id text, kind text, name text, parts integer, at timestamptz,"
          + " tenant text, extra text)",
          "INSERT INTO ops_reports VALUES ('R-1', 'monthly', 'January', 3, '2026-01-10T00:00:00Z', 'tenant-1',"
              + " '{\"a\": ')",
          "GRANT SELECT ON ops_reports TO PUBLIC");
      JdbcMapping mapping = JdbcMapping.builder().table(SourceType.REPORTS, "ops_reports")
          .column(SourceType.REPORTS, "reportId", "id").column(SourceType.REPORTS, "category", "kind")
          .column(SourceType.REPORTS, "title", "name").column(SourceType.REPORTS, "sectionsCount", "parts")
          .column(SourceType.REPORTS, "generatedAt", "at").column(SourceType.REPORTS, "tenantId", "tenant")
          .column(SourceType.REPORTS, "attributes", "extra").build();
      InvalidDataException e = refused(JdbcDataSource.of(database.dataSource(), mapping),
          ExportCategory.REPORTS);
      assertEquals("table ops_reports 'R-1' field 'extra': is not valid JSON: unexpected end at character 7",
          e.getMessage());
    }
  }
}
