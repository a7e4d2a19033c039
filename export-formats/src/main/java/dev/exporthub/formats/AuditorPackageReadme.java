package dev.exporthub.formats;

import dev.exporthub.api.BundleMetadata;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.api.spi.WriteContext;
import dev.exporthub.formats.AuditorPackageWriter.Layout;

/** The auditor package's {@code metadata/README.md}: what the package is, its files, and how to verify it. */
final class AuditorPackageReadme {

  private AuditorPackageReadme() {
  }

  static String text(ExportBundle bundle, WriteContext context, Layout layout, String root) {
    String folder = root.substring(0, root.length() - 1);
    String fileName = AuditorPackageWriter.DESCRIPTOR.fileName(bundle.bundleId());
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
      md.append("| `").append(AuditorPackageWriter.jsonFile(section.kind())).append("` | ").append(section.title())
          .append(": the section and its ").append(items).append(" as JSON, as in the bundle's JSON |\n");
      md.append("| `").append(AuditorPackageWriter.csvFile(section.kind())).append("` | ").append(section.title())
          .append(": one row per item, RFC 4180 CSV |\n");
    }
    md.append("| `").append(AuditorPackageWriter.EXPORT_INFO).append("` | the bundle's metadata and references, each section's summary,")
        .append(" and the chain of custody: requester, the caller's role and permissions, content digest, and the")
        .append(" policy decision that allowed the export |\n");
    md.append("| `").append(AuditorPackageWriter.README).append("` | this file |\n");
    md.append("| `").append(AuditorPackageWriter.INDEX).append("` | a page linking every file, with each section's summary |\n");
    ArtifactSigner signer = context.signer();
    if (layout == Layout.FOLDERS && signer != null) {
      md.append("| `").append(ArchiveSigning.PUBLIC_KEY).append("` | the Ed25519 public key of the signature |\n");
    }
    if (layout == Layout.FOLDERS) {
      md.append("| `").append(AuditorPackageWriter.MANIFEST).append("` | the SHA-256 of every other file |\n");
    }
    if (layout == Layout.FOLDERS && signer != null) {
      md.append("| `").append(ArchiveSigning.SIGNATURE).append("` | the Ed25519 signature over `")
          .append(AuditorPackageWriter.MANIFEST).append("` |\n");
    }
    md.append('\n');

    md.append("## How to verify\n\n");
    if (layout == Layout.BAGIT) {
      md.append("The folder `").append(folder).append("` is a BagIt bag (RFC 8493). Beside `data/` it holds")
          .append(" `bagit.txt`, `bag-info.txt` (with the payload's `Payload-Oxum`), the payload manifests")
          .append(" `manifest-sha256.txt` and `manifest-sha512.txt`, ")
          .append(signer == null ? "" : "the signing key `signing-key.pub` and the signature `"
              + ArchiveSigning.BAG_SIGNATURE + "` (named so that BagIt tools do not take it for a manifest), ")
          .append("and `tagmanifest-sha256.txt` over those tag files.\n\n");
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
    md.append(step + 1).append(". Chain of custody: `").append(AuditorPackageWriter.EXPORT_INFO).append("` holds who asked for the export")
        .append(" (`exportedBy`: user, tenant, role, permissions) and the policy decision that allowed it (scope,")
        .append(" rules evaluated, warnings). The hub's hash-chained export log holds the same decision and an")
        .append(" `export-generated` entry with the SHA-256 of this archive: ask the hub's operator to verify the")
        .append(" log and show the entry whose `sha256` is what `sha256sum ").append(fileName).append("` prints.")
        .append(" The archive records nothing of the log itself, so its bytes do not depend on what the log held")
        .append(" before. `contentDigest`")
        .append(" identifies the content itself: every rendering of the same content (JSON, CSV, HTML, ZIP, this")
        .append(" package) carries the same digest and bundle id.\n");
    if (signer != null) {
      String signatureFile = ArchiveSigning.signatureFile(layout == Layout.BAGIT);
      md.append(step + 2).append(". Signature: `").append(signatureFile).append("` is the Ed25519 signature")
          .append(" of key `").append(signer.keyId()).append("` over the exact bytes of `")
          .append(AuditorPackageWriter.MANIFEST).append("`, whose lines cover ")
          .append(layout == Layout.BAGIT ? "every payload file" : "every other file (`signing-key.pub` included)")
          .append(". In the folder `").append(folder).append("`, with OpenSSL 3:\n\n")
          .append("       base64 -d ").append(signatureFile).append(" > sig.bin\n")
          .append("       openssl pkeyutl -verify -pubin -inkey ").append(ArchiveSigning.PUBLIC_KEY)
          .append(" -rawin -in ").append(AuditorPackageWriter.MANIFEST).append(" -sigfile sig.bin\n\n")
          .append("   `Signature Verified Successfully` means the manifest is the one that key signed. It proves who")
          .append(" made the package only if `").append(ArchiveSigning.PUBLIC_KEY).append("` is the key you trust,")
          .append(" got from its owner by another way: anyone who rewrites the package can sign it again with a key")
          .append(" of their own. Give `-inkey` your trusted copy, or run `exporthub verify ").append(fileName)
          .append(" --public-key TRUSTED.pub`.\n");
    }
    return md.toString();
  }
}
