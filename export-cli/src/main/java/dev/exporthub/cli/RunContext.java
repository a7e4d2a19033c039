package dev.exporthub.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where one run of the command happens: its output streams, the directory relative paths are
 * resolved against, and whether stderr is a terminal (progress is shown only then). Tests run the
 * command in-process with their own streams and directory.
 */
final class RunContext {

  private final PrintStream out;
  private final PrintStream err;
  private final Path workingDir;
  private final boolean interactive;
  private final Duration progressDelay;
  private boolean verbose;

  /**
   * @param interactive   whether stderr is a terminal: progress is shown only then
   * @param progressDelay how long an export runs before progress appears
   */
  RunContext(PrintStream out, PrintStream err, Path workingDir, boolean interactive, Duration progressDelay) {
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.workingDir = workingDir.toAbsolutePath().normalize();
    this.interactive = interactive;
    this.progressDelay = Objects.requireNonNull(progressDelay, "progressDelay");
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  /** A path given on the command line, resolved against the working directory. */
  Path resolve(Path path) {
    return workingDir.resolve(path).normalize();
  }

  boolean interactive() {
    return interactive;
  }

  Duration progressDelay() {
    return progressDelay;
  }

  /** Whether errors come with their stack trace ({@code --verbose}). */
  boolean verbose() {
    return verbose;
  }

  void verbose(boolean value) {
    this.verbose = value;
  }
}
