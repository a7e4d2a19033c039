package dev.exporthub.cli;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportResult;
import dev.exporthub.core.ExportHub;
import dev.exporthub.core.log.InMemoryLogStore;
import dev.exporthub.core.signing.Ed25519Signer;
import dev.exporthub.core.signing.SigningKeys;
import dev.exporthub.formats.PackageVerifier;
import dev.exporthub.testkit.Callers;
import dev.exporthub.testkit.DataSet;
import dev.exporthub.testkit.DataSets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.opentest4j.AssertionFailedError;

/**
 * Signed archives over arbitrary data ({@code docs/SPECIFICATION.md} §5.12): the same bytes whatever
 * the run, the default locale and time zone, or the log's history; and no changed byte, nor a
 * signature by another key, gets past {@code exporthub verify --public-key}. Tries are few: each
 * builds several archives.
 */
class SignedArchiveProperties {

  private static final Ed25519Signer KEY = Ed25519Signer.of(SigningKeys.generate());
  private static final Ed25519Signer OTHER_KEY = Ed25519Signer.of(SigningKeys.generate());

  private static Path work;
  private static Path trusted;

  @BeforeContainer
  static void keyFile() throws IOException {
    work = Files.createTempDirectory("signed-archives-");
    trusted = Files.writeString(work.resolve("trusted.pub"), SigningKeys.publicKeyPem(KEY.publicKey()));
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    try (var files = Files.walk(work)) {
      for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** One archive export: data, category, format and layout. */
  record Case(DataSet data, ExportCategory category, ExportFormat format, boolean bagit) {
    ExportRequest request() {
      ExportRequest.Builder builder = ExportRequest.builder(category, format).queryId("query-1")
          .scope(ExportScope.tenant(data.tenantIds().get(0)));
      return (bagit ? builder.option("package.layout", "bagit") : builder).build();
    }

    Caller caller() {
      return Callers.admin(data.tenantIds().get(0));
    }

    ExportHub hub(InMemoryLogStore store, Supplier<String> ids, Ed25519Signer signer) {
      return ExportHub.builder().dataSource(data.source()).tenantDirectory(data.tenantDirectory())
          .clock(Clock.fixed(data.now(), ZoneOffset.UTC)).idSupplier(ids).logStore(store).signer(signer).build();
    }

    byte[] export(InMemoryLogStore store) {
      return hub(store, () -> "export-1", KEY).export(request(), caller()).orThrow().content();
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    return DataSets.withAtMost(10).flatMap(data -> Combinators.combine(
            Arbitraries.of(ExportCategory.FULL_OPERATIONAL, ExportCategory.COMPLIANCE_PACK,
                ExportCategory.EXECUTIVE_SUMMARY, ExportCategory.AUDIT_FINDINGS),
            Arbitraries.of(ExportFormat.ZIP, ExportFormat.AUDITOR_PACKAGE), Arbitraries.of(false, true))
        .as((category, format, bagit) -> new Case(data, category, format, bagit && format == ExportFormat.AUDITOR_PACKAGE)));
  }

  @Property(tries = 12, shrinking = ShrinkingMode.BOUNDED)
  @Label("a signed archive is byte-identical across runs, default locales and time zones, and prior log states")
  void reproducible(@ForAll("cases") Case c, @ForAll @IntRange(min = 1, max = 3) int priorExports) {
    byte[] first = c.export(new InMemoryLogStore());
    same(first, c.export(new InMemoryLogStore()), "a second run");
    same(first, underDefaults(Locale.forLanguageTag("tr-TR"), "Pacific/Chatham",
        () -> c.export(new InMemoryLogStore())), "tr-TR and Pacific/Chatham");
    same(first, underDefaults(Locale.forLanguageTag("ar-SA"), "America/St_Johns",
        () -> c.export(new InMemoryLogStore())), "ar-SA and America/St_Johns");

    InMemoryLogStore used = new InMemoryLogStore();
    ExportHub earlier = c.hub(used, () -> "earlier-" + System.nanoTime(), KEY);
    for (int i = 0; i < priorExports; i++) {
      ExportResult.Completed done = earlier.export(c.request(), c.caller()).orThrow();
      earlier.recordDownload(done, done.filename(), c.caller());
    }
    earlier.export(ExportRequest.builder(ExportCategory.AUDIT_FINDINGS, ExportFormat.JSON).build(),
        Caller.of("stranger", "elsewhere", null, List.of()));
    same(first, c.export(used), "a log that already held " + used.size() + " entries");
    same(c.export(new InMemoryLogStore()), c.export(used), "a log holding yet more entries");
  }

  @Property(tries = 12, shrinking = ShrinkingMode.BOUNDED)
  @Label("one changed byte of any member makes verify --public-key fail")
  void changedByteFails(@ForAll("cases") Case c, @ForAll @IntRange(min = 0, max = 10_000) int member,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int offset, @ForAll @IntRange(min = 1, max = 255) int xor)
      throws IOException {
    byte[] archive = c.export(new InMemoryLogStore());
    verifies(archive, true, "as exported");
    Map<String, byte[]> entries = entries(archive);
    List<String> names = new ArrayList<>(entries.keySet());
    String name = names.get(member % names.size());
    byte[] content = entries.get(name).clone();
    int at = offset % content.length;
    content[at] ^= (byte) xor;
    entries.put(name, content);
    verifies(zip(entries), false, "byte " + at + " of " + name + " changed");
  }

  @Property(tries = 8, shrinking = ShrinkingMode.BOUNDED)
  @Label("an archive rewritten and re-signed with another key makes verify --public-key fail")
  void resignedFails(@ForAll("cases") Case c, @ForAll @IntRange(min = 0, max = 10_000) int member) throws IOException {
    // The forger exports the same request with their own key: every file, manifest and signature consistent.
    byte[] forged = c.hub(new InMemoryLogStore(), () -> "export-1", OTHER_KEY).export(c.request(), c.caller())
        .orThrow().content();
    verifies(forged, false, "signed with another key");

    // Or takes the real archive, changes a file and re-signs the manifest with their key in place of ours.
    Map<String, byte[]> entries = entries(c.export(new InMemoryLogStore()));
    String manifestName = entries.keySet().stream().filter(n -> n.endsWith("manifest-sha256.txt")).findFirst()
        .orElseThrow();
    String root = manifestName.substring(0, manifestName.length() - "manifest-sha256.txt".length());
    List<String> payload = entries.keySet().stream().filter(n -> n.endsWith(".json")).toList();
    String victim = payload.get(member % payload.size());
    entries.put(victim, (new String(entries.get(victim), StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8));
    entries.put(root + "signing-key.pub", SigningKeys.publicKeyPem(OTHER_KEY.publicKey()).getBytes(StandardCharsets.US_ASCII));
    StringBuilder manifest = new StringBuilder();
    for (String line : new String(entries.get(manifestName), StandardCharsets.UTF_8).split("\n")) {
      String path = line.substring(66);
      manifest.append(sha256(entries.get(root + path))).append("  ").append(path).append('\n');
    }
    byte[] manifestBytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
    entries.put(manifestName, manifestBytes);
    try {
      entries.put(root + (c.bagit() ? "signature-" : "") + "manifest-sha256.txt.sig", dev.exporthub.api.ArtifactSignature.of(OTHER_KEY.keyId(), false,
          OTHER_KEY.sign(manifestBytes)).fileText().getBytes(StandardCharsets.US_ASCII));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
    if (!c.bagit()) {
      // Consistent as far as integrity goes: only the trusted key tells the forgery.
      PackageVerifier.Report integrity = PackageVerifier.verify(new ByteArrayInputStream(zip(entries)),
          PackageVerifier.Limits.DEFAULT, null);
      if (!integrity.ok()) {
        throw new AssertionFailedError("the forgery should be intact without a trusted key: " + integrity.problems());
      }
    }
    verifies(zip(entries), false, "re-signed with another key after changing " + victim);
  }

  /** Runs {@code exporthub verify FILE --public-key trusted.pub} in-process. */
  private static void verifies(byte[] archive, boolean expected, String what) throws IOException {
    Path file = Files.write(work.resolve("archive.zip"), archive);
    Cli.Run run = Cli.run(work, "verify", file.toString(), "--public-key", trusted.toString());
    if ((run.code() == 0) != expected) {
      throw new AssertionFailedError("verify --public-key " + (expected ? "refused" : "accepted") + " the archive "
          + what + ": " + run);
    }
    if (!expected && (run.code() != ExitCodes.FAILED || run.errLines().size() != 1)) {
      throw new AssertionFailedError("a refusal is exit 1 with one line: " + run);
    }
  }

  private static byte[] underDefaults(Locale locale, String zone, Supplier<byte[]> export) {
    Locale locales = Locale.getDefault();
    TimeZone zones = TimeZone.getDefault();
    try {
      Locale.setDefault(locale);
      TimeZone.setDefault(TimeZone.getTimeZone(zone));
      return export.get();
    } finally {
      Locale.setDefault(locales);
      TimeZone.setDefault(zones);
    }
  }

  private static void same(byte[] expected, byte[] actual, String how) {
    if (!Arrays.equals(expected, actual)) {
      throw new AssertionFailedError("The signed archive changed with " + how);
    }
  }

  private static Map<String, byte[]> entries(byte[] zip) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  private static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
