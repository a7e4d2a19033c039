package dev.exporthub.formats;

import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.codec.Ed25519;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;

/** An Ed25519 signer of a key pair held in memory, for the writer and verifier tests. */
record TestSigner(KeyPair pair) implements ArtifactSigner {

  static TestSigner generate() {
    return new TestSigner(Ed25519.generate());
  }

  @Override
  public byte[] sign(byte[] message) throws GeneralSecurityException {
    return Ed25519.sign(pair.getPrivate(), message);
  }

  @Override
  public PublicKey publicKey() {
    return pair.getPublic();
  }
}
