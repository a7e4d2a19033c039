package dev.exporthub.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code exporthub verify FILE}: checks a ZIP bundle or auditor package against its manifest. */
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
  public Integer call() {
    Path path = context.resolve(file);
    return Packages.verify(path, context);
  }
}
