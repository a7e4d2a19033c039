package dev.exporthub.testkit;

import java.util.Set;
import dev.exporthub.core.ExportHub;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.PolicyDecision;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.WriteContext;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * What {@link FormatWriterContract} hands a writer: a bundle assembled by the engine itself (the
 * hub's {@link ExportHub#preview}, so the bundle is exactly what an export would render) from a data
 * set, and the write context an allowed export would carry.
 */
record WriterInput(DataSet data, ExportCategory category, ExportScope scope, TimeRange range,
    Map<String, String> options, String generatedBy) {

  /** The chain-of-custody hash every context carries. */
  static final String DECISION_HASH = "5f1d7a0c9e3b2a4f6d8c0b1e3a5f7d9c2b4e6a8c0d2f4b6e8a0c2e4f6b8d0a2c";

  /** The ids of the six built-in rules, as every allowed decision lists them. */
  static final List<String> RULES = List.of("tenant-isolation", "federation-access", "export-permissions",
      "compliance-restrictions", "data-retention", "format-restrictions");

  /** Who previews: every permission, so the policy lets every input through. */
  private static final Caller PREVIEWER = new Caller("contract", "contract-tenant", null, "admin",
      Set.of("export:cross-tenant", "export:federation-admin", "export:executive-view", "export:compliance-pack",
          "export:long-range", "export:bundle-formats"));

  Clock clock() {
    return Clock.fixed(data.now(), ZoneOffset.UTC);
  }

  ExportBundle bundle(FormatWriter writer) {
    return bundle(writer, data.source());
  }

  ExportBundle bundle(FormatWriter writer, OperationalDataSource source) {
    ExportHub hub = ExportHub.builder()
        .dataSource(source)
        .tenantDirectory(data.tenantDirectory())
        .clock(clock())
        .idSupplier(() -> "export-1")
        .discoverWriters(false)
        .writer(writer)
        .build();
    ExportRequest request = ExportRequest.builder(category, writer.descriptor().format()).queryId("query-1")
        .scope(scope).timeRange(range).requestedBy(generatedBy).build();
    return hub.preview(request, PREVIEWER);
  }

  WriteContext context() {
    return context(scope, List.of(), options, clock());
  }

  static WriteContext context(ExportScope scope, List<String> warnings, Map<String, String> options, Clock clock) {
    return new WriteContext(PolicyDecision.of("query-1", scope, List.of(), warnings, RULES), DECISION_HASH, options,
        clock);
  }
}
