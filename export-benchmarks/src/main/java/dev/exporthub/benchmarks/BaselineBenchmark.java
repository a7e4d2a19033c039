package dev.exporthub.benchmarks;

import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.source.SourceRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The raw baselines on the same items as {@link ExportBenchmark}'s full-operational export: what
 * a developer would hand-write, already holding the items in memory. The ZIP baselines deflate
 * exactly the entries of the hub's own ZIP bundle and auditor package, at the same level.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Xms3g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class BaselineBenchmark {

  @Param({"500", "10000", "100000"})
  public long items;

  private List<ExportItem> exportItems;
  private List<SourceRecord> records;
  private Map<String, byte[]> zipMembers;
  private Map<String, byte[]> auditorMembers;

  @Setup
  public void setUp() throws IOException {
    BenchmarkData data = BenchmarkData.inMemory("full-operational", items);
    exportItems = data.items();
    records = data.records();
    if (records.size() != exportItems.size()) {
      throw new IllegalStateException(records.size() + " records for " + exportItems.size() + " items");
    }
    zipMembers = entries(data, ExportFormat.ZIP);
    auditorMembers = entries(data, ExportFormat.AUDITOR_PACKAGE);
  }

  /** The entries of the hub's archive in that format, in archive order. */
  private static Map<String, byte[]> entries(BenchmarkData data, ExportFormat format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    data.hub.export(data.request(format), BenchmarkData.CALLER, out).orThrow();
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        entries.put(entry.getName(), zip.readAllBytes());
      }
    }
    return entries;
  }

  private long count(Volume volume, BenchmarkData.CountingSink out) {
    volume.add(exportItems.size(), out.count);
    return out.count;
  }

  @Benchmark
  public long jacksonCompact(Volume volume) throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.jackson(exportItems, out, false);
    return count(volume, out);
  }

  @Benchmark
  public long jacksonPretty(Volume volume) throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.jackson(exportItems, out, true);
    return count(volume, out);
  }

  @Benchmark
  public long objectMapperRecords(Volume volume) throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.objectMapper(records, out);
    return count(volume, out);
  }

  @Benchmark
  public long commonsCsv(Volume volume) throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.csv(exportItems, "Phase", out);
    return count(volume, out);
  }

  @Benchmark
  public long htmlTable(Volume volume) throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.html(exportItems, out);
    return count(volume, out);
  }

  @Benchmark
  public long markdownList(Volume volume) throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.markdown(exportItems, out);
    return count(volume, out);
  }

  @Benchmark
  public long zipOfBundleEntries(Volume volume) throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.zip(zipMembers, out);
    return count(volume, out);
  }

  @Benchmark
  public long zipOfAuditorEntries(Volume volume) throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.zip(auditorMembers, out);
    return count(volume, out);
  }
}
