package dev.exporthub.formats;

import static dev.exporthub.formats.HtmlFormatWriter.fact;

import dev.exporthub.api.BundleMetadata;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.PolicyDecision;
import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.api.spi.WriteContext;
import dev.exporthub.formats.AuditorPackageWriter.Layout;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The auditor package's {@code index.html}: the bundle's facts and chain of custody, a link to
 * every file, the HTML export's overview charts, and each section's summary and charts, with the
 * HTML writer's head and escaping.
 */
final class AuditorPackageIndex {

  private record PackageFile(String path, String holds) {
  }

  private AuditorPackageIndex() {
  }

  static void write(ExportBundle bundle, WriteContext context, Layout layout, OutputStream out) throws IOException {
    BundleMetadata m = bundle.metadata();
    // Not closed: that would end the entry's stream.
    Writer html = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    HtmlFormatWriter.writeHead(html, "Auditor package: " + bundle.title());
    html.write("<body>\n<main class=\"container\">\n<header>\n");
    html.write("<h1>Auditor package: " + h(bundle.title()) + "</h1>\n");
    html.write("<p class=\"description\">" + h(bundle.description()) + "</p>\n");
    html.write("<dl class=\"facts\">\n");
    HtmlFormatWriter.bundleFacts(html, bundle);
    fact(html, "Requested by", m.generatedBy());
    fact(html, "Total items", Long.toString(m.totalItems()));
    fact(html, "Content digest", m.contentDigest());
    PolicyDecision decision = context.decision();
    fact(html, "Policy decision", (decision.allowed() ? "allowed" : "denied") + " (query " + decision.queryId()
        + "): " + decision.reason());
    fact(html, "Exported by", Facts.caller(context.caller()));
    fact(html, "Rules evaluated", String.join(", ", decision.rules()));
    fact(html, "Policy warnings", decision.warnings().isEmpty() ? "none" : String.join("; ", decision.warnings()));
    fact(html, "Layout", layout == Layout.BAGIT ? "BagIt bag (RFC 8493), payload in data/" : "folders");
    ArtifactSigner signer = context.signer();
    fact(html, "Signature", signer == null ? "none: this package is not signed"
        : ArchiveSigning.ALGORITHM + " key " + signer.keyId() + ": "
            + ArchiveSigning.signatureFile(layout == Layout.BAGIT) + " signs "
            + AuditorPackageWriter.MANIFEST + "; it proves who made the package only with a public key you trust");
    html.write("</dl>\n</header>\n");

    html.write("<nav class=\"contents\" aria-label=\"Files\">\n<h2>Files</h2>\n<ul>\n");
    for (PackageFile file : files(bundle, layout, signer != null)) {
      html.write("<li>" + link(file.path()) + ": " + h(file.holds()) + "</li>\n");
    }
    html.write("</ul>\n</nav>\n");
    HtmlFormatWriter.writeOverview(html, bundle);

    for (ExportSection section : bundle.sections()) {
      // Section ids are the API's fixed kebab-case ids, never data.
      html.write("<section class=\"section kind-" + section.sectionId() + "\" id=\"section-" + section.sectionId()
          + "\">\n");
      html.write("<h2>" + h(section.title()) + "</h2>\n");
      html.write("<p class=\"section-description\">" + h(section.description()) + "</p>\n");
      html.write("<p class=\"data-source\">Data source: " + h(section.dataSource()) + "</p>\n");
      html.write("<p class=\"summary\"><strong>Summary:</strong> " + h(section.summary()) + "</p>\n");
      HtmlFormatWriter.writeSectionCharts(html, section, bundle.timeRange());
      html.write("<p class=\"files\">" + section.itemCount() + (section.itemCount() == 1 ? " item" : " items")
          + ": " + link(AuditorPackageWriter.jsonFile(section.kind())) + " (JSON), "
          + link(AuditorPackageWriter.csvFile(section.kind())) + " (CSV)</p>\n");
      html.write("</section>\n");
    }
    html.write("</main>\n</body>\n</html>\n");
    html.flush();
  }

  /** Every file of the package but the index, with a path relative to the index. */
  private static List<PackageFile> files(ExportBundle bundle, Layout layout, boolean signed) {
    List<PackageFile> files = new ArrayList<>();
    for (ExportSection section : bundle.sections()) {
      files.add(new PackageFile(AuditorPackageWriter.jsonFile(section.kind()), section.title() + " as JSON"));
      files.add(new PackageFile(AuditorPackageWriter.csvFile(section.kind()), section.title() + " as CSV"));
    }
    files.add(new PackageFile(AuditorPackageWriter.EXPORT_INFO, "metadata and chain of custody"));
    files.add(new PackageFile(AuditorPackageWriter.README, "what this package is and how to verify it"));
    String tags = layout == Layout.BAGIT ? "../" : "";
    if (signed) {
      files.add(new PackageFile(tags + ArchiveSigning.PUBLIC_KEY, "the Ed25519 public key of the signature"));
      files.add(new PackageFile(tags + ArchiveSigning.signatureFile(layout == Layout.BAGIT),
          "the Ed25519 signature over "
          + AuditorPackageWriter.MANIFEST));
    }
    if (layout == Layout.BAGIT) {
      files.add(new PackageFile("../bagit.txt", "the BagIt declaration"));
      files.add(new PackageFile("../bag-info.txt", "the bag's metadata"));
      files.add(new PackageFile("../manifest-sha256.txt", "the SHA-256 of every payload file"));
      files.add(new PackageFile("../manifest-sha512.txt", "the SHA-512 of every payload file"));
      files.add(new PackageFile("../tagmanifest-sha256.txt", "the SHA-256 of every tag file"));
    } else {
      files.add(new PackageFile(AuditorPackageWriter.MANIFEST, "the SHA-256 of every other file"));
    }
    return files;
  }

  private static String link(String path) {
    return "<a href=\"" + h(path) + "\">" + h(path) + "</a>";
  }

  private static String h(String text) {
    return HtmlText.escape(text);
  }
}
