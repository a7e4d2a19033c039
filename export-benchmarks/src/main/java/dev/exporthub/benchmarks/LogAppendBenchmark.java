package dev.exporthub.benchmarks;

import dev.exporthub.api.LogEntry;
import dev.exporthub.core.internal.LogAppender;
import dev.exporthub.core.log.FileLogStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable appends to one log file from one thread and from eight: the group commit's gain. Each
 * append returns only once its line is forced to the device; the eight threads share forces. The
 * ratio to read is {@code eightThreads} over {@code oneThread}, both appends per second, same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class LogAppendBenchmark {

  /** A fresh log file per trial, shared by the trial's threads. */
  @State(Scope.Benchmark)
  public static class SharedLog {
    Path dir;
    FileLogStore store;
    LogAppender appender;
    final AtomicLong next = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      dir = Files.createTempDirectory("exporthub-bench-append");
      store = FileLogStore.open(dir.resolve("log.jsonl"));
      appender = new LogAppender(store);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      store.close();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(dir);
    }

    LogEntry append() {
      return appender.append(BenchmarkLogs.download(Instant.EPOCH, next.incrementAndGet()));
    }
  }

  @Benchmark
  @Threads(1)
  public LogEntry oneThread(SharedLog log) {
    return log.append();
  }

  @Benchmark
  @Threads(8)
  public LogEntry eightThreads(SharedLog log) {
    return log.append();
  }
}
