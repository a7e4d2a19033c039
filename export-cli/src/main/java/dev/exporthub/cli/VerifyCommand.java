package dev.exporthub.cli;

import dev.exporthub.formats.PackageVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code exporthub verify FILE}: checks a ZIP bundle or auditor package against its manifest. Exit
 * 0 when it checks out; 1, naming every problem, when it does not (a ZIP archive without a manifest
 * included); 2 when FILE is missing or is not a ZIP archive at all (a JSON, CSV, HTML or Markdown
 * export has no manifest to check).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    header = "Verifies a zip or auditor-package export against its manifest.",
    description = {"Every listed file present and unchanged, none added, every name safe to extract.",
        "Exit 1 when anything does not check out, 2 when FILE is not a package."})
final class VerifyCommand implements Callable<Integer> {

  private final RunContext context;

  @Parameters(paramLabel = "FILE", description = "The package to verify.")
  private Path file;

  VerifyCommand(RunContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    Path path = context.resolve(file);
    PackageVerifier.Report report = Packages.verify(path);
    String kind = Packages.describe(report.layout());
    if (!report.ok()) {
      report.problems().forEach(problem -> context.out().println(problem));
      throw CliException.failed(path + " does not verify: " + report.problems().size()
          + (report.problems().size() == 1 ? " problem in the " : " problems in the ") + kind);
    }
    context.out().println("OK " + path + ": " + kind + ", " + report.files() + " files, " + report.bytes()
        + " bytes, every file as its manifest lists it");
    return ExitCodes.OK;
  }
}
