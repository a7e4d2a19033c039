package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.core.log.MerkleTree;
import dev.exporthub.core.log.SignedCheckpoint;
import dev.exporthub.core.signing.Ed25519Signer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed checkpoint is a C2SP signed note that OpenSSL, not our reader, checks: the body, the key
 * hash and the Ed25519 signature decoded from the note by hand, as the C2SP text defines them.
 */
class CheckpointOpenSslTest {

  @TempDir
  Path dir;

  private static List<String> log(int entries) {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= entries; i++) {
      lines.add("{\"schemaVersion\":1,\"sequence\":" + i + ",\"entryType\":\"error\",\"n\":\"é" + i + "\"}");
    }
    return lines;
  }

  @Test
  @DisplayName("OpenSSL verifies the note's signature over its body, and refuses a changed body or signature")
  void openSslVerifies() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    List<String> lines = log(5);
    SignedCheckpoint checkpoint = new SignedCheckpoint("exporthub.test/log", 5, MerkleTree.ofLines(lines).root());
    String note = checkpoint.sign("exporthub.test/log", Ed25519Signer.of(pair));

    // The C2SP form, read by hand.
    int blank = note.indexOf("\n\n");
    String body = note.substring(0, blank + 1);
    assertEquals("exporthub.test/log\n5\n" + Base64.getEncoder().encodeToString(MerkleTree.ofLines(lines).root())
        + "\n", body);
    String signatureLine = note.substring(blank + 2, note.length() - 1);
    assertTrue(signatureLine.startsWith("\u2014 exporthub.test/log "), signatureLine);
    byte[] value = Base64.getDecoder().decode(signatureLine.substring(signatureLine.lastIndexOf(' ') + 1));
    assertEquals(68, value.length);
    byte[] spki = pair.getPublic().getEncoded();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update("exporthub.test/log".getBytes(StandardCharsets.UTF_8));
    sha.update(new byte[] {0x0A, 0x01});
    sha.update(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    assertArrayEquals(Arrays.copyOf(sha.digest(), 4), Arrays.copyOf(value, 4), "the key hash");

    Path bodyFile = Files.writeString(dir.resolve("body.txt"), body);
    Path signature = Files.write(dir.resolve("sig.bin"), Arrays.copyOfRange(value, 4, 68));
    Path publicKey = Files.writeString(dir.resolve("key.pub"), "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(spki)
        + "\n-----END PUBLIC KEY-----\n");
    SystemTools.Result ok = SystemTools.run(dir, null, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey",
        publicKey.toString(), "-rawin", "-in", bodyFile.toString(), "-sigfile", signature.toString());
    assertEquals(0, ok.exitCode(), ok.output());

    Files.writeString(bodyFile, body.replace("\n5\n", "\n6\n"));
    assertNotEquals(0, SystemTools.run(dir, null, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey",
        publicKey.toString(), "-rawin", "-in", bodyFile.toString(), "-sigfile", signature.toString()).exitCode());
    Files.writeString(bodyFile, body);
    byte[] bad = Arrays.copyOfRange(value, 4, 68);
    bad[10] ^= 1;
    Files.write(signature, bad);
    assertNotEquals(0, SystemTools.run(dir, null, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey",
        publicKey.toString(), "-rawin", "-in", bodyFile.toString(), "-sigfile", signature.toString()).exitCode());
  }

  @Test
  @DisplayName("against a signed checkpoint: a re-chained edit, a deleted tail and a swapped pair are caught; another key is refused")
  void catchesRewrites() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    List<String> lines = log(8);
    String note = new SignedCheckpoint("exporthub.test/log", 8, MerkleTree.ofLines(lines).root())
        .sign("exporthub.test/log", Ed25519Signer.of(pair));
    SignedCheckpoint kept = SignedCheckpoint.verify(note, "exporthub.test/log", pair.getPublic());
    assertArrayEquals(MerkleTree.ofLines(lines).root(), kept.rootHash());

    List<String> edited = new ArrayList<>(lines);
    edited.set(3, edited.get(3).replace("\"error\"", "\"export-generated\""));
    List<String> swapped = new ArrayList<>(lines);
    swapped.set(2, lines.get(3));
    swapped.set(3, lines.get(2));
    for (List<String> forged : List.of(edited, swapped)) {
      assertFalse(Arrays.equals(kept.rootHash(), MerkleTree.ofLines(forged.subList(0, 8)).root()));
    }
    List<String> cut = lines.subList(0, 6);
    assertTrue(cut.size() < kept.treeSize(), "a deleted tail holds fewer entries than the checkpoint");

    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    assertThrows(IllegalArgumentException.class, () -> SignedCheckpoint.verify(note, "exporthub.test/log",
        other.getPublic()));
    String reSigned = new SignedCheckpoint("exporthub.test/log", 8, MerkleTree.ofLines(edited).root())
        .sign("exporthub.test/log", Ed25519Signer.of(other));
    assertThrows(IllegalArgumentException.class, () -> SignedCheckpoint.verify(reSigned, "exporthub.test/log",
        pair.getPublic()));
    String changed = note.replace("\n8\n", "\n9\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SignedCheckpoint.verify(changed, "exporthub.test/log", pair.getPublic()));
    assertTrue(e.getMessage().contains("does not verify"), e::getMessage);
  }
}
