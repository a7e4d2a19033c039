package dev.exporthub.console;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a request's {@code Host} and {@code Origin} name this console: the bound address
 * and port (for a loopback or wildcard bind also {@code localhost} and any loopback literal), the
 * host name the address was given as, and the authorities the host allowed explicitly. A page of
 * another site, or a rebound DNS name pointing at the loopback address, names another host and is
 * refused. No name is ever resolved: only literals are parsed.
 */
final class HostGuard {

  private static final Pattern HOST_PORT =
      Pattern.compile("(\\[[0-9a-f:.]+\\]|[a-z0-9.-]+)(?::([0-9]{1,5}))?");
  private static final Pattern IPV4 = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");

  private final InetAddress bound;
  private final int port;
  private final boolean loopbackNames;
  private final Set<String> names;
  private final Set<String> extras;
  private final URI baseUri;

  private HostGuard(InetAddress bound, int port, boolean loopbackNames, Set<String> names, Set<String> extras,
      URI baseUri) {
    this.bound = bound;
    this.port = port;
    this.loopbackNames = loopbackNames;
    this.names = names;
    this.extras = extras;
    this.baseUri = baseUri;
  }

  static HostGuard of(InetSocketAddress configured, int actualPort, List<String> allowedHosts) {
    InetAddress address = configured.getAddress();
    boolean loopback = address.isLoopbackAddress() || address.isAnyLocalAddress();
    Set<String> names = new TreeSet<>();
    if (loopback) {
      names.add("localhost");
    }
    String given = configured.getHostString().toLowerCase(Locale.ROOT);
    if (!isLiteral(given)) {
      names.add(given);
    }
    String host;
    if (address.isAnyLocalAddress()) {
      host = "localhost";
    } else if (address instanceof java.net.Inet6Address) {
      host = "[" + address.getHostAddress().replaceFirst("%.*$", "") + "]";
    } else {
      host = address.getHostAddress();
    }
    return new HostGuard(address, actualPort, loopback, names, new TreeSet<>(allowedHosts),
        URI.create("http://" + host + ":" + actualPort + "/"));
  }

  /** The page's address. */
  URI baseUri() {
    return baseUri;
  }

  /** Whether a {@code Host} header names this console. */
  boolean hostAllowed(String hostHeader) {
    return hostHeader != null && authorityAllowed(hostHeader.strip().toLowerCase(Locale.ROOT), "http");
  }

  /** Whether an {@code Origin} header names this console: {@code http} to the console, or an allowed host. */
  boolean originAllowed(String origin) {
    if (origin == null) {
      return false;
    }
    String value = origin.strip().toLowerCase(Locale.ROOT);
    int sep = value.indexOf("://");
    if (sep < 0) {
      return false;
    }
    String scheme = value.substring(0, sep);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return false;
    }
    String authority = value.substring(sep + 3);
    return !authority.isEmpty() && !authority.contains("/") && authorityAllowed(authority, scheme);
  }

  private boolean authorityAllowed(String authority, String scheme) {
    Matcher m = HOST_PORT.matcher(authority);
    if (!m.matches()) {
      return false;
    }
    String host = m.group(1);
    int defaultPort = scheme.equals("https") ? 443 : 80;
    int requestPort;
    try {
      requestPort = m.group(2) == null ? defaultPort : Integer.parseInt(m.group(2));
    } catch (NumberFormatException e) {
      return false;
    }
    if (extras.contains(host + ":" + requestPort) || (requestPort == defaultPort && extras.contains(host))) {
      return true;
    }
    if (!scheme.equals("http") || requestPort != port) {
      return false;
    }
    if (names.contains(host)) {
      return true;
    }
    InetAddress literal = literal(host);
    return literal != null && (literal.equals(bound) || (loopbackNames && literal.isLoopbackAddress()));
  }

  private static boolean isLiteral(String host) {
    return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
  }

  /** The address an IP literal names, or {@code null} for a name or a malformed literal; never a DNS lookup. */
  private static InetAddress literal(String host) {
    try {
      if (host.startsWith("[")) {
        return InetAddress.getByName(host);
      }
      Matcher m = IPV4.matcher(host);
      if (!m.matches()) {
        return null;
      }
      byte[] raw = new byte[4];
      for (int i = 0; i < 4; i++) {
        int octet = Integer.parseInt(m.group(i + 1));
        if (octet > 255) {
          return null;
        }
        raw[i] = (byte) octet;
      }
      return InetAddress.getByAddress(raw);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
