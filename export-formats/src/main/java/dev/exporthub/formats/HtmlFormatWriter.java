package dev.exporthub.formats;

import dev.exporthub.api.BundleMetadata;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.SectionFigures;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.WriteContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the bundle as one self-contained HTML5 document ({@code text/html}, {@code .html}).
 *
 * <p>The document embeds its stylesheet (blue {@code #3b82f6} headers, striped rows with a hover
 * highlight, at most 1200px wide and responsive below that, each section kind in its own colour;
 * printed, on A4 or Letter alike: each section from a new page, table headers repeated on every
 * page, no row split, no hover or background effects, links as plain text)
 * and holds: the title, description and facts of the bundle; a contents list; an overview of
 * charts (items per section; with the sections' figures, severity over all sections and items per
 * day, see {@link HtmlCharts}); per section its description, data source, summary, its charts (each
 * graded field, items per day) and a table of its items (one column per field of the source, see
 * {@link HtmlTable}); and a metadata footer. It has no scripts, loads nothing from anywhere and carries
 * its own {@link #CONTENT_SECURITY_POLICY}, which allows only the embedded stylesheet, so it opens
 * offline and under a strict policy.
 *
 * <p>Every piece of data is escaped as text ({@link HtmlText}); data never goes into an attribute,
 * so nothing in it can become markup. Output is UTF-8 with {@code \n} line ends.
 *
 * <p>Items are pulled section by section and written as they come. The writer is stateless and
 * thread-safe, never closes {@code out} and lets its {@link IOException}s through.
 */
public final class HtmlFormatWriter extends BuiltInWriter {

  static final FormatDescriptor DESCRIPTOR =
      new FormatDescriptor(ExportFormat.HTML, "text/html; charset=utf-8", ".html", false);

  /** The stylesheet embedded in every document; the same for every bundle. */
  static final String STYLESHEET = """

      *, *::before, *::after { box-sizing: border-box; }
      body { margin: 0; padding: 24px 16px; background: #f3f4f6; color: #1f2937;
        font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
        font-size: 15px; line-height: 1.5; }
      .container { max-width: 1200px; margin: 0 auto; padding: 32px; background: #ffffff;
        border-radius: 8px; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.12); }
      h1, h2, h3 { color: #3b82f6; line-height: 1.25; }
      h1 { margin: 0 0 12px; padding-bottom: 12px; border-bottom: 3px solid #3b82f6; font-size: 28px; }
      h2 { margin: 0 0 8px; font-size: 22px; }
      .description { font-size: 16px; color: #374151; }
      .facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 16px 0; }
      .facts dt { font-weight: 600; color: #4b5563; }
      .facts dd { margin: 0; }
      .facts ul, .refs { margin: 0; padding-left: 18px; }
      .contents { margin: 24px 0; padding: 12px 16px; background: #eff6ff; border-radius: 6px; }
      .contents ul { margin: 0; padding-left: 18px; }
      .contents a { color: #1d4ed8; }
      .section { margin: 32px 0; padding: 20px; border-left: 6px solid var(--accent, #3b82f6);
        background: var(--tint, #f8fafc); border-radius: 6px; }
      .section h2 { color: var(--accent, #3b82f6); }
      .data-source { font-style: italic; color: #4b5563; }
      .summary { padding: 8px 12px; background: #ffffff; border-radius: 4px; }
      .empty { color: #6b7280; font-style: italic; }
      .table-wrap { overflow-x: auto; }
      table { width: 100%; border-collapse: collapse; margin-top: 12px; background: #ffffff; }
      th { background: #3b82f6; color: #ffffff; text-align: left; padding: 10px 12px; font-weight: 600; }
      td { padding: 8px 12px; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
      td, dd { white-space: pre-wrap; overflow-wrap: anywhere; }
      tbody tr:nth-child(even) { background: #f9fafb; }
      tbody tr:hover { background: #dbeafe; }
      .item-id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
      table.compact { font-size: 13px; line-height: 1.35; }
      table.compact th, table.compact td { padding: 5px 8px; }
      table.compact th { white-space: nowrap; }
      table.compact td { overflow-wrap: break-word; }
      .item .item-id, .item .item-type, .item .timestamp { display: block; }
      .item .item-id { font-weight: 600; white-space: nowrap; }
      .item .item-type, .item .timestamp { font-size: 11px; color: #6b7280; white-space: nowrap; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      td.timestamp { white-space: nowrap; }
      .attrs { display: grid; grid-template-columns: max-content 1fr; gap: 0 8px; margin: 0; font-size: 12px; }
      .attrs dt { color: #4b5563; }
      .attrs dd { margin: 0; }
      .list { margin: 0; padding-left: 16px; }
      .badge { display: inline-block; padding: 0 7px; border: 1px solid #6b7280; border-radius: 9px;
        font-size: 12px; font-weight: 600; white-space: nowrap; background: #ffffff; color: #1f2937; }
      .b-critical { background: #7f1d1d; border-color: #7f1d1d; color: #ffffff; }
      .b-high { background: #dc2626; border-color: #991b1b; color: #ffffff; }
      .b-medium { background: #fde68a; border-color: #b45309; }
      .b-low { border-color: #6b7280; }
      .b-info { border-style: dashed; color: #4b5563; }
      .b-bad { background: #fee2e2; border: 2px solid #991b1b; color: #991b1b; }
      .b-pending { background: #fef3c7; border-style: dashed; border-color: #92400e; color: #92400e; }
      .b-good { background: #dcfce7; border-style: dotted; border-color: #166534; color: #166534; }
      .details { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
      .details dt { font-weight: 600; color: #4b5563; }
      .details dd { margin: 0; }
      .overview { margin: 24px 0; }
      .charts { display: flex; flex-wrap: wrap; gap: 12px 24px; margin: 12px 0; }
      .chart { margin: 0; padding: 8px 12px; background: #ffffff; border-radius: 4px; max-width: 100%; }
      .chart-svg { display: block; max-width: 100%; height: auto; }
      .chart-svg text { font-size: 12px; fill: #374151; }
      .chart figcaption { font-size: 13px; color: #4b5563; max-width: 410px; }
      .metadata { margin-top: 40px; padding-top: 16px; border-top: 2px solid #e5e7eb; font-size: 14px; color: #4b5563; }
      .metadata h2 { font-size: 18px; }
      .kind-audit-findings { --accent: #dc2626; --tint: #fef2f2; }
      .kind-drift-logs { --accent: #d97706; --tint: #fffbeb; }
      .kind-sla-compliance { --accent: #7c3aed; --tint: #f5f3ff; }
      .kind-alert-logs { --accent: #ea580c; --tint: #fff7ed; }
      .kind-task-logs { --accent: #059669; --tint: #ecfdf5; }
      .kind-operator-analytics { --accent: #0891b2; --tint: #ecfeff; }
      .kind-real-time-metrics { --accent: #db2777; --tint: #fdf2f8; }
      .kind-capacity-forecasts { --accent: #4f46e5; --tint: #eef2ff; }
      .kind-schedules { --accent: #0d9488; --tint: #f0fdfa; }
      .kind-insights { --accent: #2563eb; --tint: #eff6ff; }
      .kind-reports { --accent: #475569; --tint: #f8fafc; }
      @media (max-width: 720px) {
        body { padding: 0; }
        .container { padding: 16px; border-radius: 0; }
        .facts, .details { grid-template-columns: 1fr; }
        .facts dd, .details dd { margin-bottom: 6px; }
        th, td { padding: 6px 8px; }
      }
      @media print {
        @page { margin: 14mm 12mm; }
        body { background: #ffffff; padding: 0; font-size: 10pt; }
        .container { box-shadow: none; max-width: none; padding: 0; border-radius: 0; }
        .section { break-before: page; margin: 0; padding: 0 0 0 10px; background: none; }
        .table-wrap { overflow: visible; }
        thead { display: table-header-group; }
        tr, .facts dt, .facts dd { break-inside: avoid; }
        th { background: #e5e7eb; color: #111827; }
        tbody tr:nth-child(even), tbody tr:hover { background: none; }
        a { color: inherit; text-decoration: none; }
        .contents { background: none; border: 1px solid #d1d5db; }
        .charts, .chart { break-inside: avoid; }
        table.compact { font-size: 7.5pt; }
        table.compact th, table.compact td { padding: 2px 4px; }
        .badge { -webkit-print-color-adjust: exact; }
      }
      """;

  /**
   * The Content-Security-Policy every document declares in a {@code <meta>} element: nothing may
   * load, no script may run, only the embedded stylesheet (by its SHA-256 hash) applies. A host
   * serving the documents may send the same policy as a header.
   */
  public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + styleHash()
      + "'; base-uri 'none'; form-action 'none'";

  /** What a chart of a graded field is called. */
  private static final Map<String, String> CHART_TITLES = Map.of("severity", "Severity", "priority", "Priority",
      "status", "Status", "slaStatus", "SLA met, breached, pending");

  /** Creates the writer; it keeps no state. */
  public HtmlFormatWriter() {
    super(DESCRIPTOR);
  }

  @Override
  void render(ExportBundle bundle, WriteContext context, OutputStream out) throws IOException {
    // Not closed: that would close the caller's stream.
    Utf8Writer html = new Utf8Writer(out);
    writeHead(html, bundle.title());
    html.write("<body>\n<main class=\"container\">\n");
    writeHeader(html, bundle);
    HtmlTable table = new HtmlTable(html);
    for (ExportSection section : bundle.sections()) {
      writeSection(html, section, bundle.timeRange(), table);
    }
    writeFooter(html, bundle);
    html.write("</main>\n</body>\n</html>\n");
    html.flush();
  }

  /** The document start up to {@code </head>}: charset, viewport, policy, title, stylesheet. */
  static void writeHead(Writer html, String title) throws IOException {
    html.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.write("<meta http-equiv=\"Content-Security-Policy\" content=\"" + HtmlText.escape(CONTENT_SECURITY_POLICY)
        + "\">\n");
    html.write("<meta name=\"referrer\" content=\"no-referrer\">\n");
    html.write("<meta name=\"generator\" content=\"Export Hub\">\n");
    html.write("<title>" + HtmlText.escape(title) + "</title>\n");
    html.write("<style>" + STYLESHEET + "</style>\n</head>\n");
  }

  private static void writeHeader(Writer html, ExportBundle bundle) throws IOException {
    html.write("<header>\n<h1>" + text(bundle.title()) + "</h1>\n");
    html.write("<p class=\"description\">" + text(bundle.description()) + "</p>\n");
    html.write("<dl class=\"facts\">\n");
    bundleFacts(html, bundle);
    fact(html, "Generated by", bundle.metadata().generatedBy());
    html.write("</dl>\n</header>\n");
    html.write("<nav class=\"contents\" aria-label=\"Sections\">\n<ul>\n");
    for (ExportSection section : bundle.sections()) {
      html.write("<li><a href=\"#section-" + section.sectionId() + "\">" + text(section.title()) + "</a> ("
          + section.itemCount() + (section.itemCount() == 1 ? " item" : " items") + ")</li>\n");
    }
    html.write("</ul>\n</nav>\n");
    writeOverview(html, bundle);
  }

  /**
   * The bundle at a glance, before any item: items per section, and, when every section carries its
   * figures, the graded values summed over the sections and the items per day over the range.
   */
  static void writeOverview(Writer html, ExportBundle bundle) throws IOException {
    html.write("<section class=\"overview\" aria-labelledby=\"overview-title\">\n<h2 id=\"overview-title\">Overview</h2>\n"
        + "<div class=\"charts\">\n");
    Map<String, Long> perSection = new LinkedHashMap<>();
    bundle.sections().forEach(section -> perSection.put(section.title(), section.itemCount()));
    HtmlCharts.bars(html, "Items per section", perSection);
    if (bundle.sections().stream().allMatch(section -> section.figures().isPresent())) {
      Map<String, Map<String, Long>> graded = new LinkedHashMap<>();
      TreeMap<LocalDate, Long> perDay = new TreeMap<>();
      for (ExportSection section : bundle.sections()) {
        SectionFigures figures = section.figures().orElseThrow();
        figures.counts().forEach((field, counts) -> counts.forEach((value, n) ->
            graded.computeIfAbsent(field, f -> new LinkedHashMap<>()).merge(value, n, Long::sum)));
        figures.perDay().forEach((day, n) -> perDay.merge(day, n, Long::sum));
      }
      Map<String, Long> severity = graded.get("severity");
      if (severity != null) {
        HtmlCharts.bars(html, "Severity, all sections", severity);
      }
      HtmlCharts.timeline(html, "Items per day", perDay, bundle.timeRange());
    }
    html.write("</div>\n</section>\n");
  }

  /** A section's charts: each graded field its items carry, and its items over the bundle's range. */
  static void writeSectionCharts(Writer html, ExportSection section, TimeRange range) throws IOException {
    if (section.figures().isEmpty() || section.itemCount() == 0) {
      return;
    }
    SectionFigures figures = section.figures().get();
    html.write("<div class=\"charts\">\n");
    for (Map.Entry<String, Map<String, Long>> field : figures.counts().entrySet()) {
      HtmlCharts.bars(html, CHART_TITLES.getOrDefault(field.getKey(), field.getKey()), field.getValue());
    }
    HtmlCharts.timeline(html, "Items per day", figures.perDay(), range);
    html.write("</div>\n");
  }

  private static void writeSection(Writer html, ExportSection section, TimeRange range, HtmlTable table)
      throws IOException {
    // Section ids are the API's fixed kebab-case ids, never data.
    html.write("<section class=\"section kind-" + section.sectionId() + "\" id=\"section-" + section.sectionId()
        + "\">\n");
    html.write("<h2>" + text(section.title()) + "</h2>\n");
    html.write("<p class=\"section-description\">" + text(section.description()) + "</p>\n");
    html.write("<p class=\"data-source\">Data source: " + text(section.dataSource()) + "</p>\n");
    html.write("<p class=\"summary\"><strong>Summary:</strong> " + text(section.summary()) + "</p>\n");
    writeSectionCharts(html, section, range);
    table.write(section);
    html.write("</section>\n");
  }

  private static void writeFooter(Writer html, ExportBundle bundle) throws IOException {
    BundleMetadata m = bundle.metadata();
    html.write("<footer class=\"metadata\">\n<h2>Export Metadata</h2>\n<dl class=\"facts\">\n");
    fact(html, "Generated at", DataValues.instant(m.generatedAt()));
    fact(html, "Generated by", m.generatedBy());
    fact(html, "Format", m.format().id());
    fact(html, "Total sections", Integer.toString(m.totalSections()));
    fact(html, "Total items", Long.toString(m.totalItems()));
    fact(html, "Estimated size", m.estimatedSizeBytes() + " bytes");
    factList(html, "Data sources used", m.dataSourcesUsed());
    fact(html, "Time range", Facts.range(m.timeRange()));
    fact(html, "Computation time", m.computationTimeMs() + " ms");
    fact(html, "Compressed", m.compressed() ? "yes" : "no");
    fact(html, "Content digest", m.contentDigest());
    fact(html, "Schema version", Integer.toString(m.schemaVersion()));
    List<String> references = new ArrayList<>();
    for (Map.Entry<String, List<String>> source : bundle.references().asMap().entrySet()) {
      references.add(source.getKey() + ": " + source.getValue().size());
    }
    factList(html, "References", references);
    html.write("</dl>\n</footer>\n");
  }

  /** The facts every HTML page of a bundle opens with, from its id to when it was generated. */
  static void bundleFacts(Writer html, ExportBundle bundle) throws IOException {
    fact(html, "Bundle ID", bundle.bundleId());
    fact(html, "Export ID", bundle.exportId());
    fact(html, "Category", bundle.category().title() + " (" + bundle.category().id() + ")");
    fact(html, "Scope", Facts.scope(bundle.scope()));
    fact(html, "Time range", Facts.range(bundle.timeRange()));
    fact(html, "Generated at", DataValues.instant(bundle.metadata().generatedAt()));
  }

  static void fact(Writer html, String label, String value) throws IOException {
    html.write("<dt>" + label + "</dt><dd>" + text(value) + "</dd>\n");
  }

  private static void factList(Writer html, String label, List<String> values) throws IOException {
    StringBuilder list = new StringBuilder("<dt>").append(label).append("</dt><dd><ul>");
    for (String value : values) {
      list.append("<li>").append(text(value)).append("</li>");
    }
    html.write(list.append("</ul></dd>\n").toString());
  }

  private static String text(String value) {
    return HtmlText.escape(value);
  }

  private static String styleHash() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(STYLESHEET.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }
}
