package dev.exporthub.console;

import com.sun.net.httpserver.Headers;

/** The headers every response carries; only the content security policy differs between the two. */
enum SecurityHeaders {

  /** Scripts, styles, images and connections from the console's own origin; nothing inline, nothing else. */
  PAGE("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
      + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
  /** An artifact is never run as a page of the console's origin, even when opened directly. */
  DOWNLOAD("default-src 'none'; sandbox; frame-ancestors 'none'");

  private final String csp;

  SecurityHeaders(String csp) {
    this.csp = csp;
  }

  void applyTo(Headers headers) {
    headers.set("Content-Security-Policy", csp);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    headers.set("Cross-Origin-Resource-Policy", "same-origin");
  }
}
