package dev.exporthub.formats;

import dev.exporthub.api.BundleMetadata;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.PolicyDecision;
import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.WriteContext;
import dev.exporthub.formats.ZipArchive.Algorithm;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the ZIP bundle ({@code application/zip}, {@code .zip}): the bundle in three formats plus
 * a plain-text description and a manifest, flat at the archive root, in this order:
 * <ol>
 *   <li>{@code {bundleId}.json}, {@code {bundleId}.csv}, {@code {bundleId}.html}: exactly what the
 *       {@link JsonFormatWriter}, {@link CsvFormatWriter} and {@link HtmlFormatWriter} write for the
 *       bundle in that format ({@link ExportBundle#withFormat}), so each file reads as a standalone
 *       export; the request's CSV options apply;</li>
 *   <li>{@code README.txt}: the export metadata in plain text, and how to verify the archive;</li>
 *   <li>with a signer: {@code signing-key.pub}, the signer's Ed25519 public key (PEM);</li>
 *   <li>{@code manifest-sha256.txt}: the SHA-256 of every other entry, in the format
 *       {@code sha256sum -c} reads;</li>
 *   <li>with a signer: {@code manifest-sha256.txt.sig}, the Ed25519 signature over the manifest's
 *       exact bytes, the one entry the manifest does not list ({@code docs/SPECIFICATION.md} §5.12).</li>
 * </ol>
 *
 * <p>Byte-reproducible: a fixed entry order, every entry deflated at the default level with the
 * bundle's {@code generatedAt} as its time (UTC, clamped to the MS-DOS range 1980 to 2107) and no
 * extra field, so the same bundle gives the same bytes on one JDK build under any default locale and
 * time zone.
 *
 * <p>Streaming: each entry is written as the inner writer produces it, through SHA-256, into the
 * archive; only the digests are kept, and the manifest comes last. A large bundle is deflated on a
 * helper thread beside the rendering (see {@link ZipArchive}), with the same bytes. Memory does not grow with the
 * number of items. The writer is stateless and thread-safe, never closes {@code out} and lets its
 * {@link IOException}s through; an archive that fails half-way has no central directory.
 */
public final class ZipBundleWriter extends BuiltInWriter {

  static final FormatDescriptor DESCRIPTOR = new FormatDescriptor(ExportFormat.ZIP, "application/zip", ".zip", true);

  /** The name of the manifest entry. */
  static final String MANIFEST = "manifest-sha256.txt";

  /** The name of the plain-text description. */
  static final String README = "README.txt";

  private final JsonFormatWriter json = new JsonFormatWriter();
  private final CsvFormatWriter csv = new CsvFormatWriter();
  private final HtmlFormatWriter html = new HtmlFormatWriter();

  /** Creates the writer; it keeps no state. */
  public ZipBundleWriter() {
    super(DESCRIPTOR);
  }

  /** The archive signs its manifest. */
  @Override
  public boolean embedsSignature() {
    return true;
  }

  @Override
  void render(ExportBundle bundle, WriteContext context, OutputStream out) throws IOException {
    String stem = EntryNames.safeStem(bundle.bundleId());
    // Bad options fail here, before the first byte.
    CsvFormatWriter.Options.from(context.options());

    try (ZipArchive zip = new ZipArchive(out, bundle.metadata().generatedAt(), false,
        ZipArchive.worthPipelining(bundle.metadata().totalItems()))) {
      zip.entry(JsonFormatWriter.DESCRIPTOR.fileName(stem),
          entry -> json.write(bundle.withFormat(ExportFormat.JSON), context, entry));
      zip.entry(CsvFormatWriter.DESCRIPTOR.fileName(stem),
          entry -> csv.write(bundle.withFormat(ExportFormat.CSV), context, entry));
      zip.entry(HtmlFormatWriter.DESCRIPTOR.fileName(stem),
          entry -> html.write(bundle.withFormat(ExportFormat.HTML), context, entry));
      zip.text(README, readme(bundle, context, stem));
      ArchiveSigning.writePublicKey(zip, "", context.signer());
      ArchiveSigning.writeManifest(zip, "", ZipArchive.manifest(zip.entries(), Algorithm.SHA256, ""),
          context.signer(), ArchiveSigning.SIGNATURE);
      zip.finish();
    }
  }

  /** The plain-text description: metadata, sections, files and how to verify them. */
  static String readme(ExportBundle bundle, WriteContext context, String stem) {
    BundleMetadata m = bundle.metadata();
    PlainText text = new PlainText();
    text.heading("Export Hub ZIP bundle " + stem, '=');
    text.line("This archive holds one export of Export Hub in three formats, with its metadata below.");
    text.blank();
    text.fact("Bundle ID", bundle.bundleId());
    text.fact("Export ID", bundle.exportId());
    text.fact("Title", bundle.title());
    text.fact("Description", bundle.description());
    text.fact("Category", bundle.category().title() + " (" + bundle.category().id() + ")");
    text.fact("Scope", Facts.scope(bundle.scope()));
    text.fact("Time range", Facts.range(bundle.timeRange()));
    text.fact("Generated at", DataValues.instant(m.generatedAt()));
    text.fact("Generated by", m.generatedBy());
    text.fact("Total sections", Integer.toString(m.totalSections()));
    text.fact("Total items", Long.toString(m.totalItems()));
    text.fact("Data sources used", String.join("; ", m.dataSourcesUsed()));
    text.fact("Content digest", "SHA-256 " + m.contentDigest());
    text.fact("Schema version", Integer.toString(m.schemaVersion()));
    PolicyDecision decision = context.decision();
    text.fact("Policy decision", (decision.allowed() ? "allowed" : "denied") + " (query " + decision.queryId() + "): "
        + decision.reason());
    text.fact("Exported by", Facts.caller(context.caller()));
    text.fact("Rules evaluated", String.join(", ", decision.rules()));
    text.fact("Policy warnings", decision.warnings().isEmpty() ? "none" : String.join("; ", decision.warnings()));
    ArtifactSigner signer = context.signer();
    text.fact("Signature", signer == null ? "none: this archive is not signed"
        : ArchiveSigning.ALGORITHM + " key " + signer.keyId() + ": " + ArchiveSigning.SIGNATURE + " signs " + MANIFEST
            + ", " + ArchiveSigning.PUBLIC_KEY + " is the public key");
    text.blank();
    text.heading("Sections", '-');
    for (ExportSection section : bundle.sections()) {
      text.line(section.title() + " (" + section.sectionId() + "): " + section.itemCount()
          + (section.itemCount() == 1 ? " item" : " items"));
      text.line("  Data source: " + section.dataSource());
      text.line("  Summary: " + section.summary());
    }
    text.blank();
    text.heading("Files", '-');
    List<Map.Entry<String, String>> files = new ArrayList<>(List.of(
        Map.entry(JsonFormatWriter.DESCRIPTOR.fileName(stem), "the whole bundle as JSON"),
        Map.entry(CsvFormatWriter.DESCRIPTOR.fileName(stem), "one row per item, RFC 4180 CSV"),
        Map.entry(HtmlFormatWriter.DESCRIPTOR.fileName(stem), "a styled document for reading and printing"),
        Map.entry(README, "this description")));
    if (signer != null) {
      files.add(Map.entry(ArchiveSigning.PUBLIC_KEY, "the Ed25519 public key of the signature"));
    }
    files.add(Map.entry(MANIFEST, "the SHA-256 of every other file"));
    if (signer != null) {
      files.add(Map.entry(ArchiveSigning.SIGNATURE, "the Ed25519 signature over " + MANIFEST));
    }
    for (Map.Entry<String, String> file : files) {
      text.line(file.getKey() + "  " + file.getValue());
    }
    text.blank();
    text.heading("Verifying", '-');
    text.line("Extract the archive into an empty folder and check every file against the manifest:");
    text.blank();
    text.line("  sha256sum -c " + MANIFEST);
    text.blank();
    if (signer != null) {
      text.line("Then check the signature over the manifest (OpenSSL 3):");
      text.blank();
      text.line("  base64 -d " + ArchiveSigning.SIGNATURE + " > sig.bin");
      text.line("  openssl pkeyutl -verify -pubin -inkey " + ArchiveSigning.PUBLIC_KEY + " -rawin -in " + MANIFEST
          + " -sigfile sig.bin");
      text.blank();
      text.line("It proves who made the archive only if " + ArchiveSigning.PUBLIC_KEY + " is the key you trust for");
      text.line("key " + signer.keyId() + ", got from its owner by another way: anyone who rewrites the archive can");
      text.line("sign it again with a key of their own. Give -inkey your trusted copy, or run");
      text.line("'exporthub verify " + DESCRIPTOR.fileName(stem) + " --public-key TRUSTED.pub'.");
      text.blank();
    }
    text.line("Or check the archive without extracting it: PackageVerifier.verify(path) in the");
    text.line("dev.exporthub:export-formats library, or 'exporthub verify " + DESCRIPTOR.fileName(stem)
        + "' on the command line.");
    text.line("The content digest is the same for every rendering of the same content.");
    return text.toString();
  }

  /** Plain text with {@code \n} line ends, where no value can start a line of its own. */
  static final class PlainText {
    private final StringBuilder text = new StringBuilder(4096);

    void heading(String title, char underline) {
      line(title);
      line(String.valueOf(underline).repeat(title.length()));
      blank();
    }

    void fact(String label, String value) {
      line(label + ": " + value);
    }

    void line(String line) {
      text.append(oneLine(line)).append('\n');
    }

    void blank() {
      text.append('\n');
    }

    /** The value on one line: control characters become spaces, unpaired surrogates U+FFFD. */
    static String oneLine(String value) {
      String wellFormed = DataValues.wellFormed(value);
      StringBuilder s = new StringBuilder(wellFormed.length());
      for (int i = 0; i < wellFormed.length(); i++) {
        char c = wellFormed.charAt(i);
        boolean control = c < 0x20 || c >= 0x7F && c <= 0x9F || c == '\u2028' || c == '\u2029';
        s.append(control ? ' ' : c);
      }
      return s.toString();
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
