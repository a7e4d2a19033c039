package dev.exporthub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The Host and Origin check")
class HostGuardTest {

  private final HostGuard loopback = HostGuard.of(
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080), 8080, List.of());

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:8080", "localhost:8080", "LOCALHOST:8080", "[::1]:8080", "127.0.0.2:8080"})
  @DisplayName("accepts the loopback names and literals on the bound port")
  void accepts(String host) {
    assertTrue(loopback.hostAllowed(host), host);
    assertTrue(loopback.originAllowed("http://" + host), host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"evil.example:8080", "127.0.0.1", "localhost", "127.0.0.1:8081", "localhost.evil.example:8080",
      "10.0.0.1:8080", "999.0.0.1:8080", "127.0.0.1:8080@evil.example", "user@127.0.0.1:8080", "[::1", "",
      "127.0.0.1:99999999999", "0x7f.0.0.1:8080"})
  @DisplayName("refuses other hosts, other ports and anything malformed")
  void refuses(String host) {
    assertFalse(loopback.hostAllowed(host), host);
    assertFalse(loopback.originAllowed("http://" + host), host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "https://127.0.0.1:8080", "file://", "http://127.0.0.1:8080/path", "127.0.0.1:8080",
      "ftp://127.0.0.1:8080"})
  @DisplayName("refuses origins of another scheme or shape")
  void refusesOrigins(String origin) {
    assertFalse(loopback.originAllowed(origin), origin);
  }

  @Test
  @DisplayName("accepts an allowed proxy host on its scheme's default port, over http and https")
  void allowedHost() {
    HostGuard guard = HostGuard.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9000), 9000,
        List.of("exports.example.com", "intranet:8443"));
    assertTrue(guard.hostAllowed("exports.example.com"));
    assertTrue(guard.hostAllowed("Exports.Example.Com"));
    assertTrue(guard.originAllowed("https://exports.example.com"));
    assertTrue(guard.originAllowed("http://exports.example.com"));
    assertFalse(guard.hostAllowed("exports.example.com:9000"));
    assertTrue(guard.hostAllowed("intranet:8443"));
    assertTrue(guard.originAllowed("https://intranet:8443"));
    assertFalse(guard.hostAllowed("intranet"));
    assertTrue(guard.hostAllowed("localhost:9000"));
  }

  @Test
  @DisplayName("names the page by the bound literal address")
  void baseUri() {
    assertEquals("http://127.0.0.1:8080/", loopback.baseUri().toString());
    HostGuard v6 = HostGuard.of(new InetSocketAddress("::1", 0), 4321, List.of());
    assertEquals("http://[0:0:0:0:0:0:0:1]:4321/", v6.baseUri().toString());
    assertTrue(v6.hostAllowed("[::1]:4321"));
    assertTrue(v6.hostAllowed("localhost:4321"));
  }

  @Test
  @DisplayName("on every interface, accepts the allowed hosts and the loopback names only")
  void wildcard() {
    HostGuard guard = HostGuard.of(new InetSocketAddress(8080), 8080, List.of("console.corp:8080"));
    assertTrue(guard.hostAllowed("console.corp:8080"));
    assertTrue(guard.hostAllowed("localhost:8080"));
    assertFalse(guard.hostAllowed("10.1.2.3:8080"));
    assertFalse(guard.hostAllowed("evil.example:8080"));
    assertEquals("http://localhost:8080/", guard.baseUri().toString());
  }
}
