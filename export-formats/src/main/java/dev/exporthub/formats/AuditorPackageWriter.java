package dev.exporthub.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.exporthub.api.BundleMetadata;
import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.PolicyDecision;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.WriteContext;
import dev.exporthub.formats.ZipArchive.Algorithm;
import dev.exporthub.formats.ZipArchive.Entry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes the auditor package ({@code application/zip}, {@code -auditor-package.zip}): the folder
 * tree of {@code docs/SPECIFICATION.md} §5.8 under one folder {@code {bundleId}-{category}/}, for
 * every category (the reference specification has it for the compliance pack only, §11.1 row 17),
 * in this order:
 * <ol>
 *   <li>per section, in the bundle's order, {@code {sectionId}/{stem}.json} (the section object
 *       exactly as in the bundle's JSON, items included) and {@code {sectionId}/{stem}.csv} (the
 *       CSV writer's header and rows for that section alone), with the stems of
 *       {@link SectionKind#fileStem()}: {@code audit-findings/findings.*}, {@code drift-logs/drifts.*},
 *       {@code sla-compliance/sla.*}, ...;</li>
 *   <li>{@code metadata/export-info.json}: the bundle's metadata, every section's summary and files,
 *       and the chain of custody: the requester, the content digest, the policy decision that
 *       allowed the export and the hash of its log entry;</li>
 *   <li>{@code metadata/README.md}: what the package is and how to verify it;</li>
 *   <li>{@code index.html}: links to every file and each section's summary, escaped as the HTML
 *       writer escapes;</li>
 *   <li>{@code manifest-sha256.txt}: the SHA-256 of every other file, as {@code sha256sum -c}
 *       reads it.</li>
 * </ol>
 *
 * <p>With the request option {@value #LAYOUT_OPTION}{@code =bagit} the same files are the payload of
 * a BagIt bag (RFC 8493) in that folder: {@code bagit.txt}, then the files above under
 * {@code data/} (without {@code manifest-sha256.txt}), then {@code bag-info.txt} (with
 * {@code Payload-Oxum}), {@code manifest-sha256.txt}, {@code manifest-sha512.txt} and
 * {@code tagmanifest-sha256.txt}. The default layout is {@code folders}.
 *
 * <p>Byte-reproducible and streaming exactly like the {@link ZipBundleWriter}: fixed order, one
 * time ({@code generatedAt}, UTC, clamped to 1980 to 2107), no extra fields, default deflate level;
 * each file goes through its digests into the archive as it is written, and the manifests come
 * last. The writer is stateless and thread-safe, never closes {@code out} and lets its
 * {@link IOException}s through; bad options fail before the first byte.
 */
public final class AuditorPackageWriter extends BuiltInWriter {

  static final FormatDescriptor DESCRIPTOR =
      new FormatDescriptor(ExportFormat.AUDITOR_PACKAGE, "application/zip", "-auditor-package.zip", true);

  /** The option that picks the layout: {@code folders} (the default) or {@code bagit}. */
  public static final String LAYOUT_OPTION = "package.layout";

  /** The BagIt declaration every bag of this writer carries. */
  static final String BAGIT_DECLARATION = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

  /** The {@code Bag-Software-Agent} of every bag of this writer. */
  static final String SOFTWARE_AGENT = "Export Hub";

  static final String EXPORT_INFO = "metadata/export-info.json";
  static final String README = "metadata/README.md";
  static final String INDEX = "index.html";
  static final String MANIFEST = "manifest-sha256.txt";

  enum Layout {
    FOLDERS("folders"),
    BAGIT("bagit");

    final String id;

    Layout(String id) {
      this.id = id;
    }

    /** @throws InvalidRequestException on an unknown value */
    static Layout from(WriteContext context) {
      String value = context.option(LAYOUT_OPTION, FOLDERS.id);
      String wanted = value.strip().toLowerCase(Locale.ROOT);
      for (Layout layout : values()) {
        if (layout.id.equals(wanted)) {
          return layout;
        }
      }
      throw new InvalidRequestException("Option " + LAYOUT_OPTION + " must be 'folders' or 'bagit', not '" + value
          + "'");
    }
  }

  /** Creates the writer; it keeps no state. */
  public AuditorPackageWriter() {
    super(DESCRIPTOR);
  }

  /** The package signs its ({@code manifest-sha256.txt}) manifest. */
  @Override
  public boolean embedsSignature() {
    return true;
  }

  /** The package's folder inside the archive: {@code {bundleId}-{category}}. */
  static String rootFolder(ExportBundle bundle) {
    return EntryNames.safeStem(bundle.bundleId()) + "-" + bundle.category().id();
  }

  /** A section's JSON file, relative to the folder holding {@code index.html}. */
  static String jsonFile(SectionKind kind) {
    return kind.id() + "/" + kind.fileStem() + ".json";
  }

  /** A section's CSV file, relative to the folder holding {@code index.html}. */
  static String csvFile(SectionKind kind) {
    return kind.id() + "/" + kind.fileStem() + ".csv";
  }

  @Override
  void render(ExportBundle bundle, WriteContext context, OutputStream out) throws IOException {
    // Everything that can refuse the request does so before the first byte.
    Layout layout = Layout.from(context);
    CsvFormatWriter.Options csv = CsvFormatWriter.Options.from(context.options());
    String root = rootFolder(bundle) + "/";
    Set<SectionKind> kinds = EnumSet.noneOf(SectionKind.class);
    for (ExportSection section : bundle.sections()) {
      if (!kinds.add(section.kind())) {
        throw new IllegalArgumentException("Bundle " + bundle.bundleId() + " has two '" + section.sectionId()
            + "' sections; an auditor package holds one folder per section");
      }
    }
    boolean bag = layout == Layout.BAGIT;
    String payload = bag ? root + "data/" : root;

    try (ZipArchive zip = new ZipArchive(out, bundle.metadata().generatedAt(), bag,
        ZipArchive.worthPipelining(bundle.metadata().totalItems()))) {
      if (bag) {
        zip.text(root + "bagit.txt", BAGIT_DECLARATION);
      }
      for (ExportSection section : bundle.sections()) {
        zip.entry(payload + jsonFile(section.kind()), entry -> JsonFormatWriter.writeSectionDocument(section, entry));
        zip.entry(payload + csvFile(section.kind()),
            entry -> CsvFormatWriter.writeRows(List.of(section), csv, entry));
      }
      zip.entry(payload + EXPORT_INFO, entry -> exportInfo(bundle, context, layout, root, entry));
      zip.text(payload + README, AuditorPackageReadme.text(bundle, context, layout, root));
      zip.entry(payload + INDEX, entry -> AuditorPackageIndex.write(bundle, context, layout, entry));

      ArtifactSigner signer = context.signer();
      if (bag) {
        // The key and the signature are tag files: the tag manifest covers both, the payload
        // manifest (what is signed) covers data/ and so export-info.json with the key id.
        // docs/SPECIFICATION.md §5.12 says why the bag's signature has a name of its own.
        List<Entry> payloadEntries = zip.entries().stream().filter(e -> e.name().startsWith(payload)).toList();
        zip.text(root + "bag-info.txt", bagInfo(bundle, payloadEntries));
        ArchiveSigning.writePublicKey(zip, root, signer);
        ArchiveSigning.writeManifest(zip, root, ZipArchive.manifest(payloadEntries, Algorithm.SHA256, root), signer,
            ArchiveSigning.BAG_SIGNATURE);
        zip.text(root + "manifest-sha512.txt", ZipArchive.manifest(payloadEntries, Algorithm.SHA512, root));
        zip.text(root + "tagmanifest-sha256.txt", ZipArchive.manifest(
            zip.entries().stream().filter(e -> !e.name().startsWith(payload)).toList(), Algorithm.SHA256, root));
      } else {
        ArchiveSigning.writePublicKey(zip, root, signer);
        ArchiveSigning.writeManifest(zip, root, ZipArchive.manifest(zip.entries(), Algorithm.SHA256, root), signer,
            ArchiveSigning.SIGNATURE);
      }
      zip.finish();
    }
  }

  // ---- metadata/export-info.json

  private static void exportInfo(ExportBundle bundle, WriteContext context, Layout layout, String root,
      OutputStream out) throws IOException {
    BundleMetadata m = bundle.metadata();
    try (JsonGenerator json = Json.prettyGenerator(out)) {
      json.writeStartObject();
      json.writeObjectFieldStart("package");
      json.writeStringField("format", DESCRIPTOR.format().id());
      json.writeStringField("layout", layout.id);
      json.writeStringField("folder", root.substring(0, root.length() - 1));
      json.writeStringField("fileName", DESCRIPTOR.fileName(bundle.bundleId()));
      json.writeNumberField("schemaVersion", BundleMetadata.SCHEMA_VERSION);
      json.writeEndObject();

      json.writeObjectFieldStart("bundle");
      json.writeStringField("bundleId", text(bundle.bundleId()));
      json.writeStringField("exportId", text(bundle.exportId()));
      json.writeStringField("title", text(bundle.title()));
      json.writeStringField("description", text(bundle.description()));
      json.writeStringField("category", bundle.category().id());
      json.writeStringField("format", bundle.format().id());
      json.writeFieldName("scope");
      JsonFormatWriter.writeScope(json, bundle.scope());
      json.writeFieldName("timeRange");
      JsonFormatWriter.writeTimeRange(json, bundle.timeRange());
      json.writeFieldName("references");
      JsonFormatWriter.writeReferences(json, bundle.references());
      json.writeFieldName("metadata");
      JsonFormatWriter.writeMetadata(json, m);
      json.writeEndObject();

      json.writeArrayFieldStart("sections");
      for (ExportSection section : bundle.sections()) {
        json.writeStartObject();
        json.writeStringField("sectionId", section.sectionId());
        json.writeStringField("title", section.title());
        json.writeStringField("description", section.description());
        json.writeStringField("dataSource", section.dataSource());
        json.writeStringField("summary", text(section.summary()));
        json.writeNumberField("itemCount", section.itemCount());
        json.writeStringField("generatedAt", DataValues.instant(section.generatedAt()));
        json.writeArrayFieldStart("files");
        json.writeString(jsonFile(section.kind()));
        json.writeString(csvFile(section.kind()));
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();

      PolicyDecision decision = context.decision();
      json.writeObjectFieldStart("chainOfCustody");
      json.writeStringField("requestedBy", text(m.generatedBy()));
      writeCaller(json, context.caller());
      json.writeStringField("contentDigest", text(m.contentDigest()));
      json.writeObjectFieldStart("policyDecision");
      json.writeStringField("queryId", text(decision.queryId()));
      json.writeFieldName("scope");
      JsonFormatWriter.writeScope(json, decision.scope());
      json.writeBooleanField("allowed", decision.allowed());
      json.writeStringField("reason", text(decision.reason()));
      JsonFormatWriter.writeStrings(json, "violations", decision.violations());
      JsonFormatWriter.writeStrings(json, "warnings", decision.warnings());
      JsonFormatWriter.writeStrings(json, "rules", decision.rules());
      json.writeEndObject();
      writeSignature(json, context.signer(), layout);
      json.writeEndObject();
      json.writeEndObject();
      json.writeRaw('\n');
    }
  }

  /** The signature's facts, paths relative to the package folder (the bag for BagIt); {@code null} when unsigned. */
  private static void writeSignature(JsonGenerator json, ArtifactSigner signer, Layout layout) throws IOException {
    if (signer == null) {
      json.writeNullField("signature");
      return;
    }
    json.writeObjectFieldStart("signature");
    json.writeStringField("algorithm", ArchiveSigning.ALGORITHM);
    json.writeStringField("keyId", signer.keyId());
    json.writeStringField("publicKey", ArchiveSigning.PUBLIC_KEY);
    json.writeStringField("signs", MANIFEST);
    json.writeStringField("signatureFile", ArchiveSigning.signatureFile(layout == Layout.BAGIT));
    json.writeEndObject();
  }

  /** Who asked: what the policy judged, so the decision can be re-checked from the package alone. */
  private static void writeCaller(JsonGenerator json, Caller caller) throws IOException {
    json.writeObjectFieldStart("exportedBy");
    json.writeStringField("userId", text(caller.userId()));
    json.writeStringField("tenantId", text(caller.tenantId()));
    if (caller.federationId() != null) {
      json.writeStringField("federationId", text(caller.federationId()));
    }
    if (caller.role() != null) {
      json.writeStringField("role", text(caller.role()));
    }
    JsonFormatWriter.writeStrings(json, "permissions", List.copyOf(caller.permissions()));
    json.writeEndObject();
  }

  private static String text(String value) {
    return DataValues.wellFormed(value);
  }

  // ---- bag-info.txt

  private static String bagInfo(ExportBundle bundle, List<Entry> payload) {
    long octets = payload.stream().mapToLong(Entry::size).sum();
    return "Bag-Software-Agent: " + SOFTWARE_AGENT + "\n"
        + "Bagging-Date: " + LocalDate.ofInstant(bundle.metadata().generatedAt(), ZoneOffset.UTC) + "\n"
        + "External-Description: " + ZipBundleWriter.PlainText.oneLine(bundle.title()) + "\n"
        + "External-Identifier: " + bundle.bundleId() + "\n"
        + "Internal-Sender-Identifier: " + ZipBundleWriter.PlainText.oneLine(bundle.exportId()) + "\n"
        + "Payload-Oxum: " + octets + "." + payload.size() + "\n";
  }
}
