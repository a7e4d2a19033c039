package dev.exporthub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HeadParser")
class HeadParserTest {

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static RequestHead parse(String head) {
    byte[] buf = bytes(head);
    return HeadParser.parse(buf, HeadParser.headEnd(buf, 0, buf.length));
  }

  @Test
  @DisplayName("finds the end of a head with CRLF or bare LF, and the same when it arrives a byte at a time")
  void headEnd() {
    String head = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
    byte[] buf = bytes(head + "{body}");
    assertEquals(head.length(), HeadParser.headEnd(buf, 0, buf.length));
    byte[] lf = bytes("GET / HTTP/1.1\nHost: a\n\nrest");
    assertEquals(24, HeadParser.headEnd(lf, 0, lf.length));
    // As the front does: resume two bytes before where the last search stopped.
    int scanned = 0;
    int found = -1;
    for (int length = 1; length <= buf.length && found < 0; length++) {
      found = HeadParser.headEnd(buf, scanned, length);
      scanned = Math.max(0, length - 2);
    }
    assertEquals(head.length(), found);
    assertEquals(-1, HeadParser.headEnd(bytes("GET / HTTP/1.1\r\nHost: a\r\n"), 0, 25));
  }

  @Test
  @DisplayName("reads the request line, headers, framing and connection handling")
  void fields() {
    RequestHead head = parse("POST /api/history?limit=2 HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n"
        + "X-Spaces: \t padded \t\r\nExpect: 100-Continue\r\n\r\n");
    assertEquals("POST", head.method());
    assertEquals("/api/history", head.uri().getPath());
    assertEquals("limit=2", head.uri().getRawQuery());
    assertEquals(5, head.bodyLength());
    assertEquals("padded", head.headers().getFirst("x-spaces"));
    assertTrue(head.keepAlive());
    assertTrue(head.expectContinue());
    assertTrue(parse("POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n").chunked());
    assertFalse(parse("GET / HTTP/1.1\r\nConnection: keep-alive, close\r\n\r\n").keepAlive());
    assertFalse(parse("GET / HTTP/1.0\r\n\r\n").keepAlive());
    assertFalse(parse("GET / HTTP/1.0\r\nExpect: 100-continue\r\n\r\n").expectContinue());
    assertEquals(0, parse("GET / HTTP/1.1\r\n\r\n").bodyLength());
    assertTrue(parse("HEAD / HTTP/1.1\r\n\r\n").head());
  }

  @Test
  @DisplayName("tells a request line that is too long (414) from headers that are (431)")
  void tooLarge() {
    byte[] line = bytes("GET /" + "a".repeat(100));
    assertEquals(414, HeadParser.tooLarge(line, line.length).status());
    byte[] headers = bytes("GET / HTTP/1.1\r\nX: " + "a".repeat(100));
    assertEquals(431, HeadParser.tooLarge(headers, headers.length).status());
  }

  @Test
  @DisplayName("refuses what could be read two ways")
  void smuggling() {
    assertEquals(400, assertThrows(HttpProblem.class,
        () -> parse("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")).status());
    assertEquals(400, assertThrows(HttpProblem.class,
        () -> parse("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n")).status());
    assertEquals(501, assertThrows(HttpProblem.class,
        () -> parse("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")).status());
    assertEquals(400, assertThrows(HttpProblem.class,
        () -> parse("GET / HTTP/1.1\r\nHost: a\rX-Injected: 1\r\n\r\n")).status());
  }
}
