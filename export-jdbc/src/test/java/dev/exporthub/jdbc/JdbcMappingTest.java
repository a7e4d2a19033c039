package dev.exporthub.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.samples.SampleData;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A host's own tables, named by a mapping. */
class JdbcMappingTest {

  @Test
  @DisplayName("a required field without a column is an error when the mapping is built, naming every such field")
  void unmappedRequiredFields() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JdbcMapping.builder()
        .table(SourceType.REPORTS, "ops.reports").column(SourceType.REPORTS, "reportId", "id").build());
    assertEquals("reports (table ops.reports) has no column for the required fields category, title, sectionsCount,"
        + " generatedAt, tenantId; map each with column(REPORTS, FIELD, COLUMN) or the key reports.FIELD",
        e.getMessage());
  }

  @Test
  @DisplayName("a view with its own names, mapped by a properties file, exports what the conventional table does")
  void ownSchemaExportsTheSame() throws Exception {
    SampleData sample = SampleData.builder().seed(11).size(300).tenants(2).build();
    Path directory = Files.createTempDirectory("exporthub-mapping-");
    sample.writeDataDirectory(directory);
    try (TestDatabase database = TestDatabase.create()) {
      Exports.load(database.dataSource(), directory);
      database.execute("CREATE VIEW host_tasks AS SELECT task_id AS id, priority AS prio, status AS state,"
          + " created_at AS opened, completed_at AS done, sla_deadline AS due, assigned_to AS owner,"
          + " tenant_id AS tenant, facility_id AS site, related_ids AS links, attributes AS extra FROM tasks",
          "GRANT SELECT ON host_tasks TO PUBLIC");
      Properties file = new Properties();
      file.load(new StringReader(String.join("\n", "tasks.table = host_tasks", "tasks.taskId = id",
          "tasks.priority = prio", "tasks.status = state", "tasks.createdAt = opened", "tasks.completedAt = done",
          "tasks.slaDeadline = due", "tasks.assignedTo = owner", "tasks.tenantId = tenant",
          "tasks.facilityId = site", "tasks.relatedIds = links", "tasks.attributes = extra",
          "federations.table = federation_members", "federations.federationId = federation_id",
          "federations.tenantId = tenant_id")));
      JdbcDataSource own = JdbcDataSource.of(database.dataSource(), JdbcMapping.of(file));
      own.ready();
      JdbcDataSource conventional = JdbcDataSource.of(database.dataSource());
      ExportRequest request = Exports.request(ExportCategory.TASK_LOGS, ExportFormat.CSV,
          ExportScope.federation(sample.federationId()), TimeRange.of(sample.start(), sample.now()));
      assertArrayEquals(Exports.bytes(Exports.hub(conventional, conventional.tenantDirectory(), sample.now()), request),
          Exports.bytes(Exports.hub(own, own.tenantDirectory(), sample.now()), request));
    }
  }

  @Test
  @DisplayName("a mapped table or column the database lacks is reported by ready(), naming the table")
  void missingTable() throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      JdbcDataSource source = JdbcDataSource.of(database.dataSource());
      InvalidDataException e = assertThrows(InvalidDataException.class, source::ready);
      assertEquals("table audit_findings", e.source());
    }
  }
}
