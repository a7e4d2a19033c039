package dev.exporthub.cli;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.core.ExportHub;
import dev.exporthub.core.log.LogVerification;
import dev.exporthub.core.signing.Ed25519Signer;
import dev.exporthub.core.signing.SigningKeys;
import dev.exporthub.core.source.DataDirectorySource;
import dev.exporthub.formats.PackageVerifier;
import dev.exporthub.samples.SampleData;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code exporthub demo}: the whole product in one command. Writes the default sample data set,
 * exports every category in every format the hub knows as a demo auditor holding every permission,
 * signs every export with a key of the output directory (generated on the first run), verifies the
 * archives, the signatures and the log, and prints what it made and where.
 *
 * <p>The clock stands at the sample's end ({@code 2026-01-15T12:00:00Z}) and ids are derived from
 * it, so every run with the same key writes the same files, whatever the log held before. The log
 * lives in the output directory and grows by one run's entries each time.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    header = "Exports every category in every format from sample data, and verifies it all.",
    description = {"Generates sample data, exports every category in every format as a demo auditor",
        "with all permissions, signs them with DIR/exporthub-signing.key (generated on the first run),",
        "verifies the archives, the signatures and the log, and prints what it wrote."})
final class DemoCommand implements Callable<Integer> {

  static final String USER = "demo-auditor";
  static final String ROLE = "auditor";
  static final Set<String> PERMISSIONS = Set.of("export:bundle-formats", "export:compliance-pack",
      "export:cross-tenant", "export:executive-view", "export:federation-admin", "export:long-range");

  private final RunContext context;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write everything (default: ./demo-out).")
  private Path out = Path.of("demo-out");

  DemoCommand(RunContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    PrintStream stdout = context.out();
    Path dir = context.resolve(out);
    Path dataDir = dir.resolve("data");
    Path exportsDir = dir.resolve("exports");
    SampleData sample = SampleData.defaults();
    sample.writeDataDirectory(dataDir);
    Timing timing = Timing.of(sample.now());
    String tenant = sample.tenantIds().get(0);
    Caller caller = new Caller(USER, tenant, sample.federationId(), ROLE, PERMISSIONS);
    Path logFile = dir.resolve(LogFiles.DEFAULT_NAME);
    Path keyFile = dir.resolve(SigningKeys.PRIVATE_KEY_FILE);
    Path publicKeyFile = dir.resolve(SigningKeys.PUBLIC_KEY_FILE);
    boolean newKey = demoKey(keyFile, publicKeyFile);
    Ed25519Signer signer = SigningKeyFiles.signer(keyFile, context);
    PublicKey trusted = SigningKeyFiles.publicKey(publicKeyFile);
    try (ExportLogStore store = LogFiles.openForAppend(new LogFiles.Location(logFile, null), context);
        DataDirectorySource source = DataDirectorySource.open(dataDir)) {
      ExportHub hub = ExportCommand.hub(source, source.tenantDirectory(), store, timing, signer);
      List<FormatDescriptor> formats = hub.formats();
      Table table = Table.withHeader("category", "format", "items", "size", "file");
      int files = 0;
      int archives = 0;
      List<String> damaged = new ArrayList<>();
      for (ExportCategory category : ExportCategory.values()) {
        Path categoryDir = Files.createDirectories(exportsDir.resolve(category.id()));
        for (FormatDescriptor format : formats) {
          ExportRequest request = ExportRequest.builder(category, format.format()).build();
          FileExport export = FileExport.write(hub, out -> hub.export(request, caller, out), caller,
              OutPath.directory(categoryDir));
          ExportResult.Completed completed = export.result().orThrow();
          table.row(category.id(), format.format().id(), completed.bundle().metadata().totalItems(),
              completed.sizeBytes(), dir.relativize(export.file()));
          files++;
          archives += format.multiFile() ? 1 : 0;
          // Every export carries its signature: archives inside, the others as FILE.sig.
          PackageVerifier.Report report = Packages.verify(export.file(), trusted);
          report.problems().forEach(problem -> damaged.add(dir.relativize(export.file()) + ": " + problem));
        }
      }
      stdout.println("Exported " + ExportCategory.values().length + " categories in " + formats.size()
          + " formats as " + USER + " (role " + ROLE + ", tenant " + tenant + ", every permission):");
      stdout.println();
      table.print(stdout, "  ");
      stdout.println();
      stdout.println("Sample data  " + dataDir + " (" + sample.size() + " records, seed " + sample.seed() + ")");
      stdout.println("Exports      " + exportsDir + " (" + files + " files)");
      stdout.println("Archives     " + (archives == 0 ? "none among the formats"
          : archives + " verified against their manifests"));
      stdout.println("Signatures   " + files + " verified with key " + signer.keyId() + " (" + publicKeyFile
          + (newKey ? ", generated now" : "") + "), " + (damaged.isEmpty() ? "all intact" : damaged.size()
              + " problems"));
      damaged.forEach(problem -> stdout.println("  " + problem));
      LogVerification verification = hub.log().verify();
      stdout.println("Log          " + logFile + ": " + verification.summary()
          + hub.log().head().map(head -> "; head " + head).orElse(""));
      if (!verification.valid()) {
        verification.problems().forEach(problem -> stdout.println("  " + LogFiles.describe(problem)));
        throw CliException.failed("the demo's export log " + logFile + " does not verify");
      }
      if (!damaged.isEmpty()) {
        throw CliException.failed("the demo's exports do not verify");
      }
      stdout.println();
      stdout.println("Next: exporthub log stats --log " + logFile + " --now " + sample.now());
      return ExitCodes.OK;
    }
  }

  /**
   * Makes sure the output directory holds the demo's key pair: the one of an earlier run, so that
   * its exports are reproduced byte for byte, or a new one.
   *
   * @return whether the key was generated now
   */
  private static boolean demoKey(Path keyFile, Path publicKeyFile) throws IOException {
    boolean key = Files.exists(keyFile);
    if (key != Files.exists(publicKeyFile)) {
      throw CliException.failed("the demo directory holds " + (key ? keyFile : publicKeyFile) + " without "
          + (key ? publicKeyFile : keyFile) + "; remove it or restore the other");
    }
    if (key) {
      return false;
    }
    Files.createDirectories(keyFile.getParent());
    SigningKeys.write(SigningKeys.generate(), keyFile, publicKeyFile);
    return true;
  }
}
