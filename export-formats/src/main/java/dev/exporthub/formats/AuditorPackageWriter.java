package dev.exporthub.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.exporthub.api.BundleMetadata;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.PolicyDecision;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
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
import java.util.Objects;
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
public final class AuditorPackageWriter implements FormatWriter {

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
  }

  @Override
  public FormatDescriptor descriptor() {
    return DESCRIPTOR;
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
  public void write(ExportBundle bundle, WriteContext context, OutputStream out) throws IOException {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(out, "out");
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
      zip.text(payload + README, readme(bundle, context, layout, root));
      zip.entry(payload + INDEX, entry -> AuditorPackageIndex.write(bundle, context, layout, entry));

      if (bag) {
        List<Entry> payloadEntries = zip.entries().stream().filter(e -> e.name().startsWith(payload)).toList();
        zip.text(root + "bag-info.txt", bagInfo(bundle, payloadEntries));
        zip.text(root + "manifest-sha256.txt", ZipArchive.manifest(payloadEntries, Algorithm.SHA256, root));
        zip.text(root + "manifest-sha512.txt", ZipArchive.manifest(payloadEntries, Algorithm.SHA512, root));
        zip.text(root + "tagmanifest-sha256.txt", ZipArchive.manifest(
            zip.entries().stream().filter(e -> !e.name().startsWith(payload)).toList(), Algorithm.SHA256, root));
      } else {
        zip.text(root + MANIFEST, ZipArchive.manifest(zip.entries(), Algorithm.SHA256, root));
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
      if (context.decisionLogHash() == null) {
        json.writeNullField("decisionLogHash");
      } else {
        json.writeStringField("decisionLogHash", text(context.decisionLogHash()));
      }
      json.writeEndObject();
      json.writeEndObject();
      json.writeRaw('\n');
    }
  }

  private static String text(String value) {
    return DataValues.wellFormed(value);
  }

  // ---- metadata/README.md

  static String readme(ExportBundle bundle, WriteContext context, Layout layout, String root) {
    String folder = root.substring(0, root.length() - 1);
    String fileName = DESCRIPTOR.fileName(bundle.bundleId());
    BundleMetadata m = bundle.metadata();
    StringBuilder md = new StringBuilder(4096);
    md.append("# Auditor package ").append(bundle.bundleId()).append("\n\n");
    md.append("This is the auditor package of one Export Hub export, the ").append(bundle.category().title())
        .append(" (`").append(bundle.category().id()).append("`): ").append(MarkdownText.escape(bundle.title()))
        .append(".\n\n");
    md.append("It holds each section of the export as JSON and as CSV, the export's metadata and chain of custody,")
        .append(" and the SHA-256 of every file, so that an auditor can check that nothing was changed since the")
        .append(" export was made.\n\n");
    md.append("- Generated at: ").append(DataValues.instant(m.generatedAt())).append('\n');
    md.append("- Requested by: ").append(MarkdownText.escape(m.generatedBy())).append('\n');
    md.append("- Time range: ").append(MarkdownText.escape(Facts.range(bundle.timeRange()))).append('\n');
    md.append("- Sections: ").append(m.totalSections()).append(", items: ").append(m.totalItems()).append('\n');
    md.append("- Archive: `").append(fileName).append("`, folder `").append(folder).append("`\n\n");

    md.append("## Contents\n\n");
    if (layout == Layout.BAGIT) {
      md.append("Paths are relative to the bag's `data/` folder.\n\n");
    }
    md.append("| Path | What it holds |\n|---|---|\n");
    for (ExportSection section : bundle.sections()) {
      String items = section.itemCount() + (section.itemCount() == 1 ? " item" : " items");
      md.append("| `").append(jsonFile(section.kind())).append("` | ").append(section.title())
          .append(": the section and its ").append(items).append(" as JSON, as in the bundle's JSON |\n");
      md.append("| `").append(csvFile(section.kind())).append("` | ").append(section.title())
          .append(": one row per item, RFC 4180 CSV |\n");
    }
    md.append("| `").append(EXPORT_INFO).append("` | the bundle's metadata and references, each section's summary,")
        .append(" and the chain of custody: requester, content digest, the policy decision that allowed the")
        .append(" export and the hash of its log entry |\n");
    md.append("| `").append(README).append("` | this file |\n");
    md.append("| `").append(INDEX).append("` | a page linking every file, with each section's summary |\n");
    if (layout == Layout.FOLDERS) {
      md.append("| `").append(MANIFEST).append("` | the SHA-256 of every other file |\n");
    }
    md.append('\n');

    md.append("## How to verify\n\n");
    if (layout == Layout.BAGIT) {
      md.append("The folder `").append(folder).append("` is a BagIt bag (RFC 8493). Beside `data/` it holds")
          .append(" `bagit.txt`, `bag-info.txt` (with the payload's `Payload-Oxum`), the payload manifests")
          .append(" `manifest-sha256.txt` and `manifest-sha512.txt`, and `tagmanifest-sha256.txt` over those")
          .append(" tag files.\n\n");
      md.append("1. Extract the archive and validate the bag with any BagIt tool, for example")
          .append(" `bagit.py --validate ").append(folder).append("` or the Library of Congress's bagit-java.\n");
      md.append("2. Or, in the folder `").append(folder).append("`, check every file with GNU coreutils:\n\n")
          .append("       sha256sum -c manifest-sha256.txt\n")
          .append("       sha512sum -c manifest-sha512.txt\n")
          .append("       sha256sum -c tagmanifest-sha256.txt\n\n")
          .append("   Every line must end in `OK`.\n");
    } else {
      md.append("1. Extract the archive and, in the folder `").append(folder)
          .append("`, check every file against the manifest with GNU coreutils:\n\n")
          .append("       sha256sum -c manifest-sha256.txt\n\n")
          .append("   Every line must end in `OK` (on macOS: `shasum -a 256 -c manifest-sha256.txt`).\n");
    }
    int step = layout == Layout.BAGIT ? 3 : 2;
    md.append(step).append(". Or check the archive without extracting it: `PackageVerifier.verify(path)` of the library")
        .append(" `dev.exporthub:export-formats`, or `exporthub verify ").append(fileName).append("`. It reports")
        .append(" every missing, extra or changed file and refuses unsafe file names and archive bombs.\n");
    md.append(step + 1).append(". Chain of custody: `").append(EXPORT_INFO).append("` holds the policy decision that allowed the")
        .append(" export and `decisionLogHash`, the hash of that decision's entry in the hub's hash-chained export")
        .append(" log");
    md.append(context.decisionLogHash() == null ? " (not recorded for this export)" : "");
    md.append(". Ask the hub's operator to verify the log and show the entry with that hash: it records who asked")
        .append(" for the export and that every policy rule passed before any data was read. `contentDigest`")
        .append(" identifies the content itself: every rendering of the same content (JSON, CSV, HTML, ZIP, this")
        .append(" package) carries the same digest and bundle id.\n");
    return md.toString();
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
