package dev.exporthub.console;

import java.util.List;

/**
 * An answer other than success, with a stable error code for the page and a message for the user.
 * Thrown inside the handler and turned into a JSON error body.
 */
final class HttpProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient List<String> violations;
  private final transient List<String> warnings;
  private final String allow;

  HttpProblem(int status, String code, String message) {
    this(status, code, message, List.of(), List.of(), null);
  }

  private HttpProblem(int status, String code, String message, List<String> violations, List<String> warnings,
      String allow) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.violations = List.copyOf(violations);
    this.warnings = List.copyOf(warnings);
    this.allow = allow;
  }

  static HttpProblem badRequest(String message) {
    return new HttpProblem(400, "invalid-request", message);
  }

  static HttpProblem denied(String reason, List<String> violations, List<String> warnings) {
    return new HttpProblem(403, "denied", reason, violations, warnings, null);
  }

  static HttpProblem forbidden(String code, String message) {
    return new HttpProblem(403, code, message);
  }

  static HttpProblem notFound(String message) {
    return new HttpProblem(404, "not-found", message);
  }

  static HttpProblem methodNotAllowed(String method, String allow) {
    return new HttpProblem(405, "method-not-allowed", "Method " + method + " is not allowed here; use " + allow,
        List.of(), List.of(), allow);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  List<String> violations() {
    return violations;
  }

  List<String> warnings() {
    return warnings;
  }

  /** The {@code Allow} header of a 405, or {@code null}. */
  String allow() {
    return allow;
  }
}
