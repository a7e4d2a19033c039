package dev.exporthub.cli;

import dev.exporthub.api.LogEntry;
import dev.exporthub.core.log.ExportLog;
import dev.exporthub.core.log.InMemoryLogStore;
import dev.exporthub.samples.SampleData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Sample data directories and log readers for the tests. */
final class Fixtures {

  private Fixtures() {
  }

  /** Writes {@code SampleData.defaults()} (500 records, 3 tenants, ending {@value Cli#NOW}) into {@code dir}. */
  static Path sampleData(Path dir) {
    try {
      SampleData.defaults().writeDataDirectory(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entries of a log file, as the log reads them. */
  static List<LogEntry> entries(Path logFile) {
    return log(logFile).entries();
  }

  static ExportLog log(Path logFile) {
    try {
      return new ExportLog(new InMemoryLogStore(Files.readAllLines(logFile)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The regular files directly in {@code dir}, by name. */
  /** The names of the files in a directory, sorted; the log's derived files (its index and summary) left out. */
  static List<String> fileNames(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(name -> !name.endsWith(".jsonl.idx") && !name.endsWith(".jsonl.summary")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
