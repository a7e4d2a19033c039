package dev.exporthub.core.bundle;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ResolvedExport;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.TenantDirectory;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What the builder tests build, in their own terms: the category, format, resolved scope, range,
 * requester, whether the format is a bundle, and the export id. {@link #resolve} turns it into the
 * {@link ResolvedExport} the builder takes, the way the hub would.
 */
record Plan(ExportCategory category, ExportFormat format, ExportScope scope, TimeRange timeRange, String generatedBy,
    boolean compressed, String exportId) {

  Plan {
    Objects.requireNonNull(scope, "scope");
    if (scope.isUnscoped()) {
      throw new IllegalArgumentException("Resolve the scope before building: an unscoped bundle is never built");
    }
  }

  ResolvedExport resolve(TenantDirectory directory) {
    ExportRequest request = ExportRequest.builder(category, format).queryId("query-1").scope(scope)
        .timeRange(timeRange).requestedBy(generatedBy).build();
    FormatDescriptor descriptor = new FormatDescriptor(format, "application/octet-stream", "bin", compressed);
    return ResolvedExport.resolve(request, Caller.of(generatedBy, "t-caller", null, Set.of()), descriptor, directory,
        Instant.EPOCH);
  }
}
