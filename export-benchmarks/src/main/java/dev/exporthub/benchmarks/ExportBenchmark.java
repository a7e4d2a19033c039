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
 * category shape in every built-in format, to a sink that only counts bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Xms2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ExportBenchmark {

  @Param({"500", "10000", "100000"})
  public long items;

  @Param({"single-source", "compliance-pack", "full-operational"})
  public String shape;

  @Param({"json", "csv", "html", "markdown", "zip", "auditor-package"})
  public String format;

  private BenchmarkData data;
  private ExportFormat exportFormat;

  @Setup
  public void setUp() {
    data = BenchmarkData.forItems(shape, items);
    exportFormat = ExportFormat.of(format);
  }

  @Benchmark
  public long export() {
    return data.export(exportFormat);
  }
}
