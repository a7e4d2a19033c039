package dev.exporthub.jdbc;

import dev.exporthub.api.LogEntry;
import dev.exporthub.core.internal.LogAppender;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child process for {@link JdbcLogStoreProcessTest} (not a test itself): a replica appending to
 * the log table through its own {@link JdbcLogStore}, printing each sequence number once its append
 * returned.
 *
 * <p>Arguments: the JDBC URL (read from the environment variable it names, so that no password is on
 * a command line), how many entries, a name for its entries, and a file whose appearance starts the
 * appends (so that every child starts together). Prints {@code ready} once the store is open.
 */
public final class JdbcAppendingProcess {

  private JdbcAppendingProcess() {
  }

  public static void main(String[] args) throws Exception {
    String url = System.getenv(args[0]);
    long count = Long.parseLong(args[1]);
    String name = args[2];
    Path go = Path.of(args[3]);
    LogAppender writer = new LogAppender(JdbcLogStore.open(UrlDataSource.of(url, null)));
    System.out.println("ready");
    System.out.flush();
    while (!Files.exists(go)) {
      Thread.sleep(1);
    }
    for (long i = 0; i < count; i++) {
      LogEntry entry = writer.append(LogLines.download(name, i));
      System.out.println(entry.sequence());
      System.out.flush();
    }
  }
}
