package dev.exporthub.cli;

import dev.exporthub.api.ExportStatistics;
import dev.exporthub.api.LogCheckpoint;
import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.core.log.ExportLog;
import dev.exporthub.core.log.LogVerification;
import dev.exporthub.core.log.SignedCheckpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code exporthub log}: the log's subcommands; alone, it prints its usage and exits with 2. They
 * read the log file through a read-only store, under shared locks, and never change it (no torn line
 * is cut off); they may write the log's derived files beside it (its line index and summary).
 */
@Command(name = "log", mixinStandardHelpOptions = true,
    header = "Reads the export log: verifies, checkpoints and proves it, prints its statistics, exports it.",
    description = "Reads the export log: verifies its hash chain, prints its head checkpoint or statistics, exports it.")
final class LogCommand implements Callable<Integer> {

  private final RunContext context;

  @Spec
  private CommandSpec spec;

  LogCommand(RunContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(context.err());
    return ExitCodes.USAGE;
  }

  /** {@code exporthub log verify}: exit 0 when the chain checks out, 1 naming every problem otherwise. */
  @Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
      header = "Verifies the log's hash chain.",
      description = {"Every entry unchanged, none missing, reordered or duplicated; with --checkpoint",
          "also that the log was not cut back behind a head printed earlier, or not rewritten or cut back",
          "behind a signed checkpoint or any checkpoint of a checkpoints file. Exit 1 names each problem."})
  static final class Verify implements Callable<Integer> {

    private final RunContext context;

    @Option(names = "--log", paramLabel = LogFiles.LABEL, description = "The log: " + LogFiles.HELP)
    private String log;

    @Option(names = "--checkpoint", paramLabel = "SEQ:HASH|FILE",
        description = "A head printed earlier by 'log head', a signed checkpoint of 'log checkpoint', or a hub's "
            + "checkpoints file (every checkpoint in it is checked).")
    private String checkpoint;

    @Option(names = "--public-key", paramLabel = "PUB", description = "The key a signed checkpoint is checked with.")
    private Path publicKey;

    Verify(RunContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      boolean signed = checkpoint != null && !checkpoint.matches("[0-9]+:[0-9a-f]{64}")
          && java.nio.file.Files.isRegularFile(context.resolve(Path.of(checkpoint)));
      if (signed && publicKey == null) {
        throw CliException.usage("a signed checkpoint file needs --public-key PUB");
      }
      if (publicKey != null && !signed) {
        throw CliException.usage("--public-key goes with a signed checkpoint file: --checkpoint FILE");
      }
      LogCheckpoint kept = checkpoint == null || signed ? null : LogCheckpoint.parse(checkpoint);
      LogFiles.Location file = LogFiles.resolve(context, log);
      String signedResult;
      LogVerification verification;
      try (ExportLogStore store = LogFiles.readOnly(file)) {
        signedResult = signed ? LogCheckpoints.check(context.resolve(Path.of(checkpoint)),
            SigningKeyFiles.publicKey(context.resolve(publicKey)), store) : null;
        verification = new ExportLog(store).verify(kept);
      }
      if (!verification.valid()) {
        verification.problems().forEach(problem -> context.out().println(LogFiles.describe(problem)));
        throw CliException.failed("the export log " + file + " does not verify: " + verification.summary());
      }
      context.out().println("OK " + file + ": " + verification.summary());
      if (kept != null) {
        context.out().println("checkpoint " + kept + " is in the log, unchanged");
      }
      if (signedResult != null) {
        context.out().println(signedResult);
      }
      return ExitCodes.OK;
    }
  }

  /** {@code exporthub log checkpoint}: a signed checkpoint (C2SP signed note) of the log as it is. */
  @Command(name = "checkpoint", mixinStandardHelpOptions = true, sortOptions = false,
      header = "Signs a checkpoint of the log's Merkle tree.",
      description = {"A C2SP tlog-checkpoint (origin, tree size, root) as a signed note. Keep it where the",
          "log's writers cannot change it; 'log verify --checkpoint FILE --public-key PUB' checks it later."})
  static final class Checkpoint implements Callable<Integer> {

    private final RunContext context;

    @Option(names = "--log", paramLabel = LogFiles.LABEL, description = "The log: " + LogFiles.HELP)
    private String log;

    @Option(names = "--sign-key", required = true, paramLabel = "KEY", description = "The private key (PEM).")
    private Path signKey;

    @Option(names = "--origin", paramLabel = "NAME",
        description = "The log's name in the note (default: derived from its first entry).")
    private String origin;

    @Option(names = "--out", paramLabel = "FILE", description = "The file to write (default: stdout).")
    private Path out;

    Checkpoint(RunContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      LogFiles.Location file = LogFiles.resolve(context, log);
      String note;
      try (ExportLogStore store = LogFiles.readOnly(file)) {
        String first = store.read(1, 1).stream().findFirst().orElseThrow(
            () -> CliException.failed("the export log " + file + " is empty: there is nothing to checkpoint"));
        String name = origin != null ? origin : SignedCheckpoint.defaultOrigin(first);
        note = LogCheckpoints.of(name, store).sign(name, SigningKeyFiles.signer(context.resolve(signKey), context));
      } catch (IllegalArgumentException e) {
        throw CliException.usage(e.getMessage());
      } catch (java.security.GeneralSecurityException e) {
        throw CliException.failed("signing the checkpoint failed: " + e.getMessage());
      }
      if (out == null) {
        context.out().print(note);
        return ExitCodes.OK;
      }
      Path target = OutPath.of(context.resolve(out), new OutPath.Guard(file.file(), null))
          .resolve("exporthub-checkpoint.txt");
      AtomicFile.write(target, stream -> {
        stream.write(note.getBytes(StandardCharsets.UTF_8));
        return null;
      });
      context.out().println("wrote " + target);
      return ExitCodes.OK;
    }
  }

  /** {@code exporthub log head}: prints the newest entry's checkpoint, {@code SEQ:HASH}. */
  @Command(name = "head", mixinStandardHelpOptions = true,
      header = "Prints the checkpoint SEQ:HASH of the newest entry.",
      description = {"Keep it where the log's writers cannot change it;",
          "'log verify --checkpoint SEQ:HASH' checks it later."})
  static final class Head implements Callable<Integer> {

    private final RunContext context;

    @Option(names = "--log", paramLabel = LogFiles.LABEL, description = "The log: " + LogFiles.HELP)
    private String log;

    Head(RunContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      LogFiles.Location file = LogFiles.resolve(context, log);
      LogCheckpoint head;
      try (ExportLogStore store = LogFiles.readOnly(file)) {
        head = new ExportLog(store).head()
            .orElseThrow(() -> CliException.failed("the export log " + file + " is empty: it has no head"));
      }
      context.out().println(head);
      return ExitCodes.OK;
    }
  }

  /**
   * {@code exporthub log stats}: the statistics of {@code docs/SPECIFICATION.md} §8, as a table or
   * JSON.
   */
  @Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
      header = "Prints export statistics.",
      description = "Totals, averages, counts by category, format and tenant, and 24-hour trends.")
  static final class Stats implements Callable<Integer> {

    private final RunContext context;

    @Option(names = "--log", paramLabel = LogFiles.LABEL, description = "The log: " + LogFiles.HELP)
    private String log;

    @Option(names = "--now", paramLabel = "ISO", converter = IsoInstant.class,
        description = "The end of the trend windows (default: now).")
    private Instant now;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    private boolean json;

    Stats(RunContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      ExportStatistics statistics;
      try (ExportLogStore store = LogFiles.readOnly(LogFiles.resolve(context, log))) {
        statistics = new ExportLog(store).statistics(now != null ? now : Instant.now());
      }
      if (json) {
        StatisticsReport.json(statistics, context.out());
      } else {
        StatisticsReport.text(statistics, context.out());
      }
      return ExitCodes.OK;
    }
  }

  /** {@code exporthub log export}: the log's entries as JSON or CSV, to stdout or a file. */
  @Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
      header = "Writes the log's entries as JSON or CSV.",
      description = {"JSON: an array of the entries, each exactly as stored. CSV: one row per entry.",
          "A file given with --out appears atomically, only on success."})
  static final class Export implements Callable<Integer> {

    private final RunContext context;

    @Option(names = "--format", required = true, paramLabel = "json|csv", description = "json or csv.")
    private String format;

    @Option(names = "--log", paramLabel = LogFiles.LABEL, description = "The log: " + LogFiles.HELP)
    private String log;

    @Option(names = "--out", paramLabel = "FILE", description = "The file to write (default: stdout).")
    private Path out;

    Export(RunContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      String wanted = format.strip().toLowerCase(Locale.ROOT);
      if (!wanted.equals("json") && !wanted.equals("csv")) {
        throw CliException.usage("--format must be json or csv, was '" + format + "'");
      }
      LogFiles.Location logFile = LogFiles.resolve(context, log);
      Path target = out == null ? null : OutPath.of(context.resolve(out), new OutPath.Guard(logFile.file(), null)).resolve(
          LogFiles.DEFAULT_NAME.replace(".jsonl", "." + wanted));
      try (ExportLogStore store = LogFiles.readOnly(logFile)) {
        ExportLog exportLog = new ExportLog(store);
        AtomicFile.Body<Void> body = stream -> {
          write(exportLog, wanted, stream);
          return null;
        };
        if (target == null) {
          body.write(context.out());
        } else {
          AtomicFile.write(target, body);
          context.out().println("wrote " + target);
        }
      }
      return ExitCodes.OK;
    }

    private static void write(ExportLog exportLog, String format, OutputStream stream) throws IOException {
      if (format.equals("json")) {
        exportLog.writeJson(stream);
      } else {
        exportLog.writeCsv(stream);
      }
    }
  }
}
