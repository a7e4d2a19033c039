package dev.exporthub.benchmarks;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportSection;
import dev.exporthub.core.ExportHub;
import dev.exporthub.samples.SampleData;
import java.io.OutputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The data every benchmark uses: a {@link SampleData} set of one tenant, sized so that the export
 * of a category shape holds about the wanted number of items, behind an {@link ExportHub} with a
 * fixed clock, and a caller allowed everything.
 */
final class BenchmarkData {

  static final Caller CALLER = Caller.of("bench", "tenant-1", "admin", Set.of("export:long-range",
      "export:bundle-formats", "export:cross-tenant", "export:federation-admin"));

  final SampleData data;
  final ExportHub hub;
  final ExportCategory category;

  private BenchmarkData(SampleData data, ExportCategory category) {
    this.data = data;
    this.category = category;
    AtomicLong ids = new AtomicLong();
    this.hub = ExportHub.builder().dataSource(data).tenantDirectory(data.tenantDirectory())
        .clock(Clock.fixed(data.now(), ZoneOffset.UTC)).idSupplier(() -> "bench-" + ids.incrementAndGet()).build();
  }

  /** The category of a shape: {@code single-source}, {@code compliance-pack} or {@code full-operational}. */
  static ExportCategory category(String shape) {
    return switch (shape) {
      case "single-source" -> ExportCategory.REAL_TIME_METRICS;
      case "compliance-pack" -> ExportCategory.COMPLIANCE_PACK;
      case "full-operational" -> ExportCategory.FULL_OPERATIONAL;
      default -> throw new IllegalArgumentException("unknown shape " + shape);
    };
  }

  /** Data whose export of {@code shape} holds about {@code items} items. */
  static BenchmarkData forItems(String shape, long items) {
    ExportCategory category = category(shape);
    long probeSize = 20_000;
    long probeItems = new BenchmarkData(sample(probeSize), category).preview(ExportFormat.JSON).metadata().totalItems();
    long size = Math.max(10, Math.round((double) items * probeSize / probeItems));
    return new BenchmarkData(sample(size), category);
  }

  private static SampleData sample(long size) {
    return SampleData.builder().seed(42).size(size).tenants(1).build();
  }

  ExportRequest request(ExportFormat format) {
    return ExportRequest.builder(category, format).build();
  }

  ExportBundle preview(ExportFormat format) {
    return hub.preview(request(format), CALLER);
  }

  /** Every item of the bundle, in order: what the baselines serialise. */
  List<ExportItem> items() {
    List<ExportItem> items = new ArrayList<>();
    for (ExportSection section : preview(ExportFormat.JSON).sections()) {
      try (Stream<ExportItem> stream = section.items()) {
        stream.forEach(items::add);
      }
    }
    return items;
  }

  /** Exports to a counting sink; returns the bytes written. */
  long export(ExportFormat format) {
    CountingSink sink = new CountingSink();
    hub.export(request(format), CALLER, sink).orThrow();
    return sink.count;
  }

  /** An output stream that only counts. */
  static final class CountingSink extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
