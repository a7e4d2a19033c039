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
 * The distribution of single export times of the reference specification's typical request (its
 * performance figures are informative only, {@code docs/SPECIFICATION.md} §11.1 row 29), a
 * full-operational export of about 500 items, in every built-in format: its median is the
 * project's "under 5 ms" target of {@code docs/PERFORMANCE.md}, which the archive formats do not
 * have.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
public class LatencyBenchmark {

  @Param({"500"})
  public long items;

  @Param({"json", "csv", "html", "markdown", "zip", "auditor-package"})
  public String format;

  private BenchmarkData data;
  private ExportFormat exportFormat;

  @Setup
  public void setUp() {
    data = BenchmarkData.inMemory("full-operational", items);
    exportFormat = ExportFormat.of(format);
  }

  @Benchmark
  public long export() {
    return data.export(exportFormat);
  }
}
