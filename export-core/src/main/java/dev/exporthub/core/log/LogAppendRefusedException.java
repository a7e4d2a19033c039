package dev.exporthub.core.log;

import java.nio.file.Path;

/**
 * {@link FileLogStore} does not append after a last line that is complete but not a well-formed
 * entry: the line may be an entry someone damaged, and an entry chained after it would bury it. The
 * line is kept; {@code verify()} reports it as {@code MALFORMED}. Appends go on once an operator has
 * acted: kept the file as evidence and started a new log at another path, or restored the line from
 * a trusted copy.
 */
public final class LogAppendRefusedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;

  LogAppendRefusedException(Path file, long line, String problem) {
    super("Not appending to the export log " + file + ": its last line, line " + line + ", is not a well-formed log "
        + "entry (" + oneLine(problem) + "). The line is kept as evidence and verify() reports it as MALFORMED. "
        + "To go on, keep the file and start a new log at another path, or restore line " + line
        + " from a trusted copy");
    this.file = file.toString();
    this.line = line;
  }

  /** A parser's reason, which may span lines, as a short clause of one line. */
  private static String oneLine(String problem) {
    return LogFileIo.abbreviate(problem.strip().replaceAll("\\s*[\\r\\n]+\\s*", " "));
  }

  /** The log file. */
  public Path file() {
    return Path.of(file);
  }

  /** The number (from 1) of the malformed last line. */
  public long line() {
    return line;
  }
}
