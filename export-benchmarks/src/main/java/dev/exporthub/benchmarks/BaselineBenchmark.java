package dev.exporthub.benchmarks;

import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * a developer would hand-write, already holding the items in memory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Xms2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class BaselineBenchmark {

  @Param({"500", "10000", "100000"})
  public long items;

  private List<ExportItem> exportItems;
  private List<SourceRecord> records;
  private Map<String, byte[]> zipMembers;
  private Map<String, byte[]> auditorMembers;

  @Setup
  public void setUp() throws IOException {
    BenchmarkData data = BenchmarkData.forItems("full-operational", items);
    exportItems = data.items();
    records = new ArrayList<>();
    for (SourceType type : SourceType.values()) {
      try (Stream<? extends SourceRecord> stream = data.data.records(type)) {
        stream.forEach(records::add);
      }
    }
    zipMembers = new LinkedHashMap<>();
    for (String format : List.of("json", "csv", "html")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      data.hub.export(data.request(ExportFormat.of(format)), BenchmarkData.CALLER, out).orThrow();
      zipMembers.put("bundle." + format, out.toByteArray());
    }
    auditorMembers = new LinkedHashMap<>();
    auditorMembers.put("bundle.json", zipMembers.get("bundle.json"));
    auditorMembers.put("bundle.csv", zipMembers.get("bundle.csv"));
  }

  @Benchmark
  public long jacksonCompact() throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.jackson(exportItems, out, false);
    return out.count;
  }

  @Benchmark
  public long jacksonPretty() throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.jackson(exportItems, out, true);
    return out.count;
  }

  @Benchmark
  public long objectMapperRecords() throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.objectMapper(records, out);
    return out.count;
  }

  @Benchmark
  public long commonsCsv() throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.csv(exportItems, "Phase", out);
    return out.count;
  }

  @Benchmark
  public long htmlTable() throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.html(exportItems, out);
    return out.count;
  }

  @Benchmark
  public long markdownList() throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.markdown(exportItems, out);
    return out.count;
  }

  @Benchmark
  public long zipOfRenderedMembers() throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.zip(zipMembers, out);
    return out.count;
  }

  @Benchmark
  public long zipOfAuditorMembers() throws IOException {
    BenchmarkData.CountingSink out = new BenchmarkData.CountingSink();
    Baselines.zip(auditorMembers, out);
    return out.count;
  }
}
