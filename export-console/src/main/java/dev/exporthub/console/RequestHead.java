package dev.exporthub.console;

import com.sun.net.httpserver.Headers;
import java.net.URI;

/**
 * A request line and its headers as the front parsed and checked them, before any handler runs.
 *
 * @param method         the method as sent (methods are case-sensitive)
 * @param uri            the origin-form target, a relative URI: path and query
 * @param protocol       {@code HTTP/1.1} or {@code HTTP/1.0}, as sent
 * @param headers        every header field, in order
 * @param bodyLength     the declared {@code Content-Length}, 0 without a body, or {@link #CHUNKED}
 * @param keepAlive      whether the client lets the connection carry another request
 * @param expectContinue whether the client waits for {@code 100 Continue} before it sends the body
 */
record RequestHead(String method, URI uri, String protocol, Headers headers, long bodyLength, boolean keepAlive,
    boolean expectContinue) {

  /** The {@link #bodyLength} of a body sent with {@code Transfer-Encoding: chunked}. */
  static final long CHUNKED = -1;

  boolean chunked() {
    return bodyLength == CHUNKED;
  }

  /** Whether a response to this request carries no body whatever its headers say. */
  boolean head() {
    return method.equals("HEAD");
  }
}
