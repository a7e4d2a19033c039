package dev.exporthub.cli;

import dev.exporthub.api.ArtifactSignature;
import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.ProgressListener;
import dev.exporthub.api.UncheckedRequest;
import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.core.ExportHub;
import dev.exporthub.core.signing.Ed25519Signer;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.TenantDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code exporthub export}: one export of a data directory to a file, as one user.
 *
 * <p>The request goes to the hub as typed ({@link UncheckedRequest}), so the hub logs what it logs
 * for every surface: an invalid request (an unknown category id, a format id of the wrong shape, an
 * instant that does not parse, an inverted time range, a blank scope part) is one {@code error}
 * entry ({@code INVALID_REQUEST}), and a data directory that cannot be read (two files for one
 * source, a malformed {@code tenants.json}) one {@code error} entry ({@code INVALID_DATA}). A blank
 * {@code --user} or {@code --user-tenant} is not logged: there is no caller to name. Options
 * picocli cannot parse are usage errors, not logged.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Exports one category of a data directory in one format, as one user.",
    description = {"The file appears atomically, only on success. Every export is logged (--log).",
        "Exit 3 when policy denies it (nothing is written), 4 when the data is invalid."})
final class ExportCommand implements Callable<Integer> {

  private final RunContext context;

  @Mixin
  private DataOptions dataOptions;

  @Option(names = "--category", required = true, paramLabel = "ID",
      description = "The category, e.g. compliance-pack, full-operational.")
  private String category;

  @Option(names = "--format", required = true, paramLabel = "ID",
      description = "The format: one the hub knows, e.g. json, csv, html, markdown, zip, auditor-package.")
  private String format;

  @Option(names = "--out", required = true, paramLabel = "PATH",
      description = "The file to write, or an existing directory that receives {bundleId}.{ext}.")
  private Path out;

  @Option(names = "--tenant", paramLabel = "T", description = "Scope: this tenant (default: the user's).")
  private String tenant;

  @Option(names = "--facility", paramLabel = "F", description = "Scope: this facility.")
  private String facility;

  @Option(names = "--federation", paramLabel = "X", description = "Scope: every tenant of this federation.")
  private String federation;

  @Option(names = "--from", paramLabel = "ISO",
      description = "Start of the time range, inclusive (default: 30 days before --to).")
  private String from;

  @Option(names = "--to", paramLabel = "ISO", description = "End of the time range, exclusive (default: now).")
  private String to;

  @Option(names = "--user", required = true, paramLabel = "ID", description = "Who exports.")
  private String user;

  @Option(names = "--user-tenant", required = true, paramLabel = "T", description = "The user's tenant.")
  private String userTenant;

  @Option(names = "--user-federation", paramLabel = "X", description = "The user's federation.")
  private String userFederation;

  @Option(names = "--role", paramLabel = "R", description = "The user's role, e.g. auditor, executive, admin.")
  private String role;

  @Option(names = "--permission", paramLabel = "P", split = ",",
      description = "A permission the user holds, e.g. export:long-range; repeatable.")
  private List<String> permissions = new ArrayList<>();

  @Option(names = "--option", paramLabel = "KEY=VALUE",
      description = "A format option, e.g. csv.bom=true; repeatable.")
  private Map<String, String> options = new LinkedHashMap<>();

  @Option(names = "--log", paramLabel = LogFiles.LABEL, description = "The export log to append to: " + LogFiles.HELP)
  private String log;

  @Option(names = "--now", paramLabel = "ISO", converter = IsoInstant.class,
      description = "Fixes the clock (and ids): the same command then writes the same bytes.")
  private Instant now;

  @Option(names = "--sign-key", paramLabel = "FILE",
      description = "Signs the export with this Ed25519 private key (PKCS#8 PEM, e.g. from exporthub keygen):"
          + " archives inside, other formats as FILE.sig beside the output.")
  private Path signKey;

  ExportCommand(RunContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    LogFiles.Location logFile = LogFiles.resolve(context, log);
    DataOption opened = dataOptions.open(context);
    OutPath target = OutPath.of(context.resolve(out), new OutPath.Guard(logFile.file(), opened.dataDir()));
    Ed25519Signer signer = signKey == null ? null : SigningKeyFiles.signer(context.resolve(signKey), context);
    if (signer != null && target.file() != null) {
      target.companion(target.file(), ArtifactSignature.FILE_SUFFIX);
    }
    Caller caller = new Caller(user, userTenant, userFederation, role, new TreeSet<>(permissions));
    Timing timing = Timing.of(now);
    UncheckedRequest request = UncheckedRequest.of(category, format)
        .withScope(tenant, facility, federation)
        .withRange(from, to)
        .withOptions(options);
    try (DataOption source = opened; ExportLogStore store = LogFiles.openForAppend(logFile, context)) {
      ExportHub hub = hub(source.source(), source.directory(), store, timing, signer);
      ProgressListener progress = TerminalProgress.of(context);
      FileExport export;
      try {
        export = FileExport.write(hub, out -> hub.export(request, caller, out, progress), caller, target);
      } finally {
        TerminalProgress.finish(progress);
      }
      return report(export);
    }
  }

  /**
   * The hub of one run: the records and federations of the data directory or database, the log
   * file, the run's clock and ids, and the signer, if any.
   */
  static ExportHub hub(OperationalDataSource source, TenantDirectory directory, ExportLogStore store, Timing timing,
      ArtifactSigner signer) {
    ExportHub.Builder builder = timing.applyTo(ExportHub.builder())
        .dataSource(source)
        .tenantDirectory(directory)
        .logStore(store);
    return (signer == null ? builder : builder.signer(signer)).build();
  }

  private int report(FileExport export) {
    PrintStream err = context.err();
    if (export.result() instanceof ExportResult.Denied denied) {
      denied.decision().violations().forEach(violation -> err.println("denied: " + violation));
      return ExitCodes.DENIED;
    }
    ExportResult.Completed completed = (ExportResult.Completed) export.result();
    completed.decision().warnings().forEach(warning -> err.println("warning: " + warning));
    PrintStream stdout = context.out();
    stdout.println("Exported " + completed.bundle().category().id() + " as " + completed.bundle().format() + ": "
        + completed.bundle().sections().size() + " sections, " + completed.bundle().metadata().totalItems()
        + " items, " + completed.sizeBytes() + " bytes");
    stdout.println("  file    " + export.file());
    stdout.println("  bundle  " + completed.bundle().bundleId());
    stdout.println("  sha256  " + completed.sha256());
    ArtifactSignature signature = completed.signature();
    if (signature != null) {
      stdout.println("  signed  key " + signature.keyId() + (export.signature() != null ? ", " + export.signature()
          : ", inside the archive (manifest-sha256.txt.sig)"));
    }
    return ExitCodes.OK;
  }
}
