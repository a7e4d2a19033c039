package dev.exporthub.benchmarks;

import dev.exporthub.api.LogEntry;
import dev.exporthub.core.internal.LogCodec;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.PolicyDecision;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Export logs of a given number of entries for the log benchmarks, made once and kept in
 * {@code java.io.tmpdir/exporthub-bench-logs} (a 10M-entry log is about 6 GB and takes a minute or
 * two to make). Every entry is sealed exactly as the hub seals it: a mix of what a platform logs
 * (per ten entries: six generated exports, two downloads, a policy decision, an error), over 100
 * tenants, one entry a minute from {@link #START}.
 */
final class BenchmarkLogs {

  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final long MAX_ENTRIES = 10_000_000;

  private BenchmarkLogs() {}

  /** The log file of {@code entries} entries, made when it is not there yet. */
  static Path ensure(long entries) throws IOException {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "exporthub-bench-logs");
    Files.createDirectories(dir);
    Path file = dir.resolve("log-" + entries + ".jsonl");
    if (Files.exists(file)) {
      return file;
    }
    Path partial = dir.resolve("log-" + entries + ".jsonl.partial");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20)) {
      String prevHash = LogEntry.GENESIS_HASH;
      for (long seq = 1; seq <= entries; seq++) {
        LogCodec.Sealed sealed = LogCodec.seal(entry(seq), seq, prevHash);
        out.write(sealed.line().getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        prevHash = sealed.entry().hash();
      }
    }
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  static String tenant(long n) {
    return "tenant-" + (n % 100);
  }

  static LogEntry.ExportDownloaded download(Instant at, long n) {
    return new LogEntry.ExportDownloaded(0, at, tenant(n),
        new LogEntry.Download("EXP-" + Long.toHexString(n), "json", "EXP-" + Long.toHexString(n) + ".json",
            10_000 + n % 5_000), "user-" + n % 37, null, null);
  }

  private static LogEntry entry(long seq) {
    Instant at = START.plusSeconds(seq * 60);
    String tenant = tenant(seq);
    String user = "user-" + seq % 37;
    return switch ((int) (seq % 10)) {
      case 0, 5 -> download(at, seq);
      case 7 -> new LogEntry.ExportError(0, at, tenant,
          new LogEntry.ErrorInfo("q-" + seq, "EXPORT_FAILED", "the alerts engine did not answer in time",
              java.util.Map.of("category", "alerts")),
          user, null, null);
      case 9 -> LogEntries.decision(at, tenant, user, seq);
      default -> LogEntries.generated(at, tenant, user, seq);
    };
  }

  /** Builds the generated-export and policy-decision entries as the hub records them. */
  private static final class LogEntries {
    private static final List<String> CATEGORIES = List.of("audit-findings", "drift-events", "alerts",
        "compliance-pack", "full-operational");
    private static final List<String> FORMATS = List.of("json", "csv", "html", "markdown", "zip", "auditor-package");

    static LogEntry generated(Instant at, String tenant, String user, long seq) {
      String id = "EXP-" + Long.toHexString(seq * 0x9E3779B97F4A7C15L);
      return new LogEntry.ExportGenerated(0, at, tenant, seq % 3 == 0 ? "facility-" + seq % 11 : null,
          new LogEntry.GeneratedExport("bundle-" + seq, id, "q-" + seq, CATEGORIES.get((int) (seq % 5)),
              FORMATS.get((int) (seq % 6)), 4, 100 + seq % 900, 20_000 + seq % 80_000,
              HexFormat.of().formatHex(ByteBuffer.allocate(32).putLong(seq).putLong(~seq).array()),
              40 + seq % 200, List.of("Phase 50: Audit & Governance Engine", "Phase 52: Alerting Engine"), null),
          user, null, null);
    }

    static LogEntry decision(Instant at, String tenant, String user, long seq) {
      return new LogEntry.PolicyEvaluated(0, at, PolicyDecision.of("q-" + seq, new ExportScope(tenant, null, null),
          List.of(), List.of(), List.of("tenant-isolation", "format-restrictions", "time-range")), user, null, null);
    }
  }
}
