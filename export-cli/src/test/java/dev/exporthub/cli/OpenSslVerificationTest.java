package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an auditor without Export Hub runs, as real processes: Debian's {@code openssl} (3.0) checks the
 * Ed25519 signatures of a signed auditor package, ZIP bundle and JSON export, and {@code sha256sum -c}
 * the manifest; one changed byte in the manifest, a member or the signature fails them
 * ({@code docs/CLI.md}, "Checking a signature with OpenSSL").
 */
class OpenSslVerificationTest {

  private static final String VERIFIED = "Signature Verified Successfully";

  @TempDir
  static Path shared;

  private static Path data;
  private static Path keys;

  @TempDir
  Path work;

  @BeforeAll
  static void dataAndKey() {
    data = Fixtures.sampleData(shared.resolve("data"));
    Cli.Run keygen = Cli.run(shared, "keygen", "--out", "keys");
    assertEquals(0, keygen.code(), keygen::toString);
    keys = shared.resolve("keys");
  }

  private Path export(String format, String out) {
    Cli.Run run = Cli.run(work, "export", "--data", data.toString(), "--category", "compliance-pack", "--format",
        format, "--out", out, "--user", "ana", "--user-tenant", "tenant-1", "--role", "auditor", "--permission",
        "export:bundle-formats", "--now", Cli.NOW, "--sign-key", keys.resolve("exporthub-signing.key").toString());
    assertEquals(0, run.code(), run::toString);
    return work.resolve(out);
  }

  /** Extracts an archive into {@code dir} and returns the folder holding its manifest. */
  private static Path extract(Path archive, Path dir) throws IOException {
    try (InputStream file = Files.newInputStream(archive); ZipInputStream zip = new ZipInputStream(file)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        Path target = dir.resolve(entry.getName()).normalize();
        Files.createDirectories(target.getParent());
        Files.write(target, zip.readAllBytes());
      }
    }
    try (Stream<Path> found = Files.walk(dir)) {
      return found.filter(p -> p.getFileName().toString().equals("manifest-sha256.txt")).findFirst().orElseThrow()
          .getParent();
    }
  }

  /** {@code base64 -d SIGFILE > sig.bin}, then openssl's verdict on {@code message} with {@code publicKey}. */
  private static SystemTools.Result openssl(Path dir, String signatureFile, String message, String publicKey)
      throws Exception {
    SystemTools.Result decoded = SystemTools.run(dir, dir.resolve("sig.bin"), "base64", "-d", signatureFile);
    assertEquals(0, decoded.exitCode(), decoded::toString);
    return verify(dir, message, publicKey);
  }

  private static SystemTools.Result verify(Path dir, String message, String publicKey) throws Exception {
    return SystemTools.run(dir, null, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", publicKey, "-rawin", "-in",
        message, "-sigfile", "sig.bin");
  }

  private static void changeOneByte(Path file, int index) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int at = Math.floorMod(index, bytes.length);
    bytes[at] = (byte) (bytes[at] == 'a' ? 'b' : 'a');
    Files.write(file, bytes);
  }

  private void checkArchive(String format, String name) throws Exception {
    Path root = extract(export(format, name), work.resolve("extracted"));
    String trusted = keys.resolve("exporthub-signing.pub").toString();

    SystemTools.Result good = openssl(root, "manifest-sha256.txt.sig", "manifest-sha256.txt", "signing-key.pub");
    assertEquals(0, good.exitCode(), good::toString);
    assertTrue(good.output().contains(VERIFIED), good::toString);
    assertEquals(0, verify(root, "manifest-sha256.txt", trusted).exitCode(), "with the trusted copy of the key");
    SystemTools.Result sums = SystemTools.run(root, null, "sha256sum", "-c", "manifest-sha256.txt");
    assertEquals(0, sums.exitCode(), sums::toString);
    assertTrue(sums.output().contains("signing-key.pub: OK"), sums::toString);

    // One changed byte in a member: the manifest no longer matches it.
    Path member = root.resolve("index.html").toFile().exists() ? root.resolve("index.html") : root.resolve("README.txt");
    changeOneByte(member, 100);
    SystemTools.Result changedMember = SystemTools.run(root, null, "sha256sum", "-c", "manifest-sha256.txt");
    assertNotEquals(0, changedMember.exitCode(), changedMember::toString);
    assertTrue(changedMember.output().contains(member.getFileName() + ": FAILED"), changedMember::toString);

    // One changed byte in the signature.
    byte[] signature = Files.readAllBytes(root.resolve("sig.bin"));
    signature[10] ^= 1;
    Files.write(root.resolve("sig.bin"), signature);
    SystemTools.Result changedSignature = verify(root, "manifest-sha256.txt", trusted);
    assertNotEquals(0, changedSignature.exitCode(), changedSignature::toString);
    assertTrue(changedSignature.output().contains("Signature Verification Failure"), changedSignature::toString);

    // One changed byte in the manifest (its signature restored).
    assertEquals(0, openssl(root, "manifest-sha256.txt.sig", "manifest-sha256.txt", trusted).exitCode());
    changeOneByte(root.resolve("manifest-sha256.txt"), 3);
    SystemTools.Result changedManifest = verify(root, "manifest-sha256.txt", trusted);
    assertNotEquals(0, changedManifest.exitCode(), changedManifest::toString);
    assertTrue(changedManifest.output().contains("Signature Verification Failure"), changedManifest::toString);
  }

  @Test
  @DisplayName("a signed auditor package: openssl verifies its manifest, sha256sum its files; one changed byte fails them")
  void auditorPackage() throws Exception {
    checkArchive("auditor-package", "package.zip");
  }

  @Test
  @DisplayName("a signed ZIP bundle: openssl verifies its manifest, sha256sum its files; one changed byte fails them")
  void zipBundle() throws Exception {
    checkArchive("zip", "bundle.zip");
  }

  @Test
  @DisplayName("a signed JSON export: openssl verifies OUT.json.sig over its bytes; one changed byte fails it")
  void jsonExport() throws Exception {
    Path json = export("json", "export.json");
    assertTrue(Files.isRegularFile(work.resolve("export.json.sig")));
    String trusted = keys.resolve("exporthub-signing.pub").toString();

    SystemTools.Result good = openssl(work, "export.json.sig", "export.json", trusted);
    assertEquals(0, good.exitCode(), good::toString);
    assertTrue(good.output().contains(VERIFIED), good::toString);

    byte[] signature = Files.readAllBytes(work.resolve("sig.bin"));
    signature[63] ^= (byte) 0x80;
    Files.write(work.resolve("sig.bin"), signature);
    assertNotEquals(0, verify(work, "export.json", trusted).exitCode(), "one changed byte in the signature");

    assertEquals(0, openssl(work, "export.json.sig", "export.json", trusted).exitCode());
    changeOneByte(json, 50);
    SystemTools.Result changed = verify(work, "export.json", trusted);
    assertNotEquals(0, changed.exitCode(), changed::toString);
    assertTrue(changed.output().contains("Signature Verification Failure"), changed::toString);
  }

  @Test
  @DisplayName("openssl reads the keys exporthub keygen writes, and computes the same key id")
  void keysAreOpenSsls() throws Exception {
    SystemTools.Result derived = SystemTools.run(keys, work.resolve("derived.pub"), "openssl", "pkey", "-in",
        "exporthub-signing.key", "-pubout");
    assertEquals(0, derived.exitCode(), derived::toString);
    assertEquals(Files.readString(keys.resolve("exporthub-signing.pub")), Files.readString(work.resolve("derived.pub")));
    SystemTools.Result der = SystemTools.run(keys, work.resolve("key.der"), "openssl", "pkey", "-pubin", "-in",
        "exporthub-signing.pub", "-outform", "DER");
    assertEquals(0, der.exitCode(), der::toString);
    SystemTools.Result sum = SystemTools.run(work, null, "sha256sum", "key.der");
    assertEquals(0, sum.exitCode(), sum::toString);
    String keyId = sum.output().substring(0, 16);
    Cli.Run verify = Cli.run(work, "verify", export("zip", "b.zip").toString(), "--public-key",
        keys.resolve("exporthub-signing.pub").toString());
    assertTrue(verify.out().contains("signed by the trusted key " + keyId), verify::toString);
    assertEquals(List.of(), verify.errLines());
  }
}
