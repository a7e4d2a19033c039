package dev.exporthub.core.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers. Not part of the public API. */
public final class Hashing {

  private Hashing() {}

  /** A new SHA-256 digest; every JDK has one. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** Lower-case hex of bytes. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** Lower-case hex SHA-256 of bytes. */
  public static String sha256Hex(byte[] bytes) {
    return hex(sha256().digest(bytes));
  }
}
