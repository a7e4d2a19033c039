package dev.exporthub.console;

import java.time.Duration;
import java.util.Objects;

/**
 * How long, and how many: the bounds the console's front puts on every client. The timeouts are the
 * builder's; the sizes below are fixed, because no browser or script of the console comes near them.
 *
 * @param headTimeout              request line and headers, from the connection (or, kept alive, from the request's first byte)
 * @param bodyTimeout              the whole request body, from the end of the headers
 * @param idleTimeout              a kept-alive connection waiting for its next request
 * @param writeTimeout             writing one response, all of it
 * @param maxConnectionsPerAddress open connections from one IP address
 * @param maxConnections           open connections in all
 */
record ConnectionLimits(Duration headTimeout, Duration bodyTimeout, Duration idleTimeout, Duration writeTimeout,
    int maxConnectionsPerAddress, int maxConnections) {

  /** The request line and headers together; a longer request line is 414, longer headers 431. */
  static final int MAX_HEAD_BYTES = 16 * 1024;
  /** Header fields of one request; more is 431. */
  static final int MAX_HEADER_FIELDS = 100;
  /** How long a connection refused or answered with an error is read (and discarded) before it is closed. */
  static final Duration LINGER = Duration.ofSeconds(1);
  /** Bytes discarded while lingering; past them the connection is closed at once. */
  static final int MAX_LINGER_BYTES = 64 * 1024;
  /** Refused connections lingering at once; more are closed without an answer, so refusing stays cheap under a flood. */
  static final int MAX_LINGERING = 64;

  private static final Duration LONGEST = Duration.ofHours(1);

  ConnectionLimits {
    check("headTimeout", headTimeout);
    check("bodyTimeout", bodyTimeout);
    check("idleTimeout", idleTimeout);
    check("writeTimeout", writeTimeout);
    if (maxConnections < 1 || maxConnections > 65_536) {
      throw new IllegalArgumentException("maxConnections must be between 1 and 65536, was " + maxConnections);
    }
    if (maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > maxConnections) {
      throw new IllegalArgumentException("maxConnectionsPerAddress must be between 1 and maxConnections ("
          + maxConnections + "), was " + maxConnectionsPerAddress);
    }
  }

  /** A duration as a message tells it: {@code 10 s}, {@code 500 ms}. */
  static String describe(Duration value) {
    return value.toMillis() % 1000 == 0 ? value.toSeconds() + " s" : value.toMillis() + " ms";
  }

  /** A connection count a builder option may take: 1 to 65536 (their relation is checked at build). */
  static int check(String name, int value) {
    if (value < 1 || value > 65_536) {
      throw new IllegalArgumentException(name + " must be between 1 and 65536, was " + value);
    }
    return value;
  }

  /** A duration a builder option may take: at least a millisecond, at most an hour. */
  static Duration check(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException(name + " must be between 1 ms and 1 hour, was " + value);
    }
    return value;
  }
}
