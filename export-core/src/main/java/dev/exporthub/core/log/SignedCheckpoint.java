package dev.exporthub.core.log;

import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.codec.Ed25519;
import dev.exporthub.core.internal.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A checkpoint of the log's Merkle tree ({@link MerkleTree}) in the C2SP {@code tlog-checkpoint}
 * format, signed as a C2SP signed note with an Ed25519 key ({@code docs/SPECIFICATION.md} §7.5).
 *
 * <p>The body is three lines, each ended by a newline: the origin, the tree size in decimal, the
 * root hash in standard base64. A blank line follows, then the signature line
 * {@code — <key name> <base64(key hash ‖ signature)>}, where the key hash is the first 4 bytes of
 * SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ the 32-byte public key) and the 64-byte Ed25519 signature covers
 * the body, its final newline included.
 *
 * @param origin   the log's name, one line without spaces at its ends
 * @param treeSize the number of stored entries the tree covers
 * @param rootHash the tree's 32-byte root hash
 */
public record SignedCheckpoint(String origin, long treeSize, byte[] rootHash) {

  /** The signature type byte of Ed25519 in C2SP signed notes. */
  private static final byte ED25519 = 0x01;
  private static final String DASH = "\u2014 ";
  private static final Pattern KEY_NAME = Pattern.compile("[^\\s+]+");

  public SignedCheckpoint {
    Objects.requireNonNull(origin, "origin");
    if (origin.isEmpty() || origin.contains("\n") || !origin.equals(origin.strip())) {
      throw new IllegalArgumentException("A checkpoint origin is one non-empty line without spaces at its ends");
    }
    if (treeSize < 0) {
      throw new IllegalArgumentException("A tree size is not negative: " + treeSize);
    }
    if (rootHash == null || rootHash.length != 32) {
      throw new IllegalArgumentException("A root hash has 32 bytes");
    }
    rootHash = rootHash.clone();
  }

  /**
   * The origin of a log that was given none: {@code exporthub/log-} and the first 16 hex digits of
   * SHA-256 of its first entry's line. Derived from the log's content, never from its path, so a
   * copy of the log elsewhere keeps its name, and {@code exporthub log checkpoint} and a hub's
   * automatic checkpoints name one log alike. It is also the key name of the note.
   *
   * @param firstLine the log's first stored line, without its line terminator
   */
  public static String defaultOrigin(String firstLine) {
    byte[] digest = Hashing.sha256().digest(firstLine.getBytes(StandardCharsets.UTF_8));
    return "exporthub/log-" + HexFormat.of().formatHex(digest, 0, 8);
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /** The note's body: origin, size and root, each line ended by a newline. */
  public String body() {
    return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
  }

  /**
   * The signed note: the body, a blank line and one signature line.
   *
   * @param keyName the key's name in the note (no whitespace, no {@code +})
   * @throws GeneralSecurityException when the signer fails
   */
  public String sign(String keyName, ArtifactSigner signer) throws GeneralSecurityException {
    requireKeyName(keyName);
    byte[] signature = signer.sign(body().getBytes(StandardCharsets.UTF_8));
    byte[] value = new byte[4 + signature.length];
    System.arraycopy(keyHash(keyName, signer.publicKey()), 0, value, 0, 4);
    System.arraycopy(signature, 0, value, 4, signature.length);
    return body() + "\n" + DASH + keyName + " " + Base64.getEncoder().encodeToString(value) + "\n";
  }

  /**
   * Reads a signed note and checks its signature by {@code key} under {@code keyName}.
   *
   * @return the checkpoint the note's body states
   * @throws IllegalArgumentException naming what is wrong: the note's form, no signature line of that
   *                                  key, or a signature that does not verify
   */
  public static SignedCheckpoint verify(String note, String keyName, PublicKey key) {
    requireKeyName(keyName);
    SignedCheckpoint checkpoint = read(note);
    String body = checkpoint.body();
    byte[] expectedHash = keyHash(keyName, key);
    for (String line : note.substring(body.length() + 1).split("\n")) {
      if (!line.startsWith(DASH + keyName + " ")) {
        continue;
      }
      byte[] value;
      try {
        value = Base64.getDecoder().decode(line.substring(DASH.length() + keyName.length() + 1));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("The signature line of '" + keyName + "' is not base64");
      }
      if (value.length == 68 && Arrays.equals(Arrays.copyOf(value, 4), expectedHash)) {
        if (!Ed25519.verify(key, body.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(value, 4, 68))) {
          throw new IllegalArgumentException("The checkpoint's signature by '" + keyName + "' does not verify");
        }
        return checkpoint;
      }
    }
    throw new IllegalArgumentException("The checkpoint holds no signature of key '" + keyName
        + "' with this public key");
  }

  /**
   * Reads a signed note and checks its signature by {@code key} under the note's origin, the key name
   * Export Hub signs with.
   *
   * @see #verify(String, String, PublicKey)
   */
  static SignedCheckpoint verify(String note, PublicKey key) {
    return verify(note, read(note).origin(), key);
  }

  /**
   * The checkpoint a signed note's body states, its signatures not checked: what a proof is built
   * against ({@link InclusionReceipt#prove}), whose reader checks the signature.
   *
   * @throws IllegalArgumentException naming what is wrong with the note's form
   */
  static SignedCheckpoint read(String note) {
    int blank = note.indexOf("\n\n");
    if (blank < 0) {
      throw new IllegalArgumentException("Not a signed note: no blank line after the body");
    }
    String body = note.substring(0, blank + 1);
    String[] lines = body.split("\n", -1);
    if (lines.length != 4 || !lines[3].isEmpty()) {
      throw new IllegalArgumentException("A checkpoint body has three lines: origin, tree size, root hash");
    }
    SignedCheckpoint checkpoint = new SignedCheckpoint(lines[0], parseSize(lines[1]), parseRoot(lines[2]));
    if (!checkpoint.body().equals(body)) {
      throw new IllegalArgumentException("The checkpoint body is not in canonical form");
    }
    return checkpoint;
  }

  /** The first 4 bytes of SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ the raw 32-byte Ed25519 public key). */
  static byte[] keyHash(String keyName, PublicKey key) {
    MessageDigest sha = Hashing.sha256();
    sha.update(keyName.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0x0A);
    sha.update(ED25519);
    sha.update(Ed25519.rawPublicKey(key));
    return Arrays.copyOf(sha.digest(), 4);
  }

  private static long parseSize(String line) {
    if (!line.matches("0|[1-9][0-9]{0,18}")) {
      throw new IllegalArgumentException("The tree size '" + abbreviate(line) + "' is not a decimal number");
    }
    return Long.parseLong(line);
  }

  private static byte[] parseRoot(String line) {
    try {
      return Base64.getDecoder().decode(line);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The root hash '" + abbreviate(line) + "' is not base64");
    }
  }

  private static void requireKeyName(String keyName) {
    if (keyName == null || !KEY_NAME.matcher(keyName).matches()) {
      throw new IllegalArgumentException("A key name has no whitespace and no '+'");
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SignedCheckpoint that && origin.equals(that.origin) && treeSize == that.treeSize
        && Arrays.equals(rootHash, that.rootHash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, treeSize, Arrays.hashCode(rootHash));
  }

  @Override
  public String toString() {
    return "SignedCheckpoint[" + origin + ", " + treeSize + ", " + Base64.getEncoder().encodeToString(rootHash) + "]";
  }
}
