package dev.exporthub.core.log;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child process for the crash tests (not a test itself): deletes a log's line index and opens the
 * log, which rebuilds it, over and over until killed, printing {@code indexed} after each open.
 */
public final class IndexingProcess {

  private IndexingProcess() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    while (true) {
      try {
        Files.deleteIfExists(LineIndex.pathOf(file));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      try (FileLogStore store = FileLogStore.open(file)) {
        System.out.println("indexed " + store.size());
        System.out.flush();
      }
    }
  }
}
