package dev.exporthub.api;

/**
 * The request itself is unusable: an unknown category or format id, an inverted time range, a
 * blank user. Thrown before policy is evaluated; nothing is read and nothing is written.
 */
public final class InvalidRequestException extends ExportException {

  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(message, null);
  }

  @Override
  public String errorCode() {
    return "INVALID_REQUEST";
  }
}
