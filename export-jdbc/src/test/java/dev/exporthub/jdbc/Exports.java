package dev.exporthub.jdbc;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.TenantDirectory;
import dev.exporthub.core.ExportHub;
import dev.exporthub.core.source.DataDirectorySource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;

/** What the tests of this module share: loading a data directory, and exporting reproducibly. */
final class Exports {

  /** May export anything: every category, format, scope and range. */
  static final Caller ADMIN = Caller.of("ana", "tenant-1", "admin", List.of("export:cross-tenant",
      "export:federation-admin", "export:bundle-formats", "export:long-range"));

  private Exports() {
  }

  /** Creates the layout and copies a data directory into it, as {@code exporthub db load} does. */
  static void load(DataSource database, Path directory) throws SQLException {
    JdbcSchema.create(database);
    try (DataDirectorySource source = DataDirectorySource.open(directory);
        JdbcLoader loader = JdbcLoader.open(database)) {
      for (SourceType type : SourceType.values()) {
        try (Stream<SourceRecord> records = source.records(type)) {
          loader.load(type, records);
        }
      }
      loader.federations(source.federations());
      loader.commit();
    }
  }

  /** A hub with a fixed clock and reproducible ids: equal data and requests give equal bytes. */
  static ExportHub hub(OperationalDataSource source, TenantDirectory directory, Instant now) {
    return ExportHub.builder().dataSource(source).tenantDirectory(directory)
        .clock(Clock.fixed(now, ZoneOffset.UTC)).reproducibleIds().build();
  }

  static ExportRequest request(ExportCategory category, ExportFormat format, ExportScope scope, TimeRange range) {
    return ExportRequest.builder(category, format).scope(scope).timeRange(range).build();
  }

  /** The bytes of a completed export. */
  static byte[] bytes(ExportHub hub, ExportRequest request) {
    ExportResult result = hub.export(request, ADMIN);
    if (!(result instanceof ExportResult.Completed done)) {
      throw new AssertionError("denied: " + result.decision().violations());
    }
    return done.content();
  }
}
