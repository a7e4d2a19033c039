package dev.exporthub.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open interval of instants, {@code [from, to)}: an item is inside when
 * {@code from <= t < to}. An empty range ({@code from == to}) is allowed and contains nothing.
 *
 * @param from the first instant inside, never null
 * @param to   the first instant after the range, never null, not before {@code from}
 */
public record TimeRange(Instant from, Instant to) {

  /** The default range length: 30 days. */
  public static final Duration DEFAULT_LENGTH = Duration.ofDays(30);

  /** @throws InvalidRequestException when {@code to} is before {@code from} */
  public TimeRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new InvalidRequestException("Time range is inverted: 'to' " + to + " is before 'from' " + from);
    }
  }

  /** The range {@code [from, to)}. */
  public static TimeRange of(Instant from, Instant to) {
    return new TimeRange(from, to);
  }

  /** The default range: the 30 days ending at {@code now}. */
  public static TimeRange endingAt(Instant now) {
    return new TimeRange(now.minus(DEFAULT_LENGTH), now);
  }

  /** Whether {@code instant} lies in {@code [from, to)}. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(from) && instant.isBefore(to);
  }

  /** The length of the range. */
  public Duration length() {
    return Duration.between(from, to);
  }
}
