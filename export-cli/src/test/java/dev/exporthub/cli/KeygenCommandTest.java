package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.core.signing.Ed25519Signer;
import dev.exporthub.core.signing.SigningKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {

  @TempDir
  Path work;

  @Test
  @DisplayName("keygen writes a 0600 private key and its public key, in the PEM forms OpenSSL reads")
  void writesAKeyPair() throws IOException {
    Cli.Run run = Cli.run(work, "keygen", "--out", "keys");

    assertEquals(0, run.code(), run::toString);
    Path key = work.resolve("keys/exporthub-signing.key");
    Path pub = work.resolve("keys/exporthub-signing.pub");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----\n"));
    assertTrue(Files.readString(pub).startsWith("-----BEGIN PUBLIC KEY-----\n"));
    Ed25519Signer signer = Ed25519Signer.fromFile(key);
    assertArrayEquals(SigningKeys.readPublicKey(pub).getEncoded(), signer.publicKey().getEncoded());
    assertTrue(run.out().startsWith("Generated Ed25519 signing key " + ArtifactSigner.keyIdOf(signer.publicKey())),
        run::toString);
    assertTrue(run.out().contains(key + " (mode 0600)"), run::toString);
  }

  @Test
  @DisplayName("keygen refuses to replace either key file: exit 2, one line, nothing changed")
  void refusesToOverwrite() throws IOException {
    assertEquals(0, Cli.run(work, "keygen", "--out", "keys").code());
    byte[] key = Files.readAllBytes(work.resolve("keys/exporthub-signing.key"));
    Files.delete(work.resolve("keys/exporthub-signing.pub"));
    Files.writeString(work.resolve("keys/exporthub-signing.pub"), "mine");

    for (int i = 0; i < 2; i++) {
      Cli.Run again = Cli.run(work, "keygen", "--out", "keys");
      assertEquals(ExitCodes.USAGE, again.code(), again::toString);
      assertEquals(1, again.errLines().size(), again::toString);
      assertTrue(again.err().startsWith("exporthub keygen: refusing to overwrite " + work.resolve("keys")),
          again::toString);
      assertArrayEquals(key, Files.readAllBytes(work.resolve("keys/exporthub-signing.key")));
      assertEquals("mine", Files.readString(work.resolve("keys/exporthub-signing.pub")));
      Files.delete(work.resolve("keys/exporthub-signing.key"));
      Files.write(work.resolve("keys/exporthub-signing.key"), key);
    }
    assertEquals(List.of("exporthub-signing.key", "exporthub-signing.pub"), Fixtures.fileNames(work.resolve("keys")));
  }
}
