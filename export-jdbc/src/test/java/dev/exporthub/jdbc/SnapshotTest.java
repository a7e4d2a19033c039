package dev.exporthub.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.SourceQuery;
import dev.exporthub.samples.SampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Both passes of an export read one snapshot, whatever other connections change in between. */
class SnapshotTest {

  private static final SampleData SAMPLE = SampleData.builder().seed(7).size(400).tenants(2).build();

  /**
   * Reads through a source's snapshots and runs {@code between} on the second read of audit
   * findings: the writing pass of a one-section category, right after its counting pass.
   */
  private record BetweenPasses(OperationalDataSource source, Runnable between, boolean snapshots)
      implements OperationalDataSource {
    @Override
    public Stream<? extends SourceRecord> records(SourceType type, SourceQuery query) {
      return source.records(type, query);
    }

    @Override
    public boolean ordered() {
      return true;
    }

    @Override
    public Snapshot snapshot() {
      Snapshot inner = snapshots ? source.snapshot() : OperationalDataSource.super.snapshot();
      AtomicInteger reads = new AtomicInteger();
      return new Snapshot() {
        @Override
        public Stream<? extends SourceRecord> records(SourceType type, SourceQuery query) {
          if (type == SourceType.AUDIT_FINDINGS && reads.incrementAndGet() == 2) {
            between.run();
          }
          return inner.records(type, query);
        }

        @Override
        public boolean ordered() {
          return true;
        }

        @Override
        public void close() {
          inner.close();
        }
      };
    }
  }

  private static ExportRequest request(ExportFormat format) {
    return Exports.request(ExportCategory.AUDIT_FINDINGS, format, ExportScope.federation(SAMPLE.federationId()),
        TimeRange.of(SAMPLE.start(), SAMPLE.now()));
  }

  @Test
  @DisplayName("rows inserted, updated and deleted between the passes leave the bundle as of the snapshot")
  void changesBetweenThePassesAreNotSeen() throws Exception {
    Path directory = Files.createTempDirectory("exporthub-snapshot-");
    SAMPLE.writeDataDirectory(directory);
    try (TestDatabase database = TestDatabase.create()) {
      Exports.load(database.dataSource(), directory);
      JdbcDataSource jdbc = JdbcDataSource.of(database.dataSource());
      for (ExportFormat format : ExportFormat.BUILT_IN) {
        byte[] before = Exports.bytes(Exports.hub(jdbc, jdbc.tenantDirectory(), SAMPLE.now()), request(format));
        String changes = "changes" + format.id().replace('-', '_');
        database.execute("CREATE TABLE " + changes + " AS SELECT * FROM audit_findings");
        Runnable between = () -> database.execute(
            "DELETE FROM audit_findings WHERE audit_finding_id = (SELECT min(audit_finding_id) FROM audit_findings)",
            "UPDATE audit_findings SET description = 'changed' WHERE audit_finding_id = "
                + "(SELECT max(audit_finding_id) FROM audit_findings)",
            "INSERT INTO audit_findings SELECT 'AF-NEW', severity, category, status, description, found_at,"
                + " resolved_at, tenant_id, facility_id, related_ids, attributes FROM audit_findings LIMIT 1");
        ExportResult.Completed during = (ExportResult.Completed) Exports.hub(
            new BetweenPasses(jdbc, between, true), jdbc.tenantDirectory(), SAMPLE.now())
            .export(request(format), Exports.ADMIN);
        assertArrayEquals(before, during.content(), format.id() + ": the export is the snapshot's");

        // A later export of the changed tables differs; restored to the snapshot's rows, it is equal again.
        byte[] after = Exports.bytes(Exports.hub(jdbc, jdbc.tenantDirectory(), SAMPLE.now()), request(format));
        assertFalse(java.util.Arrays.equals(before, after), format.id());
        database.execute("DELETE FROM audit_findings", "INSERT INTO audit_findings SELECT * FROM " + changes,
            "DROP TABLE " + changes);
        ExportResult.Completed again = (ExportResult.Completed) Exports.hub(jdbc, jdbc.tenantDirectory(),
            SAMPLE.now()).export(request(format), Exports.ADMIN);
        assertEquals(during.bundle().metadata().contentDigest(), again.bundle().metadata().contentDigest());
        assertArrayEquals(during.content(), again.content(), format.id());
      }
    }
  }

  @Test
  @DisplayName("without a snapshot the same changes fail the export instead of letting it disagree with itself")
  void withoutASnapshotTheRereadCheckFails() throws Exception {
    Path directory = Files.createTempDirectory("exporthub-snapshot-");
    SAMPLE.writeDataDirectory(directory);
    try (TestDatabase database = TestDatabase.create()) {
      Exports.load(database.dataSource(), directory);
      JdbcDataSource jdbc = JdbcDataSource.of(database.dataSource());
      Runnable between = () -> database.execute("INSERT INTO audit_findings SELECT 'AF-NEW', severity, category,"
          + " status, description, found_at, resolved_at, tenant_id, facility_id, related_ids, attributes"
          + " FROM audit_findings LIMIT 1");
      InvalidDataException e = assertThrows(InvalidDataException.class, () -> Exports.hub(
          new BetweenPasses(jdbc, between, false), jdbc.tenantDirectory(), SAMPLE.now())
          .export(request(ExportFormat.JSON), Exports.ADMIN));
      assertTrue(e.getMessage().contains("must not change while an export runs"), e.getMessage());
    }
  }
}
