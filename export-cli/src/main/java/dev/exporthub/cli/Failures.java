package dev.exporthub.cli;

import dev.exporthub.api.ExportDeniedException;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.InvalidRequestException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** How a failure becomes an exit code and one line on stderr. */
final class Failures {

  private Failures() {
  }

  /** The exit code of a failure, by the contract in {@link ExitCodes}. */
  static int exitCode(Throwable failure) {
    if (failure instanceof CliException cli) {
      return cli.exitCode();
    }
    if (find(failure, InvalidDataException.class) != null) {
      return ExitCodes.INVALID_DATA;
    }
    if (failure instanceof InvalidRequestException) {
      return ExitCodes.USAGE;
    }
    if (failure instanceof ExportDeniedException) {
      return ExitCodes.DENIED;
    }
    return ExitCodes.FAILED;
  }

  /** What to tell a person, in one line: the message that names the cause, never a stack trace. */
  static String message(Throwable failure) {
    InvalidDataException invalid = find(failure, InvalidDataException.class);
    Throwable shown = invalid != null ? invalid : failure;
    // new UncheckedIOException(e) says only "java.nio.file.NoSuchFileException: /x": show the cause.
    if (shown instanceof UncheckedIOException && shown.getCause() != null
        && String.valueOf(shown.getMessage()).equals(shown.getCause().toString())) {
      shown = shown.getCause();
    }
    String message;
    if (shown instanceof NoSuchFileException missing) {
      message = "no such file: " + missing.getFile();
    } else if (shown instanceof AccessDeniedException denied) {
      message = "permission denied: " + denied.getFile();
    } else if (shown.getMessage() == null || shown.getMessage().isBlank()) {
      message = shown.getClass().getSimpleName();
    } else {
      message = shown.getMessage();
    }
    return oneLine(message);
  }

  /** The text with line breaks and runs of white space folded into single spaces. */
  static String oneLine(String text) {
    return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
