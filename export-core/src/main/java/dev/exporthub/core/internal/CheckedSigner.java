package dev.exporthub.core.internal;

import dev.exporthub.api.ArtifactSignature;
import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.codec.Ed25519;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SignatureException;
import java.util.Objects;

/**
 * The hub's signer as one export sees it: every signature is checked against the signer's own
 * public key before anyone writes it (a host's KMS or HSM signer could hand back anything), and the
 * last one is kept for the result and the {@code export-generated} entry.
 *
 * <p>One instance serves one export; the writer may call it from a helper thread of its own, so the
 * signature it keeps is published safely.
 */
public final class CheckedSigner implements ArtifactSigner {

  private final ArtifactSigner signer;
  private final PublicKey publicKey;
  private final String keyId;
  private volatile byte[] last;

  /** @throws IllegalArgumentException when the signer's key is not Ed25519 or its key id is not the key's */
  public CheckedSigner(ArtifactSigner signer) {
    this.signer = Objects.requireNonNull(signer, "signer");
    this.publicKey = Objects.requireNonNull(signer.publicKey(), "the signer's publicKey()");
    this.keyId = ArtifactSigner.keyIdOf(publicKey);
    if (!keyId.equals(signer.keyId())) {
      throw new IllegalArgumentException("The signer's keyId() is '" + signer.keyId() + "', but its key's id is '"
          + keyId + "' (ArtifactSigner.keyIdOf)");
    }
  }

  /** Checks a signer once, when a hub is built. */
  public static void check(ArtifactSigner signer) {
    new CheckedSigner(signer);
  }

  @Override
  public byte[] sign(byte[] message) throws GeneralSecurityException {
    byte[] signature = signer.sign(Objects.requireNonNull(message, "message"));
    if (signature == null || !Ed25519.verify(publicKey, message, signature)) {
      throw new SignatureException("the signer " + signer.getClass().getName() + " returned "
          + (signature == null ? "no signature" : "a signature that does not verify with its own public key " + keyId));
    }
    last = signature.clone();
    return signature;
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public String keyId() {
    return keyId;
  }

  /** The last signature made, or {@code null} when none was. */
  public ArtifactSignature last(boolean detached) {
    byte[] signature = last;
    return signature == null ? null : ArtifactSignature.of(keyId, detached, signature);
  }
}
