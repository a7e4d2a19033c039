package dev.exporthub.benchmarks;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.core.ExportHub;
import dev.exporthub.core.source.InMemoryDataSource;
import dev.exporthub.samples.SampleData;
import java.io.OutputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The data every benchmark uses: a {@link SampleData} set of one tenant, sized so that the export
 * of a category shape holds about the wanted number of items, behind an {@link ExportHub} with a
 * fixed clock, and a caller allowed everything.
 *
 * <p>Two kinds: {@link #inMemory} materialises the records the category reads into an
 * {@link InMemoryDataSource}, so that the hub, like the raw baselines, works from memory (the JMH
 * cells); {@link #streaming} reads the {@link SampleData} generator itself, which computes every
 * record when a stream reaches it (the heap-bounded 1M run, whose records would not fit in a small
 * heap).
 */
final class BenchmarkData {

  static final Caller CALLER = Caller.of("bench", "tenant-1", "admin", Set.of("export:long-range",
      "export:bundle-formats", "export:cross-tenant", "export:federation-admin"));

  final SampleData sample;
  final OperationalDataSource source;
  final ExportHub hub;
  final ExportCategory category;

  private BenchmarkData(SampleData sample, OperationalDataSource source, ExportCategory category) {
    this.sample = sample;
    this.source = source;
    this.category = category;
    AtomicLong ids = new AtomicLong();
    this.hub = ExportHub.builder().dataSource(source).tenantDirectory(sample.tenantDirectory())
        .clock(Clock.fixed(sample.now(), ZoneOffset.UTC)).idSupplier(() -> "bench-" + ids.incrementAndGet()).build();
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

  /** Data whose export of {@code shape} holds about {@code items} items, generated as streams reach it. */
  static BenchmarkData streaming(String shape, long items) {
    ExportCategory category = category(shape);
    SampleData sample = sample(sizeFor(category, items));
    return new BenchmarkData(sample, sample, category);
  }

  /**
   * Data whose export of {@code shape} holds about {@code items} items, the records the category
   * reads held in memory.
   */
  static BenchmarkData inMemory(String shape, long items) {
    ExportCategory category = category(shape);
    SampleData sample = sample(sizeFor(category, items));
    List<SourceRecord> records = new ArrayList<>();
    for (SourceType type : sourcesOf(category)) {
      try (Stream<? extends SourceRecord> stream = sample.records(type)) {
        stream.forEach(records::add);
      }
    }
    return new BenchmarkData(sample, InMemoryDataSource.of(records), category);
  }

  /** The sources a category reads: its sections' sources, alerts and tasks for the SLA section. */
  static Set<SourceType> sourcesOf(ExportCategory category) {
    Set<SourceType> types = EnumSet.noneOf(SourceType.class);
    for (SectionKind kind : category.sections()) {
      if (kind == SectionKind.SLA_COMPLIANCE) {
        types.add(SourceType.ALERTS);
        types.add(SourceType.TASKS);
      } else {
        types.add(kind.source().orElseThrow());
      }
    }
    return types;
  }

  /** The sample size whose export of {@code category} holds about {@code items} items. */
  private static long sizeFor(ExportCategory category, long items) {
    long probeSize = 20_000;
    SampleData probe = sample(probeSize);
    long probeItems = new BenchmarkData(probe, probe, category).preview(ExportFormat.JSON).metadata().totalItems();
    return Math.max(10, Math.round((double) items * probeSize / probeItems));
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

  /** Every source record the bundle's items come from, in section order (SLA records excepted). */
  List<SourceRecord> records() {
    List<SourceRecord> records = new ArrayList<>();
    for (SectionKind kind : category.sections()) {
      if (kind.source().isEmpty()) {
        continue;
      }
      try (Stream<? extends SourceRecord> stream = sample.records(kind.source().get())) {
        stream.forEach(records::add);
      }
    }
    return records;
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
