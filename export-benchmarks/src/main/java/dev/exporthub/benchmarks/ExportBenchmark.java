package dev.exporthub.benchmarks;

import dev.exporthub.api.ExportFormat;
import java.util.concurrent.TimeUnit;
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
 * A whole export through the public API (policy, counting pass, rendering, logging) of every
 * category shape in every built-in format, to a sink that only counts bytes. The records the
 * category reads are held in an in-memory source, as the baselines hold their items.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Xms3g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
public class ExportBenchmark {

  @Param({"500", "10000", "100000"})
  public long items;

  @Param({"single-source", "compliance-pack", "full-operational"})
  public String shape;

  @Param({"json", "csv", "html", "markdown", "zip", "auditor-package"})
  public String format;

  private BenchmarkData data;
  private ExportFormat exportFormat;
  private long totalItems;

  @Setup
  public void setUp() {
    data = BenchmarkData.inMemory(shape, items);
    exportFormat = ExportFormat.of(format);
    totalItems = data.preview(exportFormat).metadata().totalItems();
  }

  @Benchmark
  public long export(Volume volume) {
    long bytes = data.export(exportFormat);
    volume.add(totalItems, bytes);
    return bytes;
  }
}
