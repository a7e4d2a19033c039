package dev.exporthub.formats;

import static dev.exporthub.formats.ArchiveFixtures.BUNDLE_ID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.WriteContext;
import dev.exporthub.codec.Ed25519;
import dev.exporthub.formats.PackageVerifier.Reason;
import dev.exporthub.formats.PackageVerifier.Report;
import gov.loc.repository.bagit.domain.Bag;
import gov.loc.repository.bagit.reader.BagReader;
import gov.loc.repository.bagit.verify.BagVerifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Archives with a signer: what they hold, and what the verifier makes of them ({@code docs/SPECIFICATION.md} §5.12). */
class SignedArchiveTest {

  private static final TestSigner SIGNER = TestSigner.generate();
  private static final TestSigner OTHER = TestSigner.generate();
  private static final String FOLDER = BUNDLE_ID + "-full-operational/";

  /** One signed archive per layout: where its manifest lies, and how it was written. */
  private enum Kind {
    ZIP(new ZipBundleWriter(), ExportFormat.ZIP, Map.of(), ""),
    FOLDERS(new AuditorPackageWriter(), ExportFormat.AUDITOR_PACKAGE, Map.of(), FOLDER),
    BAGIT(new AuditorPackageWriter(), ExportFormat.AUDITOR_PACKAGE, Map.of(AuditorPackageWriter.LAYOUT_OPTION, "bagit"),
        FOLDER);

    final FormatWriter writer;
    final ExportFormat format;
    final Map<String, String> options;
    final String root;

    Kind(FormatWriter writer, ExportFormat format, Map<String, String> options, String root) {
      this.writer = writer;
      this.format = format;
      this.options = options;
      this.root = root;
    }

    /** Where the signature is: beside the manifest, under a name of its own in a bag. */
    String signature() {
      return root + (this == BAGIT ? "signature-manifest-sha256.txt.sig" : "manifest-sha256.txt.sig");
    }

    byte[] write(TestSigner signer) {
      ExportBundle bundle = ArchiveFixtures.fullOperational(format, Fixtures.GENERATED);
      WriteContext plain = ArchiveFixtures.context(options);
      WriteContext context = new WriteContext(plain.decision(), plain.caller(), options, plain.clock(), signer);
      return ArchiveFixtures.render(writer, bundle, context);
    }
  }

  private static Report verify(byte[] archive, PublicKey trusted) throws IOException {
    return PackageVerifier.verify(new ByteArrayInputStream(archive), PackageVerifier.Limits.DEFAULT, trusted);
  }

  private static byte[] replace(byte[] archive, String name, byte[] content) {
    List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
    ArchiveFixtures.entries(archive).forEach((n, bytes) -> entries.add(Map.entry(n, n.equals(name) ? content : bytes)));
    return ArchiveFixtures.zip(entries);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ZIP", "FOLDERS", "BAGIT"})
  @DisplayName("a signed archive holds its public key and the signature over its manifest's exact bytes")
  void holdsTheSignature(String name) throws Exception {
    Kind kind = Kind.valueOf(name);
    Map<String, byte[]> entries = ArchiveFixtures.entries(kind.write(SIGNER));
    List<String> names = new ArrayList<>(entries.keySet());
    String manifest = kind.root + "manifest-sha256.txt";
    assertEquals(names.indexOf(manifest) + 1, names.indexOf(kind.signature()), "the signature follows its manifest");
    assertTrue(names.indexOf(kind.root + "signing-key.pub") < names.indexOf(manifest), "the key comes before");
    byte[] signature = Ed25519.readSignatureFile(entries.get(kind.signature()));
    assertTrue(Ed25519.verify(SIGNER.publicKey(), entries.get(manifest), signature));
    assertEquals(dev.exporthub.codec.Pem.encode("PUBLIC KEY", SIGNER.publicKey().getEncoded()),
        new String(entries.get(kind.root + "signing-key.pub"), StandardCharsets.US_ASCII));
    String listing = new String(entries.get(kind == Kind.BAGIT ? kind.root + "tagmanifest-sha256.txt" : manifest),
        StandardCharsets.UTF_8);
    assertTrue(listing.contains("  signing-key.pub\n"), listing);
    assertEquals(kind == Kind.BAGIT, listing.contains("  signature-manifest-sha256.txt.sig\n"), listing);
    assertArrayEquals(kind.write(SIGNER), kind.write(SIGNER), "Ed25519 is deterministic: the same bytes twice");

    Report report = verify(kind.write(SIGNER), SIGNER.publicKey());
    assertTrue(report.ok(), report::toString);
    assertEquals(SIGNER.keyId(), report.signedBy());
    Report untrusted = verify(kind.write(SIGNER), null);
    assertTrue(untrusted.ok(), untrusted::toString);
    assertEquals(SIGNER.keyId(), untrusted.signedBy(), "checked with the package's own key");
  }

  @Test
  @DisplayName("export-info.json names the key; README.md, index.html and README.txt tell how to check it")
  void describesTheSignature() throws Exception {
    Map<String, byte[]> entries = ArchiveFixtures.entries(Kind.FOLDERS.write(SIGNER));
    JsonNode signature = new ObjectMapper().readTree(entries.get(FOLDER + "metadata/export-info.json"))
        .get("chainOfCustody").get("signature");
    assertEquals(SIGNER.keyId(), signature.get("keyId").textValue());
    assertEquals("Ed25519", signature.get("algorithm").textValue());
    assertEquals("manifest-sha256.txt.sig", signature.get("signatureFile").textValue());
    String readme = new String(entries.get(FOLDER + "metadata/README.md"), StandardCharsets.UTF_8);
    assertTrue(readme.contains("openssl pkeyutl -verify -pubin -inkey signing-key.pub -rawin -in manifest-sha256.txt"
        + " -sigfile sig.bin"), readme);
    assertTrue(readme.contains("base64 -d manifest-sha256.txt.sig > sig.bin"), readme);
    String index = new String(entries.get(FOLDER + "index.html"), StandardCharsets.UTF_8);
    assertTrue(index.contains(SIGNER.keyId()) && index.contains("href=\"signing-key.pub\""), index);
    String text = new String(ArchiveFixtures.entries(Kind.ZIP.write(SIGNER)).get("README.txt"), StandardCharsets.UTF_8);
    assertTrue(text.contains("Signature: Ed25519 key " + SIGNER.keyId()), text);
    assertTrue(text.contains("openssl pkeyutl -verify"), text);

    JsonNode unsigned = new ObjectMapper().readTree(ArchiveFixtures.entries(ArchiveFixtures.render(
        new AuditorPackageWriter(), ArchiveFixtures.fullOperational(ExportFormat.AUDITOR_PACKAGE, Fixtures.GENERATED),
        ArchiveFixtures.context())).get(FOLDER + "metadata/export-info.json"));
    assertTrue(unsigned.get("chainOfCustody").get("signature").isNull());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ZIP", "FOLDERS", "BAGIT"})
  @DisplayName("with a trusted key: unsigned, another key's, and a changed signature or manifest are refused")
  void refusals(String name) throws Exception {
    Kind kind = Kind.valueOf(name);
    byte[] signed = kind.write(SIGNER);
    String manifest = kind.root + "manifest-sha256.txt";

    Report unsigned = verify(kind.write(null), SIGNER.publicKey());
    assertEquals(List.of(Reason.UNSIGNED), reasons(unsigned));
    assertNull(unsigned.signedBy());
    assertTrue(verify(kind.write(null), null).ok(), "without a key, an unsigned archive is intact as it was");

    assertEquals(List.of(Reason.WRONG_KEY), reasons(verify(kind.write(OTHER), SIGNER.publicKey())),
        "re-signed with another key");

    byte[] signature = Ed25519.readSignatureFile(ArchiveFixtures.entries(signed).get(kind.signature()));
    signature[17] ^= 0x20;
    byte[] flipped = replace(signed, kind.signature(), Ed25519.signatureFile(signature).getBytes(StandardCharsets.US_ASCII));
    // In a bag, the tag manifest also lists the signature: a changed one is a MISMATCH there too.
    assertTrue(reasons(verify(flipped, SIGNER.publicKey())).contains(Reason.BAD_SIGNATURE));
    assertTrue(reasons(verify(flipped, null)).contains(Reason.BAD_SIGNATURE), "the package's own key, too");

    byte[] garbled = replace(signed, kind.signature(), "not a signature\n".getBytes(StandardCharsets.US_ASCII));
    assertTrue(reasons(verify(garbled, SIGNER.publicKey())).contains(Reason.MALFORMED));

    String text = new String(ArchiveFixtures.entries(signed).get(manifest), StandardCharsets.UTF_8);
    byte[] rewritten = replace(signed, manifest, (text + text.lines().findFirst().orElseThrow().replaceFirst("  .*",
        "  extra.txt") + "\n").getBytes(StandardCharsets.UTF_8));
    assertTrue(reasons(verify(rewritten, SIGNER.publicKey())).contains(Reason.BAD_SIGNATURE));

    Map<String, byte[]> withoutSignature = new LinkedHashMap<>(ArchiveFixtures.entries(signed));
    withoutSignature.remove(kind.signature());
    List<Map.Entry<String, byte[]>> list = new ArrayList<>(withoutSignature.entrySet());
    assertTrue(reasons(verify(ArchiveFixtures.zip(list), SIGNER.publicKey())).contains(Reason.UNSIGNED));
  }

  @Test
  @DisplayName("a signed BagIt bag is still valid for the Library of Congress's bagit-java")
  void signedBagIsValid(@TempDir Path dir) throws Exception {
    ArchiveFixtures.extract(Kind.BAGIT.write(SIGNER), dir);
    Bag bag = new BagReader().read(dir.resolve(FOLDER));
    try (BagVerifier verifier = new BagVerifier()) {
      verifier.isValid(bag, false);
    }
  }

  private static List<Reason> reasons(Report report) {
    return report.problems().stream().map(PackageVerifier.Problem::reason).distinct().toList();
  }
}
