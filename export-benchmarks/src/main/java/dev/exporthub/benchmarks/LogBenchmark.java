package dev.exporthub.benchmarks;

import dev.exporthub.api.ExportStatistics;
import dev.exporthub.api.LogEntry;
import dev.exporthub.core.internal.LogAppender;
import dev.exporthub.core.log.CompactRange;
import dev.exporthub.core.log.ExportLog;
import dev.exporthub.core.log.FileLogStore;
import dev.exporthub.core.log.ForwardLines;
import dev.exporthub.core.log.InclusionReceipt;
import dev.exporthub.core.log.LogQuery;
import dev.exporthub.core.log.LogVerification;
import dev.exporthub.core.log.MerkleTree;
import dev.exporthub.core.log.SignedCheckpoint;
import dev.exporthub.core.signing.Ed25519Signer;
import dev.exporthub.core.signing.SigningKeys;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The export log at 10k, 1M and 10M entries (issue 17): the reads the console makes on every page
 * (statistics, recent history, a tenant's history), one durable append, opening the file, a full
 * verification, a signed checkpoint and an inclusion receipt. The logs are made once by {@link BenchmarkLogs} and kept in
 * {@code java.io.tmpdir}; the heap is 256 MB, whatever the log's size.
 *
 * <p>Appends grow the log during a trial; the trial's teardown cuts the file back to its size before
 * the trial and restores the summary saved then (the line index repairs itself on open), so every
 * trial reads a log of exactly its nominal size.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LogBenchmark {

  /** After every entry's timestamp: the trends count the newest entries. */
  static final Instant NOW = BenchmarkLogs.START.plusSeconds(BenchmarkLogs.MAX_ENTRIES * 60 + 60);

  /** An open log of a given size. */
  @State(Scope.Benchmark)
  public static class OpenLog {
    @Param({"10000", "1000000", "10000000"})
    public long entries;

    Path file;
    long bytes;
    FileLogStore store;
    ExportLog log;
    LogAppender appender;
    private final Ed25519Signer signer = Ed25519Signer.of(SigningKeys.generate());
    private Path summaryBackup;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      file = BenchmarkLogs.ensure(entries);
      bytes = Files.size(file);
      store = FileLogStore.open(file);
      log = new ExportLog(store);
      appender = new LogAppender(store);
      log.statistics(NOW); // reads the summary, or makes it once
      summaryBackup = Files.createTempFile("exporthub-bench-summary", ".bin");
      Path summary = summaryOf(file);
      if (Files.exists(summary)) {
        Files.copy(summary, summaryBackup, StandardCopyOption.REPLACE_EXISTING);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      store.close();
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(bytes); // the benchmark's own appends, not evidence
      }
      Files.move(summaryBackup, summaryOf(file), StandardCopyOption.REPLACE_EXISTING);
    }

    String checkpoint() throws GeneralSecurityException {
      CompactRange tree = new CompactRange();
      try (Stream<String> lines = store.stream(1)) {
        lines.limit(entries).forEach(line -> tree.append(MerkleTree.leafHash(line)));
      }
      String origin = SignedCheckpoint.defaultOrigin(store.read(1, 1).get(0));
      return new SignedCheckpoint(origin, tree.size(), tree.root()).sign(origin, signer);
    }

    private static Path summaryOf(Path file) {
      return file.resolveSibling(file.getFileName() + ".summary");
    }
  }

  /** A signed checkpoint of the open log, made once per trial, for {@link #prove}. */
  @State(Scope.Benchmark)
  public static class Checkpointed {
    String note;

    @Setup(Level.Trial)
    public void setUp(OpenLog log) throws GeneralSecurityException {
      note = log.checkpoint();
    }
  }

  @Benchmark
  public ExportStatistics statistics(OpenLog s) {
    return s.log.statistics(NOW);
  }

  @Benchmark
  public List<LogEntry.ExportGenerated> recentHistory(OpenLog s) {
    return s.log.recentExports(10);
  }

  @Benchmark
  public List<LogEntry.ExportGenerated> tenantHistory(OpenLog s) {
    return s.log.recentExports(10, LogQuery.all().tenant(BenchmarkLogs.tenant(1)));
  }

  @Benchmark
  public LogEntry append(OpenLog s) {
    return s.appender.append(BenchmarkLogs.download(NOW, 0));
  }

  /** Opening the file: the ends, the tail entry, the index's ends; then the first statistics (the saved summary). */
  @Benchmark
  public ExportStatistics openAndStatistics(OpenLog s) {
    try (FileLogStore store = FileLogStore.open(s.file)) {
      return new ExportLog(store).statistics(NOW);
    }
  }

  /** A signed checkpoint of the whole log, as {@code exporthub log checkpoint} makes it: one pass of leaf hashes. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public String checkpoint(OpenLog s) throws GeneralSecurityException {
    return s.checkpoint();
  }

  /** The inclusion receipt of the middle entry against that checkpoint: one pass over the log. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public InclusionReceipt prove(OpenLog s, Checkpointed c) {
    try (ForwardLines lines = ForwardLines.of(s.store)) {
      return InclusionReceipt.prove(s.entries, lines, s.entries / 2, c.note);
    }
  }

  /** A full verification, one pass over the file: the figure to read is the log's bytes over this time. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public LogVerification verify(OpenLog s) {
    LogVerification verification = s.log.verify();
    if (!verification.valid()) {
      throw new IllegalStateException("the benchmark log does not verify: " + verification.summary());
    }
    return verification;
  }
}
