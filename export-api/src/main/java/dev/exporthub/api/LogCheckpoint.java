package dev.exporthub.api;

import java.util.Objects;

/**
 * The position and hash of one log entry. A caller that keeps the newest checkpoint can later prove
 * that the log was not truncated behind it.
 *
 * @param sequence the entry's sequence number, from 1
 * @param hash     the entry's hash, 64 lower-case hex digits
 */
public record LogCheckpoint(long sequence, String hash) {

  public LogCheckpoint {
    Objects.requireNonNull(hash, "hash");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
    }
  }

  /** Parses {@code SEQ:HASH}. */
  public static LogCheckpoint parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon < 1) {
      throw new InvalidRequestException("A checkpoint looks like SEQ:HASH, got '" + text + "'");
    }
    try {
      return new LogCheckpoint(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("A checkpoint looks like SEQ:HASH, got '" + text + "'");
    }
  }

  @Override
  public String toString() {
    return sequence + ":" + hash;
  }
}
