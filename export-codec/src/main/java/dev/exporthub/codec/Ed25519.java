package dev.exporthub.codec;

import dev.exporthub.api.spi.ArtifactSigner;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Ed25519 keys and signatures through the JDK's own provider, and the one-line signature file
 * ({@code docs/SPECIFICATION.md} §5.12): the 64-byte signature in padded base64 and {@code \n}.
 * Errors say what is wrong and never quote key material.
 *
 * <p>Internal to Export Hub.
 */
public final class Ed25519 {

  /** The PEM label of a PKCS#8 private key. */
  public static final String PRIVATE_KEY_LABEL = "PRIVATE KEY";

  /** The PEM label of a SubjectPublicKeyInfo public key. */
  public static final String PUBLIC_KEY_LABEL = "PUBLIC KEY";

  /** The length of a signature. */
  public static final int SIGNATURE_BYTES = 64;

  private Ed25519() {
  }

  /** A new random key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JDK has no Ed25519 (every JDK 15 and later has)", e);
    }
  }

  /**
   * The private key of PKCS#8 DER.
   *
   * @throws IllegalArgumentException when it is not an Ed25519 private key
   */
  public static PrivateKey privateKey(byte[] pkcs8) {
    try {
      PrivateKey key = factory().generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      if (!(key instanceof EdECPrivateKey ed) || !"Ed25519".equals(ed.getParams().getName())) {
        throw new IllegalArgumentException("it is not an Ed25519 private key");
      }
      return key;
    } catch (InvalidKeySpecException e) {
      // The JDK's reason names the algorithm or the defect, never the key's bytes.
      throw new IllegalArgumentException("it is not an Ed25519 private key in PKCS#8 form ("
          + rootMessage(e) + ")");
    }
  }

  /**
   * The public key of SubjectPublicKeyInfo DER.
   *
   * @throws IllegalArgumentException when it is not an Ed25519 public key
   */
  public static PublicKey publicKey(byte[] spki) {
    try {
      return factory().generatePublic(new X509EncodedKeySpec(spki));
    } catch (InvalidKeySpecException e) {
      throw new IllegalArgumentException("it is not an Ed25519 public key in SubjectPublicKeyInfo form ("
          + rootMessage(e) + ")");
    }
  }

  /**
   * The public key of a private key. The JDK 17 API has no call for it, but its key-pair generator
   * derives the public key from 32 random bytes, the private key's seed; handed the seed as its
   * randomness, it derives this key's public key. The pair is then checked by a signature.
   *
   * @throws IllegalArgumentException when the key is not an Ed25519 key this JDK can read the seed of
   */
  public static PublicKey publicKeyOf(PrivateKey key) {
    if (!(key instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
      throw new IllegalArgumentException("it is not an Ed25519 private key whose seed can be read");
    }
    byte[] seed = ed.getBytes().get();
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
      KeyPair pair = generator.generateKeyPair();
      byte[] probe = "Export Hub key check".getBytes(StandardCharsets.US_ASCII);
      if (!verify(pair.getPublic(), probe, sign(key, probe))) {
        throw new IllegalArgumentException("its public key could not be derived with this JDK's Ed25519 provider");
      }
      return pair.getPublic();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("its public key could not be derived (" + rootMessage(e) + ")");
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** The signature of {@code message} under {@code key}. */
  public static byte[] sign(PrivateKey key, byte[] message) throws InvalidKeyException {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(key);
      signature.update(message);
      return signature.sign();
    } catch (InvalidKeyException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
    }
  }

  /**
   * The 32 bytes of an Ed25519 public key: its SubjectPublicKeyInfo without the fixed 12-byte
   * prefix, as C2SP signed notes hash it.
   *
   * @throws IllegalArgumentException when the key is not an Ed25519 key in that form
   */
  public static byte[] rawPublicKey(PublicKey key) {
    byte[] spki = key.getEncoded();
    byte[] prefix = ArtifactSigner.ED25519_SPKI_PREFIX;
    if (spki == null || spki.length != prefix.length + 32
        || !Arrays.equals(spki, 0, prefix.length, prefix, 0, prefix.length)) {
      throw new IllegalArgumentException("Not an Ed25519 public key");
    }
    return Arrays.copyOfRange(spki, prefix.length, spki.length);
  }

  /** Whether {@code signature} is {@code key}'s signature of exactly {@code message}. */
  public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    if (signature.length != SIGNATURE_BYTES) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (InvalidKeyException e) {
      return false;
    } catch (GeneralSecurityException e) {
      // SignatureException: a signature that is not even well-formed does not verify.
      return false;
    }
  }

  /** The content of a signature file: padded base64 of the 64 bytes, and {@code \n}. */
  public static String signatureFile(byte[] signature) {
    return Base64.getEncoder().encodeToString(signature) + "\n";
  }

  /**
   * The 64 bytes of a signature file in exactly the form {@link #signatureFile} writes.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static byte[] readSignatureFile(byte[] file) {
    int length = Base64.getEncoder().encodeToString(new byte[SIGNATURE_BYTES]).length();
    if (file.length != length + 1 || file[length] != '\n') {
      throw new IllegalArgumentException("a signature file is one line of " + length
          + " base64 characters ended by a line feed; this one is " + file.length + " bytes");
    }
    String text = new String(file, 0, length, StandardCharsets.US_ASCII);
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the signature is not base64");
    }
    if (signature.length != SIGNATURE_BYTES || !Base64.getEncoder().encodeToString(signature).equals(text)) {
      throw new IllegalArgumentException("the signature is not 64 bytes in canonical base64");
    }
    return signature;
  }

  private static KeyFactory factory() {
    try {
      return KeyFactory.getInstance("Ed25519");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JDK has no Ed25519 (every JDK 15 and later has)", e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** Hands out one seed as its only randomness; used by {@link #publicKeyOf} alone. */
  private static final class SeedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;

    SeedRandom(byte[] seed) {
      this.seed = seed;
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (bytes.length != seed.length) {
        throw new IllegalStateException("The Ed25519 generator asked for " + bytes.length + " bytes, not a seed");
      }
      System.arraycopy(seed, 0, bytes, 0, bytes.length);
    }
  }
}
