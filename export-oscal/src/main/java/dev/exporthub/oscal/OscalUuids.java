package dev.exporthub.oscal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based UUIDs (RFC 9562 §5.5, version 5: SHA-1) in Export Hub's own namespace, so that the
 * same bundle gives the same identifiers, and the same bytes, on every run.
 */
final class OscalUuids {

  /**
   * Export Hub's OSCAL namespace: a random (version 4) UUID drawn once and fixed for ever. Changing it
   * changes every identifier of every document.
   */
  static final UUID NAMESPACE = UUID.fromString("a6222749-c794-4915-bcf2-96f91815ef96");

  private OscalUuids() {
  }

  /** The version 5 UUID of {@code name} in {@link #NAMESPACE}. */
  static UUID of(String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-1, which every Java platform must provide", e);
    }
    sha1.update(ByteBuffer.allocate(16).putLong(NAMESPACE.getMostSignificantBits())
        .putLong(NAMESPACE.getLeastSignificantBits()).array());
    byte[] hash = sha1.digest(utf8(name));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // the RFC 4122/9562 variant
    ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(b.getLong(), b.getLong());
  }

  /** UTF-8, with every unpaired surrogate as U+FFFD (as the document's text writes it). */
  static byte[] utf8(String text) {
    StringBuilder b = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1));
      if (Character.isSurrogate(c) && !paired) {
        if (b == null) {
          b = new StringBuilder(text.substring(0, i));
        }
        b.append('\uFFFD');
        continue;
      }
      if (b != null) {
        b.append(c);
        if (paired) {
          b.append(text.charAt(++i));
        }
      } else if (paired) {
        i++;
      }
    }
    return (b == null ? text : b.toString()).getBytes(StandardCharsets.UTF_8);
  }
}
