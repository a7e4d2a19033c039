package dev.exporthub.api.spi;

import java.io.Closeable;
import java.util.List;

/**
 * Where the export log's lines live. A store keeps lines in order and never rewrites one; it knows
 * nothing of their content: the log composes each line from the one before it, and the store makes
 * that read-compose-write step atomic, across threads and (for shared stores) across processes.
 */
public interface ExportLogStore extends Closeable {

  /**
   * Appends one line, atomically with reading the current last line. The line is durable when this
   * method returns.
   *
   * @param composer builds the new line from the current last line ({@code null} when empty)
   * @return the line appended
   */
  String append(LineComposer composer);

  /** Every stored line, in order. */
  List<String> lines();

  /** Releases files and locks. The default does nothing. */
  @Override
  default void close() {
  }

  /** Builds the next line of the log from the last one. */
  @FunctionalInterface
  interface LineComposer {
    /**
     * @param lastLine the newest stored line, or {@code null} for an empty log
     * @return the line to append, without a line terminator
     */
    String compose(String lastLine);
  }
}
