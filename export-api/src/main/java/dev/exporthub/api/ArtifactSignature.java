package dev.exporthub.api;

import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Ed25519 signature of one export ({@code docs/SPECIFICATION.md} §5.12), as the result and the
 * {@code export-generated} log entry record it.
 *
 * <ul>
 *   <li><b>Embedded</b> ({@code detached == false}): an archive (the ZIP bundle, the auditor package)
 *       signs its own {@code manifest-sha256.txt} and holds the signature as
 *       {@code manifest-sha256.txt.sig} beside it, with the public key as {@code signing-key.pub}.</li>
 *   <li><b>Detached</b>: the signature is over the artifact's exact bytes and travels beside it, as
 *       the file {@code {artifact}.sig} holding {@link #fileText()}.</li>
 * </ul>
 *
 * @param keyId    the signing key's id ({@link dev.exporthub.api.spi.ArtifactSigner#keyIdOf}), 16
 *                 lower-case hex digits
 * @param detached whether the signature is over the artifact's bytes rather than inside it
 * @param value    the 64-byte signature in standard, padded base64 (RFC 4648 §4): 88 characters
 */
public record ArtifactSignature(String keyId, boolean detached, String value) {

  /** What a detached signature file's name adds to the artifact's. */
  public static final String FILE_SUFFIX = ".sig";

  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");

  /** @throws IllegalArgumentException on a malformed key id or a value that is not 64 bytes in canonical base64 */
  public ArtifactSignature {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(value, "value");
    if (!KEY_ID.matcher(keyId).matches()) {
      throw new IllegalArgumentException("A key id is 16 lower-case hex digits, not '" + keyId + "'");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("A signature value is base64: " + e.getMessage(), e);
    }
    if (bytes.length != 64 || !Base64.getEncoder().encodeToString(bytes).equals(value)) {
      throw new IllegalArgumentException("A signature value is 64 bytes in canonical base64 (88 characters)");
    }
  }

  /** A signature from its 64 bytes. */
  public static ArtifactSignature of(String keyId, boolean detached, byte[] signature) {
    return new ArtifactSignature(keyId, detached, Base64.getEncoder().encodeToString(signature));
  }

  /** The 64 bytes of the signature. */
  public byte[] bytes() {
    return Base64.getDecoder().decode(value);
  }

  /**
   * The content of a signature file: the base64 value and one {@code \n}, what
   * {@code base64 -d} turns back into the 64 bytes that {@code openssl pkeyutl -verify -sigfile} reads.
   */
  public String fileText() {
    return value + "\n";
  }
}
