package dev.exporthub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exporthub.console.ConnectionLimiter.Admission;
import java.net.InetAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ConnectionLimiter")
class ConnectionLimiterTest {

  @Test
  @DisplayName("caps each address on its own: one client at its cap leaves the others their share")
  void perAddress() throws Exception {
    InetAddress a = InetAddress.getByName("127.0.0.1");
    InetAddress b = InetAddress.getByName("::1");
    ConnectionLimiter limiter = new ConnectionLimiter(2, 10);
    assertEquals(Admission.ADMITTED, limiter.acquire(a));
    assertEquals(Admission.ADMITTED, limiter.acquire(a));
    assertEquals(Admission.ADDRESS_FULL, limiter.acquire(a));
    assertEquals(Admission.ADMITTED, limiter.acquire(b), "another client is still served");
    assertEquals(2, limiter.open(a));
    limiter.release(a);
    assertEquals(Admission.ADMITTED, limiter.acquire(a), "a released slot is free again");
    assertEquals(3, limiter.open());
  }

  @Test
  @DisplayName("caps all connections together, and forgets an address once it has none open")
  void total() throws Exception {
    InetAddress a = InetAddress.getByName("127.0.0.1");
    InetAddress b = InetAddress.getByName("::1");
    ConnectionLimiter limiter = new ConnectionLimiter(2, 3);
    limiter.acquire(a);
    limiter.acquire(a);
    limiter.acquire(b);
    assertEquals(Admission.SERVER_FULL, limiter.acquire(b));
    limiter.release(b);
    limiter.release(b); // releasing more than was taken changes nothing
    assertEquals(0, limiter.open(b));
    assertEquals(2, limiter.open());
  }
}
