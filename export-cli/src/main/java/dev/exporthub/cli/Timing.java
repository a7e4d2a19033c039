package dev.exporthub.cli;

import dev.exporthub.core.ExportHub;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The clock of a run. With {@code --now} the clock stands still at that instant and the hub derives
 * its ids without a nonce, so the same command by the same user gives the same bytes,
 * {@code exportId} included, while two users' or two requests' exports never share an id
 * (SPECIFICATION.md §4.8). Without it: the system clock and ids unique to the run.
 *
 * @param clock the hub's clock
 * @param fixed whether the clock was fixed with {@code --now}
 */
record Timing(Clock clock, boolean fixed) {

  /** @param fixedNow the {@code --now} instant, or {@code null} for real time */
  static Timing of(Instant fixedNow) {
    return fixedNow == null ? new Timing(Clock.systemUTC(), false)
        : new Timing(Clock.fixed(fixedNow, ZoneOffset.UTC), true);
  }

  /** The hub's clock and ids for this run. */
  ExportHub.Builder applyTo(ExportHub.Builder builder) {
    builder.clock(clock);
    return fixed ? builder.reproducibleIds() : builder;
  }
}
