package dev.exporthub.cli;

import dev.exporthub.core.log.ExportLog;
import dev.exporthub.core.log.FileLogStore;
import dev.exporthub.core.log.InMemoryLogStore;
import dev.exporthub.core.log.LogVerification;
import dev.exporthub.core.log.NotAnExportLogException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

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
   * Opens the log for appending, creating it when missing. A log that does not verify is still
   * appended to (the people who must read it need to see what is wrong), with a one-line warning. A
   * file that is not a log (a data file given as {@code --log}) is a usage error and stays as it is;
   * a log whose last line is malformed is a failure before anything runs, since the store would
   * refuse the first append and the command could not record what it did.
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
    LogVerification verification = report.verification();
    if (!verification.valid()) {
      context.err().println("warning: the export log " + file + " does not verify (" + verification.summary()
          + "); run 'exporthub log verify --log " + file + "'");
    }
    return store;
  }

  /**
   * The log as it is on disk, read once under a shared lock and never changed: every line, an
   * unfinished last one included, so {@code log verify} reports it.
   */
  static ExportLog readOnly(Path file) {
    return new ExportLog(new InMemoryLogStore(lines(file)));
  }

  /** The log's stored lines as they are on disk, read once under a shared lock; see {@link #readOnly}. */
  static List<String> lines(Path file) {
    if (!Files.exists(file)) {
      throw CliException.usage("there is no export log at " + file + "; give one with --log FILE");
    }
    if (!Files.isRegularFile(file)) {
      throw CliException.usage("the export log " + file + " is not a regular file");
    }
    byte[] bytes;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      FileLock lock = channel.lock(0, Long.MAX_VALUE, true);
      try {
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 16) {
          throw CliException.failed("the export log " + file + " is too large to read at once (" + size + " bytes)");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
          // fill
        }
        bytes = buffer.array();
      } finally {
        lock.release();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Reading the export log " + file + " failed: " + e.getMessage(), e);
    }
    return split(new String(bytes, StandardCharsets.UTF_8));
  }

  private static List<String> split(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        lines.add(text.substring(start));
        break;
      }
      lines.add(text.substring(start, end));
      start = end + 1;
    }
    return lines;
  }
}
