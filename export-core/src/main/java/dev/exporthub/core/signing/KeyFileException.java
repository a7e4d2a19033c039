package dev.exporthub.core.signing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A key file that cannot be used: not PEM, the wrong kind of key, encrypted, or damaged. The message
 * names the file and what is wrong with it, and never quotes its content.
 */
public final class KeyFileException extends IOException {

  private static final long serialVersionUID = 1L;

  /** The file, as a string: {@link Path} is not serializable. */
  private final String file;

  KeyFileException(Path file, String problem) {
    super(file + ": " + Objects.requireNonNull(problem, "problem"));
    this.file = file.toString();
  }

  /** The key file. */
  public Path file() {
    return Path.of(file);
  }
}
