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
 * exactly the entries of the hub's own ZIP bundle and auditor package, at the same level. Each
 * baseline holds only its own input: the items and records, or the archive entries.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Xms3g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
public class BaselineBenchmark {

  /** The bundle's items and the records they come from. */
  @State(Scope.Benchmark)
  public static class Items {
    @Param({"500", "10000", "100000"})
    public long items;

    List<ExportItem> exportItems;
    List<SourceRecord> records;

    @Setup
    public void setUp() {
      BenchmarkData data = BenchmarkData.inMemory("full-operational", items);
      exportItems = data.items();
      records = data.records();
      if (records.size() != exportItems.size()) {
        throw new IllegalStateException(records.size() + " records for " + exportItems.size() + " items");
      }
    }
  }

  /** The entries of the hub's ZIP bundle and auditor package of the same bundle. */
  @State(Scope.Benchmark)
  public static class Archives {
    @Param({"500", "10000", "100000"})
    public long items;

    int itemCount;
    Map<String, byte[]> zipMembers;
    Map<String, byte[]> auditorMembers;

    @Setup
    public void setUp() throws IOException {
      BenchmarkData data = BenchmarkData.inMemory("full-operational", items);
      itemCount = (int) data.preview(ExportFormat.JSON).metadata().totalItems();
      zipMembers = entries(data, ExportFormat.ZIP);
      auditorMembers = entries(data, ExportFormat.AUDITOR_PACKAGE);
    }
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

  private static long count(Volume volume, long items, BenchmarkData.CountingSink out) {
    volume.add(items, out.count);
    return out.count;
  }

  @Benchmark
  public long jacksonCompact(Items data, Volume volume) throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.jackson(data.exportItems, out, false);
    return count(volume, data.exportItems.size(), out);
  }

  @Benchmark
  public long jacksonPretty(Items data, Volume volume) throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.jackson(data.exportItems, out, true);
    return count(volume, data.exportItems.size(), out);
  }

  @Benchmark
  public long objectMapperRecords(Items data, Volume volume) throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.objectMapper(data.records, out);
    return count(volume, data.records.size(), out);
  }

  @Benchmark
  public long commonsCsv(Items data, Volume volume) throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.csv(data.exportItems, "Phase", out);
    return count(volume, data.exportItems.size(), out);
  }

  @Benchmark
  public long htmlTable(Items data, Volume volume) throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.html(data.exportItems, out);
    return count(volume, data.exportItems.size(), out);
  }

  @Benchmark
  public long markdownList(Items data, Volume volume) throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.markdown(data.exportItems, out);
    return count(volume, data.exportItems.size(), out);
  }

  @Benchmark
  public long zipOfBundleEntries(Archives data, Volume volume) throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.zip(data.zipMembers, out);
    return count(volume, data.itemCount, out);
  }

  @Benchmark
  public long zipOfAuditorEntries(Archives data, Volume volume) throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.zip(data.auditorMembers, out);
    return count(volume, data.itemCount, out);
  }
}
