package dev.exporthub.core.bundle;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.TenantDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/** The builder over a source and a tenant directory, building {@link Plan}s as the hub would. */
final class TestBuilder {

  private final BundleBuilder builder;
  private final TenantDirectory directory;

  TestBuilder(OperationalDataSource source, TenantDirectory directory) {
    this.builder = new BundleBuilder(source);
    this.directory = directory;
  }

  ExportBundle build(Plan plan, Clock clock) {
    return builder.build(plan.resolve(directory), plan.exportId(), clock);
  }

  /** The tenants a resolved scope covers, as the resolution computes them. */
  Set<String> tenantsOf(ExportScope scope) {
    return new Plan(ExportCategory.AUDIT_FINDINGS, ExportFormat.JSON, scope, TimeRange.endingAt(Instant.EPOCH), "u-1",
        false, "x-1").resolve(directory).tenants();
  }
}
