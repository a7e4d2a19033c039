package dev.exporthub.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code exporthub}: the top command; alone, it prints its usage and exits with 2. */
@Command(name = "exporthub", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {
        "Deterministic, policy-checked export bundles of operational data,",
        "with a tamper-evident log.",
        "",
        "Exit codes:",
        "  0  success",
        "  1  any other failure; verify: something did not check out",
        "  2  usage error or invalid request",
        "  3  denied by policy (the violations are printed one per line)",
        "  4  invalid input data (file, line or record id, and field)"},
    footer = {"", "Start with: exporthub demo"})
final class RootCommand implements Callable<Integer> {

  private final RunContext context;

  @Spec
  private CommandSpec spec;

  RootCommand(RunContext context) {
    this.context = context;
  }

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error, not only its one-line message.")
  void verbose(boolean value) {
    context.verbose(value);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(context.err());
    return ExitCodes.USAGE;
  }
}
