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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.spi.ExportLogStore;

/**
 * What {@link FormatWriterContract} hands a writer: a bundle assembled by the engine itself (the
 * hub's {@link ExportHub#preview}, so the bundle is exactly what an export would render) from a data
 * set, and the write context an allowed export would carry.
 */
record WriterInput(DataSet data, ExportCategory category, ExportScope scope, TimeRange range,
    Map<String, String> options, String generatedBy) {

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

  /**
   * The bytes an in-memory export of this input gives through a hub of {@code writer} whose log is
   * {@code store}, with the same ids and clock every time.
   */
  byte[] exportThroughHub(FormatWriter writer, ExportLogStore store) {
    ExportHub hub = hub(writer, data.source(), store, () -> "export-1");
    return hub.export(request(writer), PREVIEWER).orThrow().content();
  }

  /**
   * Leaves entries of other calls in {@code store}: {@code exports} exports of this input under other
   * ids, each also recorded as downloaded, and a request by a caller of another tenant (denied, or
   * allowed for their own empty tenant).
   */
  void fillLog(FormatWriter writer, ExportLogStore store, int exports) {
    AtomicLong ids = new AtomicLong();
    ExportHub hub = hub(writer, data.source(), store, () -> "prior-" + ids.incrementAndGet());
    for (int i = 0; i < exports; i++) {
      ExportRequest request = new ExportRequest(null, category, writer.descriptor().format(), scope, range,
          generatedBy, options);
      ExportResult.Completed done = hub.export(request, PREVIEWER).orThrow();
      hub.recordDownload(done, done.filename(), PREVIEWER);
    }
    hub.export(request(writer), Caller.of("outsider", "outsider-tenant", "viewer", Set.of()));
  }

  private ExportRequest request(FormatWriter writer) {
    return new ExportRequest("query-1", category, writer.descriptor().format(), scope, range, generatedBy, options);
  }

  private ExportHub hub(FormatWriter writer, OperationalDataSource source, ExportLogStore store,
      Supplier<String> ids) {
    return ExportHub.builder()
        .dataSource(source)
        .tenantDirectory(data.tenantDirectory())
        .clock(clock())
        .idSupplier(ids)
        .logStore(store)
        .discoverWriters(false)
        .writer(writer)
        .build();
  }

  WriteContext context() {
    return context(scope, List.of(), options, clock());
  }

  static WriteContext context(ExportScope scope, List<String> warnings, Map<String, String> options, Clock clock) {
    return new WriteContext(PolicyDecision.of("query-1", scope, List.of(), warnings, RULES), PREVIEWER, options,
        clock);
  }
}
