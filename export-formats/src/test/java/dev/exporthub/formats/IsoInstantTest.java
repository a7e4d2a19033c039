package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link IsoInstant} writes exactly what {@link DateTimeFormatter#ISO_INSTANT} writes. */
class IsoInstantTest {

  @Provide
  Arbitrary<Instant> instants() {
    Arbitrary<Long> anySecond = Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond());
    Arbitrary<Long> fastRange = Arbitraries.longs().between(-62_167_219_200L - 86_400L * 3, 253_402_300_799L + 86_400L * 3);
    Arbitrary<Long> recent = Arbitraries.longs().between(1_500_000_000L, 2_000_000_000L);
    Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999).map(m -> m * 1_000_000),
        Arbitraries.integers().between(0, 999_999).map(u -> u * 1000), Arbitraries.integers().between(0, 999_999_999));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(1, anySecond), net.jqwik.api.Tuple.of(3, fastRange), net.jqwik.api.Tuple.of(3, recent))
        .flatMap(second -> nanos.map(nano -> Instant.ofEpochSecond(second, nano)));
  }

  @Property(tries = 5000)
  void sameTextAsIsoInstant(@ForAll("instants") Instant instant) {
    assertEquals(DateTimeFormatter.ISO_INSTANT.format(instant), IsoInstant.format(instant));
  }

  @Test
  @DisplayName("the edges: first and last fast years, leap days, the extremes of Instant")
  void edges() {
    for (String text : List.of("0000-01-01T00:00:00Z", "-0001-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.999Z",
        "+10000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.000001Z", "2000-02-29T12:00:00.100Z",
        "1900-02-28T23:59:00Z", "2024-02-29T00:00:00.000000001Z", "2026-01-31T12:00:00.250Z")) {
      Instant instant = Instant.parse(text);
      assertEquals(DateTimeFormatter.ISO_INSTANT.format(instant), IsoInstant.format(instant), text);
    }
    assertEquals(DateTimeFormatter.ISO_INSTANT.format(Instant.MIN), IsoInstant.format(Instant.MIN));
    assertEquals(DateTimeFormatter.ISO_INSTANT.format(Instant.MAX), IsoInstant.format(Instant.MAX));
  }
}
