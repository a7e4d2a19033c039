package dev.exporthub.core.log;

import java.nio.file.Path;

/**
 * {@link FileLogStore#open(Path)} was given a file that is not an export log (a data file, a JSON
 * array, a CSV): neither its first nor its last line is a log entry. Nothing was written to the
 * file; give the log's own path, or a path where a new log may be created.
 */
public final class NotAnExportLogException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String file;

  NotAnExportLogException(Path file, String why) {
    super("The file " + file + " is not an export log: " + why + "; it was left unchanged. Give the export log's own "
        + "file, or a path where a new log may be created");
    this.file = file.toString();
  }

  /** The file that was refused. */
  public Path file() {
    return Path.of(file);
  }
}
