package dev.exporthub.cli;

import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.core.log.FileLogStore;
import dev.exporthub.core.log.LogVerification;
import dev.exporthub.core.log.NotAnExportLogException;
import dev.exporthub.jdbc.JdbcLogException;
import dev.exporthub.jdbc.JdbcLogStore;
import dev.exporthub.jdbc.UrlDataSource;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Opens the export log of {@code --log}, a file or the tables behind a JDBC URL: for appending
 * (export, demo, console) or read-only (log ...).
 */
final class LogFiles {

  /** The log file when {@code --log} is not given, in the working directory. */
  static final String DEFAULT_NAME = "exporthub-log.jsonl";

  /** The {@code --log} options' label and help, one for every command. */
  static final String LABEL = "FILE|JDBC-URL";
  static final String HELP = "a file (default: ./" + DEFAULT_NAME + ") or the export_log table of a JDBC URL, "
      + "jdbc:postgresql://HOST:PORT/DB?user=NAME (password from the URL or " + UrlDataSource.PASSWORD_VARIABLE + ").";

  private LogFiles() {
  }

  /**
   * Where {@code --log} points: a file ({@code url} null) or a database ({@code file} null).
   * {@link #toString()} is what messages show: the file, or the URL without its password.
   */
  record Location(Path file, String url) {
    @Override
    public String toString() {
      return file != null ? file.toString() : UrlDataSource.redacted(url);
    }
  }

  /** The log of a {@code --log} option: a JDBC URL, a file, or the default file in the working directory. */
  static Location resolve(RunContext context, String option) {
    if (option != null && option.startsWith("jdbc:")) {
      return new Location(null, option);
    }
    try {
      return new Location(context.resolve(Path.of(option != null ? option : DEFAULT_NAME)), null);
    } catch (InvalidPathException e) {
      throw CliException.usage("--log must be a file or a JDBC URL (jdbc:postgresql://...): " + e.getMessage());
    }
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
  static ExportLogStore openForAppend(Location location, RunContext context) {
    if (location.url() != null) {
      return jdbc(location, true);
    }
    Path file = location.file();
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
   * cut; an unfinished last line is its last line, so {@code log verify} reports it), or the log
   * table read through a read-only store. Close it.
   */
  static ExportLogStore readOnly(Location location) {
    if (location.url() != null) {
      return jdbc(location, false);
    }
    Path file = location.file();
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

  /** The log table of a JDBC URL; a database that cannot be reached or holds no log is a failure. */
  private static JdbcLogStore jdbc(Location location, boolean writable) {
    try {
      UrlDataSource dataSource = UrlDataSource.of(location.url());
      return writable ? JdbcLogStore.open(dataSource) : JdbcLogStore.openReadOnly(dataSource);
    } catch (JdbcLogException e) {
      throw CliException.failed("the export log " + location + ": " + e.getMessage());
    }
  }
}
