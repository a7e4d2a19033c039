package dev.exporthub.core;

import java.nio.file.Path;

/**
 * An automatic checkpoint ({@link Checkpoints}) could not be signed or written. The log is not
 * affected: every entry was stored before its checkpoint was attempted, and the export that
 * appended it succeeded. The hub reports each failure through SLF4J (an error of the logger
 * {@code dev.exporthub.core.ExportHub}) and goes on; a later checkpoint covers the entries this one
 * would have. {@link ExportHub#close()} throws it when the final checkpoint fails, since no later
 * one will come.
 */
public final class CheckpointException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final long treeSize;

  CheckpointException(Path file, long treeSize, String failure, Throwable cause) {
    super("The checkpoint at tree size " + treeSize + " was not written to " + file + ": " + failure
        + ". No log entry is lost; a later checkpoint covers them once this is fixed, or sign one by hand with "
        + "'exporthub log checkpoint --log LOG --sign-key KEY'", cause);
    this.file = file.toString();
    this.treeSize = treeSize;
  }

  /** The checkpoints file. */
  public Path file() {
    return Path.of(file);
  }

  /** The tree size of the checkpoint that was not written. */
  public long treeSize() {
    return treeSize;
  }
}
