package dev.exporthub.console;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads an HTTP/1.1 request head (RFC 9112) strictly: whatever it cannot take at its word is an
 * {@link HttpProblem}, which the front answers as JSON with the console's security headers. Strict
 * where leniency has let requests be read two ways (smuggling): one {@code Content-Length} value, no
 * {@code Content-Length} beside {@code Transfer-Encoding}, no folded lines, no space before a colon.
 */
final class HeadParser {

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern HTTP_1 = Pattern.compile("HTTP/1\\.[0-9]");
  private static final Pattern HTTP_ANY = Pattern.compile("HTTP/[0-9]\\.[0-9]");
  private static final Pattern LENGTH = Pattern.compile("[0-9]{1,18}");

  private HeadParser() {}

  /**
   * Where the head in {@code buf[0, length)} ends: the index just past its empty line, or -1 when it
   * has not all arrived. {@code from} is where the previous search stopped, so a head that arrives
   * a byte at a time is scanned once, not once per byte. A line may end in CRLF or a bare LF.
   */
  static int headEnd(byte[] buf, int from, int length) {
    for (int i = Math.max(0, from); i < length; i++) {
      if (buf[i] != '\n') {
        continue;
      }
      if (i + 1 < length && buf[i + 1] == '\n') {
        return i + 2;
      }
      if (i + 2 < length && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
        return i + 3;
      }
    }
    return -1;
  }

  /** The answer to a head that filled {@link ConnectionLimits#MAX_HEAD_BYTES} without ending. */
  static HttpProblem tooLarge(byte[] buf, int length) {
    for (int i = 0; i < length; i++) {
      if (buf[i] == '\n') {
        return new HttpProblem(431, "headers-too-large",
            "The request headers are larger than " + ConnectionLimits.MAX_HEAD_BYTES + " bytes");
      }
    }
    return new HttpProblem(414, "uri-too-long",
        "The request line is longer than " + ConnectionLimits.MAX_HEAD_BYTES + " bytes");
  }

  /** The head in {@code buf[0, end)}, {@code end} as {@link #headEnd} found it. */
  static RequestHead parse(byte[] buf, int end) {
    List<String> lines = lines(new String(buf, 0, end, StandardCharsets.ISO_8859_1));
    String[] parts = lines.get(0).split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw HttpProblem.badRequest("The request line is not 'METHOD /path HTTP/1.1'");
    }
    if (!TOKEN.matcher(parts[0]).matches()) {
      throw HttpProblem.badRequest("The request method is not a valid token");
    }
    String protocol = parts[2];
    if (!HTTP_1.matcher(protocol).matches()) {
      throw HTTP_ANY.matcher(protocol).matches()
          ? new HttpProblem(505, "http-version-not-supported", "The console speaks HTTP/1.1 only")
          : HttpProblem.badRequest("The request line is not 'METHOD /path HTTP/1.1'");
    }
    URI uri = target(parts[1]);
    if (lines.size() - 1 > ConnectionLimits.MAX_HEADER_FIELDS) {
      throw new HttpProblem(431, "headers-too-large",
          "A request may have at most " + ConnectionLimits.MAX_HEADER_FIELDS + " header fields");
    }
    Headers headers = new Headers();
    for (String line : lines.subList(1, lines.size())) {
      header(line, headers);
    }
    boolean http10 = protocol.equals("HTTP/1.0");
    boolean keepAlive = !http10 && !tokens(headers, "Connection").contains("close");
    boolean expectContinue = !http10 && "100-continue".equalsIgnoreCase(strip(headers.getFirst("Expect")));
    return new RequestHead(parts[0], uri, protocol, headers, bodyLength(headers), keepAlive, expectContinue);
  }

  // Origin form only: the console is no proxy (absolute form), and "//host/x" would read as an authority.
  private static URI target(String raw) {
    if (!raw.startsWith("/") || raw.startsWith("//")) {
      throw HttpProblem.badRequest("The request target must be a path such as /api/session");
    }
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw HttpProblem.badRequest("The request path is malformed: " + e.getReason());
    }
    if (uri.getRawFragment() != null) {
      throw HttpProblem.badRequest("The request path is malformed: a request cannot carry a fragment");
    }
    return uri;
  }

  private static List<String> lines(String head) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = head.indexOf('\n'); i >= 0; i = head.indexOf('\n', start)) {
      String line = head.substring(start, i);
      line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      start = i + 1;
      if (line.isEmpty()) {
        break; // the empty line that ends the head
      }
      lines.add(line);
    }
    if (lines.isEmpty()) {
      throw HttpProblem.badRequest("The request has no request line");
    }
    return lines;
  }

  private static void header(String line, Headers headers) {
    if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
      throw HttpProblem.badRequest("Folded header lines are not accepted");
    }
    int colon = line.indexOf(':');
    if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
      throw HttpProblem.badRequest("A header line is not 'Name: value'");
    }
    String value = strip(line.substring(colon + 1));
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw HttpProblem.badRequest("The header " + line.substring(0, colon) + " holds a control character");
      }
    }
    headers.add(line.substring(0, colon), value);
  }

  private static long bodyLength(Headers headers) {
    List<String> encodings = tokens(headers, "Transfer-Encoding");
    List<String> lengths = headers.get("Content-Length");
    if (headers.containsKey("Transfer-Encoding")) {
      if (lengths != null) {
        throw HttpProblem.badRequest("A request cannot have both Content-Length and Transfer-Encoding");
      }
      if (!encodings.equals(List.of("chunked"))) {
        throw new HttpProblem(501, "not-implemented", "Only Transfer-Encoding: chunked is supported");
      }
      return RequestHead.CHUNKED;
    }
    if (lengths == null) {
      return 0;
    }
    String only = null;
    for (String header : lengths) {
      for (String value : header.split(",", -1)) {
        String v = strip(value);
        if (!LENGTH.matcher(v).matches() || (only != null && !only.equals(v))) {
          throw HttpProblem.badRequest("Content-Length must be one non-negative whole number");
        }
        only = v;
      }
    }
    return Long.parseLong(only);
  }

  /** The comma-separated tokens of every value of a header, lower case. */
  private static List<String> tokens(Headers headers, String name) {
    List<String> tokens = new ArrayList<>();
    for (String header : headers.getOrDefault(name, List.of())) {
      for (String token : header.split(",")) {
        if (!strip(token).isEmpty()) {
          tokens.add(strip(token).toLowerCase(Locale.ROOT));
        }
      }
    }
    return tokens;
  }

  // HTTP's optional whitespace is space and tab only; String.strip() would take more.
  private static String strip(String value) {
    if (value == null) {
      return null;
    }
    int from = 0;
    int to = value.length();
    while (from < to && (value.charAt(from) == ' ' || value.charAt(from) == '\t')) {
      from++;
    }
    while (to > from && (value.charAt(to - 1) == ' ' || value.charAt(to - 1) == '\t')) {
      to--;
    }
    return value.substring(from, to);
  }
}
