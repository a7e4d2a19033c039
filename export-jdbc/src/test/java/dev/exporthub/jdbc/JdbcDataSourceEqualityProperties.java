package dev.exporthub.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.TimeRange;
import dev.exporthub.core.ExportHub;
import dev.exporthub.core.source.DataDirectorySource;
import dev.exporthub.samples.SampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The JDBC source exports exactly what the data-directory source exports from the same records:
 * every category in every format, byte for byte, over generated data sets and scopes.
 */
class JdbcDataSourceEqualityProperties {

  @Property(tries = 4)
  void everyCategoryInEveryFormatIsByteIdentical(@ForAll long seed, @ForAll @LongRange(min = 0, max = 400) long size,
      @ForAll @IntRange(min = 1, max = 3) int tenants, @ForAll @IntRange(min = 0, max = 2) int facilities,
      @ForAll @IntRange(min = 0, max = 2) int scopeKind) throws Exception {
    SampleData sample = SampleData.builder().seed(seed).size(size).tenants(tenants).facilitiesPerTenant(facilities)
        .build();
    Path directory = Files.createTempDirectory("exporthub-equality-");
    try (TestDatabase database = TestDatabase.create()) {
      sample.writeDataDirectory(directory);
      Exports.load(database.dataSource(), directory);
      JdbcDataSource jdbc = JdbcDataSource.of(database.dataSource());
      String tenant = sample.tenantIds().get(0);
      ExportScope scope = switch (scopeKind) {
        case 0 -> ExportScope.federation(sample.federationId());
        case 1 -> ExportScope.tenant(tenant);
        default -> sample.facilityIds(tenant).isEmpty() ? ExportScope.tenant(tenant)
            : ExportScope.facility(tenant, sample.facilityIds(tenant).get(0));
      };
      TimeRange range = TimeRange.of(sample.start(), sample.now());
      try (DataDirectorySource files = DataDirectorySource.open(directory)) {
      ExportHub fromFiles = Exports.hub(files, files.tenantDirectory(), sample.now());
      ExportHub fromDatabase = Exports.hub(jdbc, jdbc.tenantDirectory(), sample.now());
      long items = 0;
      for (ExportCategory category : ExportCategory.values()) {
        for (ExportFormat format : ExportFormat.BUILT_IN) {
          ExportRequest request = Exports.request(category, format, scope, range);
          byte[] expected = Exports.bytes(fromFiles, request);
          assertArrayEquals(expected, Exports.bytes(fromDatabase, request), category.id() + " as " + format.id());
          if (format.equals(ExportFormat.JSON)) {
            // a hub of its own: reproducible ids count a hub's calls
            items += Exports.hub(files, files.tenantDirectory(), sample.now()).preview(request, Exports.ADMIN)
                .metadata().totalItems();
          }
        }
      }
      assertTrue(size < 50 || items > 0, "the data set exported nothing: " + sample);
      }
    } finally {
      try (Stream<Path> paths = Files.walk(directory)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
