package dev.exporthub.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.samples.SampleData;
import java.io.OutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A million rows of all ten sources, exported as one full-operational JSON bundle from PostgreSQL
 * in the 128 MB heap of the {@code scale} profile: the cursor streams, nothing holds a section.
 */
class JdbcExportAtScale {

  @Test
  void aMillionRowsInASmallHeap() throws Exception {
    SampleData sample = SampleData.builder().seed(1).size(1_000_000).tenants(1).build();
    try (TestDatabase database = TestDatabase.create()) {
      JdbcSchema.create(database.dataSource());
      long loading = System.nanoTime();
      try (JdbcLoader loader = JdbcLoader.open(database.dataSource())) {
        for (SourceType type : SourceType.values()) {
          try (Stream<? extends SourceRecord> records = sample.records(type)) {
            loader.load(type, records);
          }
        }
        loader.federations(java.util.Map.of(sample.federationId(), sample.federationTenantIds()));
        loader.commit();
      }
      database.execute("ANALYZE");
      long loaded = System.nanoTime();
      JdbcDataSource source = JdbcDataSource.of(database.dataSource());
      long[] bytes = {0};
      OutputStream counting = new OutputStream() {
        @Override
        public void write(int b) {
          bytes[0]++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
          bytes[0] += len;
        }
      };
      ExportResult.Completed done = (ExportResult.Completed) Exports.hub(source, source.tenantDirectory(), sample.now())
          .export(Exports.request(ExportCategory.FULL_OPERATIONAL, ExportFormat.JSON,
              ExportScope.tenant(sample.tenantIds().get(0)), TimeRange.of(sample.start(), sample.now())),
              Exports.ADMIN, counting);
      long exported = System.nanoTime();
      System.out.printf("JdbcExportAtScale: loaded %d rows in %.1f s; exported %d items, %d bytes in %.1f s,"
          + " max heap %d MB%n", sample.size(), (loaded - loading) / 1e9, done.bundle().metadata().totalItems(),
          bytes[0], (exported - loaded) / 1e9, Runtime.getRuntime().maxMemory() >> 20);
      assertEquals(bytes[0], done.sizeBytes());
      assertTrue(done.bundle().metadata().totalItems() >= 1_000_000, "items: " + done.bundle().metadata().totalItems());
    }
  }
}
