package dev.exporthub.api.spi;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Signs artifacts with an Ed25519 key (RFC 8032, pure Ed25519): the manifest of an archive, or
 * the exact bytes of a single-file artifact ({@code docs/SPECIFICATION.md} §5.12). Register one with
 * {@code ExportHub.Builder.signer(...)}.
 *
 * <p>Implement it to sign with a key held elsewhere, such as a KMS or an HSM reached through
 * PKCS#11; Export Hub ships a signer that reads a PKCS#8 PEM key file. Ed25519 is deterministic:
 * the same key and message always give the same 64 bytes, so a signed archive stays
 * byte-reproducible.
 *
 * <p>The hub checks every signature it is given against {@link #publicKey()} before it writes or
 * logs it. Implementations must be thread-safe: one signer serves many exports at once.
 */
public interface ArtifactSigner {

  /**
   * The Ed25519 signature over exactly {@code message}.
   *
   * @return 64 bytes
   * @throws GeneralSecurityException when the key cannot sign (an HSM refusing, a KMS unreachable)
   */
  byte[] sign(byte[] message) throws GeneralSecurityException;

  /**
   * The Ed25519 public key of the signatures. Its {@link PublicKey#getEncoded()} is the X.509
   * SubjectPublicKeyInfo DER form (44 bytes), what {@code -----BEGIN PUBLIC KEY-----} files hold.
   */
  PublicKey publicKey();

  /**
   * The key's id, {@link #keyIdOf(PublicKey) keyIdOf(publicKey())}. Archives, export-generated log
   * entries and the command line name keys by it. Not to be overridden with another id.
   */
  default String keyId() {
    return keyIdOf(publicKey());
  }

  /**
   * The id of an Ed25519 public key: the first 8 bytes of the SHA-256 of its SubjectPublicKeyInfo
   * DER encoding, as 16 lower-case hex digits. An auditor computes it with
   * {@code openssl pkey -pubin -in signing-key.pub -outform DER | sha256sum | cut -c1-16}.
   *
   * @throws IllegalArgumentException when the key is not an Ed25519 key in SubjectPublicKeyInfo form
   */
  static String keyIdOf(PublicKey key) {
    byte[] der = key.getEncoded();
    if (der == null || der.length != 44 || !Arrays.equals(der, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0,
        ED25519_SPKI_PREFIX.length)) {
      throw new IllegalArgumentException("Not an Ed25519 public key (algorithm " + key.getAlgorithm() + ", format "
          + key.getFormat() + "): Export Hub signs with Ed25519 only");
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /**
   * The first 12 bytes of every Ed25519 SubjectPublicKeyInfo (RFC 8410): the algorithm identifier
   * 1.3.101.112 and the header of the 32-byte key.
   */
  byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
}
