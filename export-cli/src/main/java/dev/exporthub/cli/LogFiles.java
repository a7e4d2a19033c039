package dev.exporthub.cli;

import dev.exporthub.core.log.FileLogStore;
import dev.exporthub.core.log.LogVerification;
import dev.exporthub.core.log.NotAnExportLogException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the export log file: for appending (export, demo) or as a read-only snapshot (log ...). */
final class LogFiles {

  /** The log file when {@code --log} is not given, in the working directory. */
  static final String DEFAULT_NAME = "exporthub-log.jsonl";

  private LogFiles() {
  }

  /** The log file of a {@code --log} option, or the default one in the working directory. */
  static Path resolve(RunContext context, Path option) {
    return context.resolve(option != null ? option : Path.of(DEFAULT_NAME));
  }

  /** One problem of a log verification, for people: {@code entry 3: HASH_MISMATCH: ...}. */
  static String describe(LogVerification.Problem problem) {
    return "entry " + problem.sequence() + ": " + problem.reason() + ": " + problem.detail();
  }

  /**
   * Opens the log for appending, creating it when missing. A log whose last entry does not match its
   * hash is still appended to (the people who must read it need to see what is wrong), with a
   * one-line warning. A file that is not a log (a data file given as {@code --log}) is a usage error
   * and stays as it is; a log whose last line is malformed is a failure before anything runs, since
   * the store would refuse the first append and the command could not record what it did.
   */
  static FileLogStore openForAppend(Path file, RunContext context) {
    if (Files.isDirectory(file)) {
      throw CliException.usage("the export log " + file + " is a directory; give a file with --log FILE");
    }
    FileLogStore store;
    try {
      store = FileLogStore.open(file);
    } catch (NotAnExportLogException notALog) {
      throw CliException.usage(notALog.getMessage());
    }
    FileLogStore.OpenReport report = store.openReport();
    if (report.tornFile() != null) {
      context.err().println("warning: cut an unfinished last line off the export log " + file
          + "; its bytes are kept in " + report.tornFile());
    }
    if (!report.appendable()) {
      store.close();
      throw CliException.failed(report.appendRefusal() + "; run 'exporthub log verify --log " + file + "'");
    }
    if (report.lastEntryProblem() != null) {
      context.err().println("warning: the export log " + file + ": " + report.lastEntryProblem()
          + "; run 'exporthub log verify --log " + file + "'");
    }
    return store;
  }

  /**
   * The log as it is on disk, never changed: read through a read-only store (shared locks, nothing
   * cut; an unfinished last line is its last line, so {@code log verify} reports it). Close it.
   */
  static FileLogStore readOnly(Path file) {
    if (!Files.exists(file)) {
      throw CliException.usage("there is no export log at " + file + "; give one with --log FILE");
    }
    if (!Files.isRegularFile(file)) {
      throw CliException.usage("the export log " + file + " is not a regular file");
    }
    try {
      return FileLogStore.openReadOnly(file);
    } catch (NotAnExportLogException notALog) {
      throw CliException.usage(notALog.getMessage());
    }
  }
}
