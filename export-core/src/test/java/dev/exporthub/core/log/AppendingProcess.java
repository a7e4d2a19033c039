package dev.exporthub.core.log;

import dev.exporthub.core.internal.LogAppender;
import dev.exporthub.api.LogEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A child process for the file store's process tests (not a test itself): appends to a log file
 * through {@link FileLogStore} and prints each sequence number after its append returned.
 *
 * <p>Arguments: the file, how many entries ({@code -1}: until killed), a name for its entries, and
 * optionally a file whose appearance starts the appends (so that two children start together).
 * Prints {@code ready} once the store is open.
 */
public final class AppendingProcess {

  private AppendingProcess() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    long count = Long.parseLong(args[1]);
    String name = args[2];
    Path go = args.length > 3 ? Path.of(args[3]) : null;
    try (FileLogStore store = FileLogStore.open(file)) {
      LogAppender writer = new LogAppender(store);
      System.out.println("ready");
      System.out.flush();
      while (go != null && !Files.exists(go)) {
        Thread.sleep(1);
      }
      for (long i = 0; count < 0 || i < count; i++) {
        LogEntry entry = writer.append(new LogEntry.ExportDownloaded(0, Instant.now(), "t1",
            new LogEntry.Download("EXP-" + name + "-" + i, "json", name + "-" + i + ".json", i), name, null, null));
        System.out.println(entry.sequence());
        System.out.flush();
      }
    }
  }
}
