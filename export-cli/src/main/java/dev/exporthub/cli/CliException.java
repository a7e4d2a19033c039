package dev.exporthub.cli;

/**
 * A failure the command reports in one line with a chosen exit code: a bad argument (a missing
 * directory, a file that is not a package) or a check that did not pass.
 */
final class CliException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** A usage error: exit code {@value ExitCodes#USAGE}. */
  static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  /** A failed check or operation: exit code {@value ExitCodes#FAILED}. */
  static CliException failed(String message) {
    return new CliException(ExitCodes.FAILED, message);
  }

  int exitCode() {
    return exitCode;
  }
}
