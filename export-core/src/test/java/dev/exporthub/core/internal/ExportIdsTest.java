package dev.exporthub.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.exporthub.api.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExportIdsTest {

  private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
  private static final Caller ANA = Caller.of("ana", "t-1", "auditor", List.of("b", "a"));
  private static final Caller BOB = Caller.of("bob", "t-1", "auditor", Set.of());

  @Test
  @DisplayName("reproducible ids repeat for the same calls, and differ by caller, request, instant and call")
  void reproducible() {
    ExportIds one = ExportIds.reproducible();
    ExportIds two = ExportIds.reproducible();
    String first = one.queryId("request-a", ANA, NOW);
    assertEquals(first, two.queryId("request-a", Caller.of("ana", "t-1", "auditor", List.of("a", "b")), NOW),
        "permission order does not matter");
    assertEquals(one.exportId(first), two.exportId(first));
    assertNotEquals(first, ExportIds.reproducible().queryId("request-a", BOB, NOW));
    assertNotEquals(first, ExportIds.reproducible().queryId("request-b", ANA, NOW));
    assertNotEquals(first, ExportIds.reproducible().queryId("request-a", ANA, NOW.plusMillis(1)));
    assertNotEquals(first, one.queryId("request-a", ANA, NOW), "a second call is another query");
  }

  @Test
  @DisplayName("unique ids differ between two hubs for the same calls; supplied ids are used as they come")
  void uniqueAndSupplied() {
    assertNotEquals(ExportIds.unique().queryId("r", ANA, NOW), ExportIds.unique().queryId("r", ANA, NOW));
    ExportIds supplied = ExportIds.supplied(() -> "fixed");
    assertEquals("fixed", supplied.queryId("r", ANA, NOW));
    assertEquals("fixed", supplied.exportId("q"));
  }
}
