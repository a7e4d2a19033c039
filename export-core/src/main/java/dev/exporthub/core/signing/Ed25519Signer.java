package dev.exporthub.core.signing;

import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.codec.Ed25519;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;

/**
 * The {@link ArtifactSigner} of an Ed25519 private key held by this process, read from a PKCS#8
 * PEM file ({@code -----BEGIN PRIVATE KEY-----}, what {@code openssl genpkey -algorithm ed25519}
 * and {@code exporthub keygen} write) or handed over as a key. Signs through the JDK's own provider.
 *
 * <p>Immutable and thread-safe.
 */
public final class Ed25519Signer implements ArtifactSigner {

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;
  private final boolean readableByOthers;

  private Ed25519Signer(PrivateKey privateKey, PublicKey publicKey, boolean readableByOthers) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.keyId = ArtifactSigner.keyIdOf(publicKey);
    this.readableByOthers = readableByOthers;
  }

  /**
   * The signer of the private key in {@code file}; its public key is derived from it.
   *
   * @throws KeyFileException  when the file holds no usable Ed25519 private key
   * @throws IOException       when it cannot be read (missing, no permission)
   */
  public static Ed25519Signer fromFile(Path file) throws IOException {
    PrivateKey key = SigningKeys.readPrivateKey(file);
    try {
      return new Ed25519Signer(key, Ed25519.publicKeyOf(key), SigningKeys.readableByOthers(file));
    } catch (IllegalArgumentException e) {
      throw new KeyFileException(file, e.getMessage());
    }
  }

  /**
   * The signer of a key pair.
   *
   * @throws IllegalArgumentException when the pair is not an Ed25519 pair that belongs together
   */
  public static Ed25519Signer of(KeyPair pair) {
    Objects.requireNonNull(pair, "pair");
    PublicKey derived = Ed25519.publicKeyOf(pair.getPrivate());
    if (!java.util.Arrays.equals(derived.getEncoded(), pair.getPublic().getEncoded())) {
      throw new IllegalArgumentException("The public key is not the private key's");
    }
    return new Ed25519Signer(pair.getPrivate(), derived, false);
  }

  @Override
  public byte[] sign(byte[] message) throws GeneralSecurityException {
    return Ed25519.sign(privateKey, Objects.requireNonNull(message, "message"));
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public String keyId() {
    return keyId;
  }

  /**
   * Whether the key file could be read by users other than its owner (group or others may read
   * it) when it was opened; {@code false} on a file system without POSIX permissions and for a key
   * handed over in memory. A private key should be {@code 0600}.
   */
  public boolean readableByOthers() {
    return readableByOthers;
  }

  @Override
  public String toString() {
    return "Ed25519Signer[keyId=" + keyId + "]";
  }
}
