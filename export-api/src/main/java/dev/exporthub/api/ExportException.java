package dev.exporthub.api;

/**
 * The root of Export Hub's typed errors. Every subclass carries a stable {@link #errorCode()}
 * that is also written to the {@code error} entry of the export log.
 */
public abstract sealed class ExportException extends RuntimeException
    permits InvalidRequestException, InvalidDataException, ExportFailedException, ExportDeniedException {

  private static final long serialVersionUID = 1L;

  protected ExportException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A stable, upper-case code such as {@code INVALID_REQUEST}. */
  public abstract String errorCode();
}
