package dev.exporthub.cli;

/** The exit codes of the {@code exporthub} command; a contract, documented in {@code docs/CLI.md}. */
final class ExitCodes {

  /** Success. */
  static final int OK = 0;
  /** Any other failure; for {@code verify} and {@code log verify}: something did not check out. */
  static final int FAILED = 1;
  /** Usage error or invalid request (unknown category or format, inverted range, blank user). */
  static final int USAGE = 2;
  /** The export was denied by policy; the violations are printed one per line. */
  static final int DENIED = 3;
  /** The input data is invalid; the message names the file, the line or record id, and the field. */
  static final int INVALID_DATA = 4;

  private ExitCodes() {
  }
}
