package dev.exporthub.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Ed25519Test {

  /** A private key as {@code openssl genpkey -algorithm ed25519} writes it, and its public key. */
  private static final String OPENSSL_PRIVATE = "MC4CAQAwBQYDK2VwBCIEIGotsqojPCjBsQ6VoxSf9OtWsh9yx1yb74/bYCCUTvjQ";
  private static final String OPENSSL_PUBLIC = "MCowBQYDK2VwAyEAggU8E7LO/xllNnUZ1AsjYmDdg8J/jORflqydD5reHkk=";

  @Test
  @DisplayName("the public key derived from an openssl private key is the one openssl derives")
  void derivesThePublicKey() {
    var key = Ed25519.privateKey(Base64.getDecoder().decode(OPENSSL_PRIVATE));
    assertEquals(OPENSSL_PUBLIC, Base64.getEncoder().encodeToString(Ed25519.publicKeyOf(key).getEncoded()));
    KeyPair pair = Ed25519.generate();
    assertArrayEquals(pair.getPublic().getEncoded(), Ed25519.publicKeyOf(pair.getPrivate()).getEncoded());
  }

  @Test
  @DisplayName("signatures are deterministic, 64 bytes, and verify exactly their message with their key")
  void signAndVerify() throws Exception {
    KeyPair pair = Ed25519.generate();
    byte[] message = "manifest".getBytes(StandardCharsets.UTF_8);
    byte[] signature = Ed25519.sign(pair.getPrivate(), message);
    assertEquals(64, signature.length);
    assertArrayEquals(signature, Ed25519.sign(pair.getPrivate(), message));
    assertTrue(Ed25519.verify(pair.getPublic(), message, signature));
    assertFalse(Ed25519.verify(pair.getPublic(), "manifest!".getBytes(StandardCharsets.UTF_8), signature));
    assertFalse(Ed25519.verify(Ed25519.generate().getPublic(), message, signature));
    signature[5] ^= 1;
    assertFalse(Ed25519.verify(pair.getPublic(), message, signature));
    assertFalse(Ed25519.verify(pair.getPublic(), message, new byte[3]));
  }

  @Test
  @DisplayName("a signature file is one line of base64 and a line feed, read back only in exactly that form")
  void signatureFile() {
    byte[] signature = new byte[64];
    signature[0] = 7;
    String file = Ed25519.signatureFile(signature);
    assertEquals(89, file.length());
    assertTrue(file.endsWith("==\n"));
    assertArrayEquals(signature, Ed25519.readSignatureFile(file.getBytes(StandardCharsets.US_ASCII)));
    for (String bad : new String[] {file.strip(), file + "\n", file.replace("\n", "\r\n"), " " + file.substring(1),
        file.substring(0, 86) + "A=\n", "!" + file.substring(1)}) {
      assertThrows(IllegalArgumentException.class, () -> Ed25519.readSignatureFile(
          bad.getBytes(StandardCharsets.US_ASCII)), bad);
    }
  }

  @Test
  @DisplayName("keys of other algorithms are refused")
  void otherAlgorithms() throws Exception {
    KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
    assertThrows(IllegalArgumentException.class, () -> Ed25519.privateKey(rsa.getPrivate().getEncoded()));
    assertThrows(IllegalArgumentException.class, () -> Ed25519.privateKey(ed448.getPrivate().getEncoded()));
    assertThrows(IllegalArgumentException.class, () -> Ed25519.publicKey(ed448.getPublic().getEncoded()));
    assertThrows(IllegalArgumentException.class, () -> Ed25519.publicKey(new byte[44]));
  }
}
