package dev.exporthub.api;

/** An export was allowed but could not be completed, usually because of an I/O failure. */
public final class ExportFailedException extends ExportException {

  private static final long serialVersionUID = 1L;

  public ExportFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String errorCode() {
    return "EXPORT_FAILED";
  }
}
