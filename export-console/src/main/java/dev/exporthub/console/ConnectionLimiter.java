package dev.exporthub.console;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts open connections, per client address and in all, so that one client (or a flood of them)
 * cannot take every connection the console is willing to hold. Thread-safe; a slot is released
 * before its connection is closed, so a client that sees the close can connect again at once.
 */
final class ConnectionLimiter {

  /** Whether a new connection may stay. */
  enum Admission {
    ADMITTED,
    /** This address has its share: {@code 429}. */
    ADDRESS_FULL,
    /** The console holds all it will: {@code 503}. */
    SERVER_FULL
  }

  private final int perAddress;
  private final int total;
  private final Map<InetAddress, Integer> open = new HashMap<>();
  private int count;

  ConnectionLimiter(int perAddress, int total) {
    this.perAddress = perAddress;
    this.total = total;
  }

  /** Takes a slot for this address if there is one; only {@link Admission#ADMITTED} must be {@link #release released}. */
  synchronized Admission acquire(InetAddress address) {
    if (count >= total) {
      return Admission.SERVER_FULL;
    }
    int mine = open.getOrDefault(address, 0);
    if (mine >= perAddress) {
      return Admission.ADDRESS_FULL;
    }
    open.put(address, mine + 1);
    count++;
    return Admission.ADMITTED;
  }

  synchronized void release(InetAddress address) {
    Integer mine = open.get(address);
    if (mine == null) {
      return;
    }
    if (mine <= 1) {
      open.remove(address);
    } else {
      open.put(address, mine - 1);
    }
    count--;
  }

  /** Connections open from this address. */
  synchronized int open(InetAddress address) {
    return open.getOrDefault(address, 0);
  }

  /** Connections open in all. */
  synchronized int open() {
    return count;
  }
}
