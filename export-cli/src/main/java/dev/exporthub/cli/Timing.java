package dev.exporthub.cli;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The clock and id supplier of a run. With {@code --now} both are fixed: the clock stands still at
 * that instant and ids are name-based UUIDs of the instant and a counter, so the same command gives
 * the same bytes, {@code exportId} included. Without it: the system clock and random UUIDs.
 *
 * @param clock the hub's clock
 * @param ids   the hub's query and export ids
 */
record Timing(Clock clock, Supplier<String> ids) {

  /** @param fixedNow the {@code --now} instant, or {@code null} for real time */
  static Timing of(Instant fixedNow) {
    if (fixedNow == null) {
      return new Timing(Clock.systemUTC(), () -> UUID.randomUUID().toString());
    }
    String prefix = "exporthub-cli/" + fixedNow + "/";
    AtomicLong counter = new AtomicLong();
    return new Timing(Clock.fixed(fixedNow, ZoneOffset.UTC),
        () -> UUID.nameUUIDFromBytes((prefix + counter.incrementAndGet()).getBytes(StandardCharsets.UTF_8)).toString());
  }
}
