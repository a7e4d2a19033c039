package dev.exporthub.core;

import static dev.exporthub.core.ExportHubTest.AUDITOR;
import static dev.exporthub.core.ExportHubTest.CLOCK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ArtifactSignature;
import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFailedException;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.WriteContext;
import dev.exporthub.core.internal.LogCodec;
import dev.exporthub.core.log.InMemoryLogStore;
import dev.exporthub.core.signing.Ed25519Signer;
import dev.exporthub.core.signing.SigningKeys;
import dev.exporthub.core.source.InMemoryDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a hub with a signer signs, returns and logs ({@code docs/SPECIFICATION.md} §5.12). */
class ExportHubSigningTest {

  private static final Ed25519Signer SIGNER = Ed25519Signer.of(SigningKeys.generate());
  private static final Caller BUNDLER = Caller.of("ana", "t-1", "auditor", Set.of("export:bundle-formats"));

  private static ExportHub.Builder hub() {
    return ExportHub.builder().dataSource(InMemoryDataSource.of(ExportHubTest.findings())).clock(CLOCK)
        .reproducibleIds();
  }

  private static ExportRequest request(ExportFormat format) {
    return ExportRequest.builder(ExportCategory.AUDIT_FINDINGS, format).build();
  }

  private static boolean verifies(PublicKey key, byte[] message, byte[] signature) throws GeneralSecurityException {
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(key);
    verifier.update(message);
    return verifier.verify(signature);
  }

  private static Map<String, byte[]> entries(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  private static LogEntry.ExportGenerated generated(ExportHub hub) {
    List<LogEntry> entries = hub.log().entries();
    return assertInstanceOf(LogEntry.ExportGenerated.class, entries.get(entries.size() - 1));
  }

  @Test
  @DisplayName("a JSON export gets a detached signature over its exact bytes, in memory and streamed, and logged")
  void detached() throws Exception {
    ExportHub hub = hub().signer(SIGNER).build();
    ExportResult.Completed inMemory = hub.export(request(ExportFormat.JSON), AUDITOR).orThrow();
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    ExportResult.Completed written = ExportHub.builder().dataSource(InMemoryDataSource.of(ExportHubTest.findings()))
        .clock(CLOCK).reproducibleIds().signer(SIGNER).build()
        .export(request(ExportFormat.JSON), AUDITOR, streamed).orThrow();

    ArtifactSignature signature = inMemory.signature();
    assertTrue(signature.detached());
    assertEquals(SIGNER.keyId(), signature.keyId());
    assertTrue(verifies(SIGNER.publicKey(), inMemory.content(), signature.bytes()));
    assertArrayEquals(inMemory.content(), streamed.toByteArray());
    assertEquals(signature, written.signature(), "Ed25519 is deterministic");
    assertEquals(signature.value() + "\n", signature.fileText());

    LogEntry.ExportGenerated entry = generated(hub);
    assertEquals(signature, entry.export().signature());
    assertTrue(hub.log().verify().valid());
  }

  @Test
  @DisplayName("a ZIP bundle signs its manifest inside; the result and the log carry that signature")
  void embedded() throws Exception {
    ExportHub hub = hub().signer(SIGNER).build();
    ExportResult.Completed done = hub.export(request(ExportFormat.ZIP), BUNDLER).orThrow();

    Map<String, byte[]> entries = entries(done.content());
    byte[] manifest = entries.get("manifest-sha256.txt");
    String file = new String(entries.get("manifest-sha256.txt.sig"), StandardCharsets.US_ASCII);
    assertFalse(done.signature().detached());
    assertEquals(done.signature().fileText(), file);
    assertTrue(verifies(SIGNER.publicKey(), manifest, done.signature().bytes()));
    assertEquals(SigningKeys.publicKeyPem(SIGNER.publicKey()),
        new String(entries.get("signing-key.pub"), StandardCharsets.US_ASCII));
    assertTrue(new String(manifest, StandardCharsets.UTF_8).contains("  signing-key.pub\n"));
    assertEquals(done.signature(), generated(hub).export().signature());
  }

  @Test
  @DisplayName("without a signer nothing is signed, and the entry's stored form has no signature key")
  void unsigned() {
    ExportHub hub = hub().build();
    ExportResult.Completed done = hub.export(request(ExportFormat.JSON), AUDITOR).orThrow();
    assertNull(done.signature());
    assertNull(generated(hub).export().signature());
    InMemoryLogStore store = new InMemoryLogStore();
    ExportHub logged = hub().logStore(store).build();
    logged.export(request(ExportFormat.JSON), AUDITOR);
    assertFalse(store.stream(1).toList().get(1).contains("signature"), "entries of unsigned exports keep their old form");
  }

  @Test
  @DisplayName("a signed entry round-trips through its stored form; changing its signature breaks its hash")
  void storedForm() {
    InMemoryLogStore store = new InMemoryLogStore();
    ExportHub hub = hub().logStore(store).signer(SIGNER).build();
    hub.export(request(ExportFormat.CSV), AUDITOR);
    String line = store.stream(1).toList().get(1);
    assertTrue(line.contains(",\"signature\":{\"keyId\":\"" + SIGNER.keyId() + "\",\"detached\":true,\"value\":\""),
        line);
    LogEntry decoded = LogCodec.decode(line);
    assertTrue(LogCodec.sealedCorrectly(decoded, line));
    String changed = line.replace("\"detached\":true", "\"detached\":false");
    assertFalse(LogCodec.sealedCorrectly(LogCodec.decode(changed), changed));
    assertThrows(IllegalArgumentException.class, () -> LogCodec.decode(line.replace("\"detached\":true",
        "\"detached\":\"true\"")));
  }

  @Test
  @DisplayName("a signer whose key is not Ed25519, or whose key id is its own invention, is refused at build time")
  void refusedSigners() throws Exception {
    PublicKey rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
    assertThrows(IllegalArgumentException.class, () -> hub().signer(signer(rsa, null)));
    assertThrows(IllegalArgumentException.class, () -> hub().signer(new ArtifactSigner() {
      @Override
      public byte[] sign(byte[] message) throws GeneralSecurityException {
        return SIGNER.sign(message);
      }

      @Override
      public PublicKey publicKey() {
        return SIGNER.publicKey();
      }

      @Override
      public String keyId() {
        return "my-own-id";
      }
    }));
  }

  @Test
  @DisplayName("a signer that fails, or signs wrongly, fails the export with an error entry and no signature logged")
  void failingSigners() {
    ArtifactSigner refusing = signer(SIGNER.publicKey(), new SignatureException("HSM offline"));
    ExportHub hub = hub().signer(refusing).build();
    ExportFailedException e = assertThrows(ExportFailedException.class,
        () -> hub.export(request(ExportFormat.JSON), AUDITOR));
    assertTrue(e.getMessage().contains("Signing the json export failed: HSM offline"), e.getMessage());
    assertEquals(List.of("policy-decision", "error"), hub.log().entries().stream().map(LogEntry::entryType).toList());

    ExportHub zip = hub().signer(refusing).build();
    ExportFailedException inArchive = assertThrows(ExportFailedException.class,
        () -> zip.export(request(ExportFormat.ZIP), BUNDLER));
    assertTrue(inArchive.getMessage().contains("HSM offline"), inArchive.getMessage());

    ArtifactSigner lying = signer(SIGNER.publicKey(), null);
    ExportFailedException wrong = assertThrows(ExportFailedException.class,
        () -> hub().signer(lying).build().export(request(ExportFormat.JSON), AUDITOR));
    assertTrue(wrong.getMessage().contains("does not verify with its own public key"), wrong.getMessage());
  }

  @Test
  @DisplayName("a writer that declares it embeds its signature but signs nothing fails the export")
  void embeddingWriterThatDoesNotSign() {
    FormatWriter careless = new FormatWriter() {
      @Override
      public FormatDescriptor descriptor() {
        return new FormatDescriptor(ExportFormat.of("careless"), "text/plain", ".txt", false);
      }

      @Override
      public void write(ExportBundle bundle, WriteContext context, OutputStream out) throws IOException {
        assertTrue(context.signer() != null);
        out.write('x');
      }

      @Override
      public boolean embedsSignature() {
        return true;
      }
    };
    ExportHub hub = hub().writer(careless).signer(SIGNER).build();
    ExportFailedException e = assertThrows(ExportFailedException.class,
        () -> hub.export(request(ExportFormat.of("careless")), AUDITOR));
    assertTrue(e.getMessage().contains("signed nothing"), e.getMessage());
  }

  /** A signer of {@code key} that fails with {@code failure}, or, when it is {@code null}, returns zeros. */
  private static ArtifactSigner signer(PublicKey key, GeneralSecurityException failure) {
    return new ArtifactSigner() {
      @Override
      public byte[] sign(byte[] message) throws GeneralSecurityException {
        if (failure != null) {
          throw failure;
        }
        return new byte[64];
      }

      @Override
      public PublicKey publicKey() {
        return key;
      }
    };
  }
}
