package dev.exporthub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.exporthub.core.ExportHub;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The builder's timeouts and connection caps")
class ConnectionLimitsTest {

  private static ExportConsole.Builder builder() {
    return ExportConsole.builder(ExportHub.builder().dataSource(ConsoleFixture.DATA).build())
        .callerResolver(CallerResolver.fixed(ConsoleFixture.AUDITOR));
  }

  @Test
  @DisplayName("default to 10 s for a head; 30 s for a body, an idle connection, a response; 16 per address, 256 in all")
  void defaults() {
    assertEquals(Duration.ofSeconds(10), ExportConsole.DEFAULT_HEAD_TIMEOUT);
    assertEquals(Duration.ofSeconds(30), ExportConsole.DEFAULT_BODY_TIMEOUT);
    assertEquals(Duration.ofSeconds(30), ExportConsole.DEFAULT_IDLE_TIMEOUT);
    assertEquals(Duration.ofSeconds(30), ExportConsole.DEFAULT_WRITE_TIMEOUT);
    assertEquals(16, ExportConsole.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
    assertEquals(256, ExportConsole.DEFAULT_MAX_CONNECTIONS);
    assertEquals("10 s", ConnectionLimits.describe(ExportConsole.DEFAULT_HEAD_TIMEOUT));
    assertEquals("300 ms", ConnectionLimits.describe(Duration.ofMillis(300)));
  }

  @Test
  @DisplayName("refuse a timeout that is missing, zero, negative or longer than an hour")
  void timeouts() {
    assertThrows(NullPointerException.class, () -> builder().headTimeout(null));
    assertThrows(IllegalArgumentException.class, () -> builder().headTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> builder().bodyTimeout(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> builder().idleTimeout(Duration.ofHours(2)));
    assertThrows(IllegalArgumentException.class, () -> builder().writeTimeout(Duration.ofNanos(1)));
    builder().headTimeout(Duration.ofMillis(1)).bodyTimeout(Duration.ofHours(1)).build();
  }

  @Test
  @DisplayName("refuse a cap below one, above 65536, or per address above the total")
  void caps() {
    assertThrows(IllegalArgumentException.class, () -> builder().maxConnectionsPerAddress(0));
    assertThrows(IllegalArgumentException.class, () -> builder().maxConnections(70_000));
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
        () -> builder().maxConnections(8).maxConnectionsPerAddress(9).build());
    assertEquals("maxConnectionsPerAddress must be between 1 and maxConnections (8), was 9", both.getMessage());
    builder().maxConnections(8).maxConnectionsPerAddress(8).build();
  }
}
