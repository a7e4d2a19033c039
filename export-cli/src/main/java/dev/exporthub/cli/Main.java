package dev.exporthub.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;

/**
 * The {@code exporthub} command line:
 *
 * <pre>
 * exporthub export --data DIR --category ID --format ID --out PATH [scope, range, user, options...] [--sign-key FILE]
 * exporthub verify FILE [--public-key PUB]
 * exporthub keygen --out DIR
 * exporthub log verify|head|stats|export [--log FILE] ...
 * exporthub sample --out DIR [--seed N] [--size N] [--tenants N] [--now ISO]
 * exporthub demo [--out DIR]
 * exporthub console --data DIR [--port N] --user ID --user-tenant T [--facility F] [--role R] [--permission P]...
 * </pre>
 *
 * <p>Exit codes: {@code 0} success; {@code 1} any other failure ({@code verify}, {@code log verify}:
 * something did not check out); {@code 2} usage error or invalid request; {@code 3} denied by
 * policy; {@code 4} invalid input data. An error is one line on stderr; {@code --verbose} adds its
 * stack trace. {@code docs/CLI.md} documents every command.
 */
public final class Main {

  /** How long an export runs on a terminal before its progress appears. */
  private static final Duration PROGRESS_DELAY = Duration.ofSeconds(1);

  private Main() {
  }

  /** Runs the command and exits the JVM with its exit code. */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err, Path.of("").toAbsolutePath());
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /**
   * Runs the command in-process; never exits the JVM.
   *
   * @param args       the arguments, without the command name
   * @param out        where results go
   * @param err        where errors, warnings and progress go (progress only when the JVM has a console)
   * @param workingDir what relative paths (and the default log file) are resolved against
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Path workingDir) {
    return run(args, new RunContext(out, err, workingDir, System.console() != null, PROGRESS_DELAY));
  }

  static int run(String[] args, RunContext context) {
    try {
      return commandLine(context).execute(args);
    } catch (RuntimeException | Error e) {
      // what picocli does not hand to the execution exception handler, e.g. an OutOfMemoryError
      context.err().println("exporthub: " + Failures.message(e));
      if (context.verbose()) {
        e.printStackTrace(context.err());
      }
      return ExitCodes.FAILED;
    } finally {
      context.out().flush();
      context.err().flush();
    }
  }

  /** The command tree of one run, wired to its context. */
  static CommandLine commandLine(RunContext context) {
    CommandLine log = new CommandLine(new LogCommand(context))
        .addSubcommand(new LogCommand.Verify(context))
        .addSubcommand(new LogCommand.Head(context))
        .addSubcommand(new LogCommand.Checkpoint(context))
        .addSubcommand(new LogProofCommands.Prove(context))
        .addSubcommand(new LogProofCommands.VerifyReceipt(context))
        .addSubcommand(new LogProofCommands.VerifyConsistency(context))
        .addSubcommand(new LogCommand.Stats(context))
        .addSubcommand(new LogCommand.Export(context));
    CommandLine root = new CommandLine(new RootCommand(context))
        .addSubcommand(new ExportCommand(context))
        .addSubcommand(new VerifyCommand(context))
        .addSubcommand(new KeygenCommand(context))
        .addSubcommand(log)
        .addSubcommand(new SampleCommand(context))
        .addSubcommand(new DemoCommand(context))
        .addSubcommand(new ConsoleCommand(context))
        .addSubcommand(new CommandLine(new DbCommand(context))
            .addSubcommand(new DbCommand.Init(context))
            .addSubcommand(new DbCommand.Load(context)));
    root.setOut(new PrintWriter(context.out(), true));
    root.setErr(new PrintWriter(context.err(), true));
    root.setParameterExceptionHandler((e, args) -> {
      CommandLine failed = e.getCommandLine();
      String name = failed.getCommandSpec().qualifiedName();
      context.err().println(name + ": " + Failures.oneLine(String.valueOf(e.getMessage()))
          + " (see '" + name + " --help')");
      return ExitCodes.USAGE;
    });
    root.setExecutionExceptionHandler((e, failed, parseResult) -> {
      context.err().println(failed.getCommandSpec().qualifiedName() + ": " + Failures.message(e));
      if (context.verbose()) {
        e.printStackTrace(context.err());
      }
      return Failures.exitCode(e);
    });
    return root;
  }
}
