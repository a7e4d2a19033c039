package dev.exporthub.console;

import com.sun.net.httpserver.Headers;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link CallerResolver} may read of an HTTP request: its method, path, headers, cookies and
 * remote address. Not the body, and nothing of the response. Immutable.
 */
public final class ConsoleRequest {

  private final String method;
  private final String path;
  private final Headers headers;
  private final InetSocketAddress remoteAddress;

  ConsoleRequest(String method, String path, Headers headers, InetSocketAddress remoteAddress) {
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    Headers copy = new Headers();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    this.headers = copy;
    this.remoteAddress = remoteAddress;
  }

  /** The HTTP method, upper case, e.g. {@code GET}. */
  public String method() {
    return method;
  }

  /** The decoded path, e.g. {@code /api/exports}, without the query string. */
  public String path() {
    return path;
  }

  /** The first value of a header, matched case-insensitively. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Every value of a header, matched case-insensitively, in the order received; unmodifiable. */
  public List<String> headerValues(String name) {
    List<String> values = headers.get(name);
    return values == null ? List.of() : values;
  }

  /** The value of a cookie from the {@code Cookie} headers, or empty. Names are case-sensitive. */
  public Optional<String> cookie(String name) {
    Objects.requireNonNull(name, "name");
    for (String header : headerValues("Cookie")) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
          String value = pair.substring(eq + 1).strip();
          if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
          }
          return Optional.of(value);
        }
      }
    }
    return Optional.empty();
  }

  /** The address of the connection's peer (a proxy's, behind one), or {@code null} when unknown. */
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  /** The names of the headers received, lower case and sorted. */
  public List<String> headerNames() {
    List<String> names = new ArrayList<>();
    headers.keySet().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
    names.sort(null);
    return List.copyOf(names);
  }

  @Override
  public String toString() {
    return "ConsoleRequest[" + method + " " + path + "]";
  }
}
