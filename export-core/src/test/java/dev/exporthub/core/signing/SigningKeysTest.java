package dev.exporthub.core.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.spi.ArtifactSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

  /** A key pair as {@code openssl genpkey -algorithm ed25519} and {@code openssl pkey -pubout} write it. */
  static final String OPENSSL_PRIVATE = "-----BEGIN PRIVATE KEY-----\n"
      + "MC4CAQAwBQYDK2VwBCIEIGotsqojPCjBsQ6VoxSf9OtWsh9yx1yb74/bYCCUTvjQ\n"
      + "-----END PRIVATE KEY-----\n";
  static final String OPENSSL_PUBLIC = "-----BEGIN PUBLIC KEY-----\n"
      + "MCowBQYDK2VwAyEAggU8E7LO/xllNnUZ1AsjYmDdg8J/jORflqydD5reHkk=\n"
      + "-----END PUBLIC KEY-----\n";

  @TempDir
  Path dir;

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
  }

  @Test
  @DisplayName("a key OpenSSL generated signs, with the public key and key id OpenSSL's public key file gives")
  void opensslKey() throws Exception {
    Ed25519Signer signer = Ed25519Signer.fromFile(file("openssl.key", OPENSSL_PRIVATE));
    var publicKey = SigningKeys.readPublicKey(file("openssl.pub", OPENSSL_PUBLIC));
    assertArrayEquals(publicKey.getEncoded(), signer.publicKey().getEncoded());
    assertEquals(ArtifactSigner.keyIdOf(publicKey), signer.keyId());
    assertEquals(16, signer.keyId().length());
    assertEquals(OPENSSL_PUBLIC, SigningKeys.publicKeyPem(signer.publicKey()));
    byte[] message = "manifest".getBytes(StandardCharsets.UTF_8);
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(publicKey);
    verifier.update(message);
    assertTrue(verifier.verify(signer.sign(message)));
    assertFalse(signer.toString().contains("MC4C"));
  }

  @Test
  @DisplayName("write makes the private key 0600 and the public key readable, and never replaces either")
  void write() throws IOException {
    KeyPair pair = SigningKeys.generate();
    Path key = dir.resolve("k.key");
    Path pub = dir.resolve("k.pub");
    SigningKeys.write(pair, key, pub);

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertFalse(SigningKeys.readableByOthers(key));
    assertFalse(Ed25519Signer.fromFile(key).readableByOthers());
    assertArrayEquals(pair.getPublic().getEncoded(), SigningKeys.readPublicKey(pub).getEncoded());
    assertArrayEquals(pair.getPublic().getEncoded(), Ed25519Signer.fromFile(key).publicKey().getEncoded());
    assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----\n"));

    byte[] before = Files.readAllBytes(key);
    assertThrows(FileAlreadyExistsException.class, () -> SigningKeys.write(SigningKeys.generate(), key,
        dir.resolve("other.pub")));
    assertThrows(FileAlreadyExistsException.class, () -> SigningKeys.write(SigningKeys.generate(),
        dir.resolve("other.key"), pub));
    assertArrayEquals(before, Files.readAllBytes(key));
    assertFalse(Files.exists(dir.resolve("other.key")));
    assertFalse(Files.exists(dir.resolve("other.pub")));
  }

  @Test
  @DisplayName("a key file others may read is reported, so that a front end can warn")
  void readableByOthers() throws IOException {
    Path key = file("open.key", OPENSSL_PRIVATE);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertTrue(Ed25519Signer.fromFile(key).readableByOthers());
  }

  @Test
  @DisplayName("wrong or damaged key files fail with KeyFileException naming the file, never quoting the key")
  void wrongFiles() throws Exception {
    KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    String rsaPem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(rsa.getPrivate()
            .getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    String secret = OPENSSL_PRIVATE.lines().toList().get(1);
    for (String content : new String[] {OPENSSL_PUBLIC, rsaPem, OPENSSL_PRIVATE.replace(secret, "MC4CAQAwBQYDK2VwBCIEIA=="),
        OPENSSL_PRIVATE + "extra\n", OPENSSL_PRIVATE.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY"),
        secret + "\n", ""}) {
      Path key = file("bad.key", content);
      KeyFileException e = assertThrows(KeyFileException.class, () -> Ed25519Signer.fromFile(key), content);
      assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
      assertFalse(e.getMessage().contains(secret.substring(10, 30)), e.getMessage());
      assertEquals(key, e.file());
    }
    Path privateAsPublic = file("private.pub", OPENSSL_PRIVATE);
    assertThrows(KeyFileException.class, () -> SigningKeys.readPublicKey(privateAsPublic));
    assertThrows(NoSuchFileException.class, () -> Ed25519Signer.fromFile(dir.resolve("absent.key")));
  }

  @Test
  @DisplayName("a key pair in memory signs too; a pair whose halves do not belong together is refused")
  void pairs() {
    KeyPair pair = SigningKeys.generate();
    assertEquals(ArtifactSigner.keyIdOf(pair.getPublic()), Ed25519Signer.of(pair).keyId());
    KeyPair mixed = new KeyPair(SigningKeys.generate().getPublic(), pair.getPrivate());
    assertThrows(IllegalArgumentException.class, () -> Ed25519Signer.of(mixed));
  }
}
