package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.References;
import dev.exporthub.api.SectionFigures;
import dev.exporthub.api.SectionKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nu.validator.validation.SimpleDocumentValidator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * The HTML export's charts: each an SVG image titled with what it shows, whose bars are the
 * section's figures, and the same numbers in text; the document passes the W3C Nu HTML checker.
 */
class HtmlChartsTest {

  @Test
  @DisplayName("each section's charts hold its figures: a titled SVG image per graded field, its numbers also in text")
  void chartsHoldTheFigures() {
    ExportBundle bundle = bundle();
    Document document = Jsoup.parse(new String(Fixtures.render(new HtmlFormatWriter(), bundle), StandardCharsets.UTF_8));
    assertTrue(document.select("script").isEmpty());
    for (Element svg : document.select("svg")) {
      assertEquals("img", svg.attr("role"), "every inline SVG is an image");
      assertEquals("title", svg.child(0).tagName(), "whose first child is its title");
    }
    Element overview = document.selectFirst("section.overview");
    assertEquals(List.of("20", "0", "7"), overview.select("figure").get(0).select("text.chart-value").eachText());
    for (ExportSection section : bundle.sections()) {
      Element element = document.getElementById("section-" + section.sectionId());
      SectionFigures figures = section.figures().orElseThrow();
      List<Element> charts = element.select("div.charts > figure");
      if (section.itemCount() == 0) {
        assertTrue(charts.isEmpty(), "no charts of nothing");
        continue;
      }
      assertEquals(figures.counts().size() + 1, charts.size(), "a chart per graded field, then items per day");
      int i = 0;
      for (Map.Entry<String, Map<String, Long>> field : figures.counts().entrySet()) {
        Element chart = charts.get(i++);
        List<String> values = chart.select("text.chart-value").eachText();
        assertEquals(field.getValue().values().stream().map(String::valueOf).toList(), values, field.getKey());
        String caption = chart.selectFirst("figcaption").text();
        field.getValue().forEach((value, n) -> assertTrue(caption.contains(n + " " + value), caption));
      }
      String days = charts.get(charts.size() - 1).selectFirst("figcaption").text();
      assertTrue(days.contains(section.itemCount() + " in all"), days);
    }
  }

  @Test
  @DisplayName("the W3C Nu HTML checker finds no error in the HTML export, charts included")
  void nuCheckerFindsNoError() throws Exception {
    for (ExportBundle bundle : List.of(bundle(), ArchiveFixtures.fullOperational(ExportFormat.HTML, Fixtures.GENERATED))) {
      assertEquals(List.of(), nuErrors(Fixtures.render(new HtmlFormatWriter(), bundle)), bundle.title());
    }
  }

  @Test
  @DisplayName("the auditor package's index.html shows the HTML export's charts and passes the Nu checker")
  void auditorIndexHasTheCharts() throws Exception {
    ExportBundle bundle = ArchiveFixtures.fullOperational(ExportFormat.AUDITOR_PACKAGE, Fixtures.GENERATED);
    byte[] index = ArchiveFixtures.entries(ArchiveFixtures.render(new AuditorPackageWriter(), bundle,
        ArchiveFixtures.context())).entrySet().stream().filter(e -> e.getKey().endsWith("/index.html"))
        .findFirst().orElseThrow().getValue();
    assertEquals(List.of(), nuErrors(index));

    Document html = Jsoup.parse(new String(Fixtures.render(new HtmlFormatWriter(), bundle), StandardCharsets.UTF_8));
    Document indexDocument = Jsoup.parse(new String(index, StandardCharsets.UTF_8));
    assertEquals(html.selectFirst("section.overview").outerHtml(), indexDocument.selectFirst("section.overview")
        .outerHtml());
    for (ExportSection section : bundle.sections()) {
      String id = "section-" + section.sectionId();
      assertEquals(html.getElementById(id).select("div.charts").outerHtml(),
          indexDocument.getElementById(id).select("div.charts").outerHtml(), id);
    }
  }

  /** The errors the W3C Nu HTML checker reports for {@code document}, each with its line. */
  static List<String> nuErrors(byte[] document) throws Exception {
    List<String> errors = new ArrayList<>();
    ErrorHandler handler = new ErrorHandler() {
      @Override
      public void warning(SAXParseException e) {
      }

      @Override
      public void error(SAXParseException e) {
        errors.add(e.getLineNumber() + ": " + e.getMessage());
      }

      @Override
      public void fatalError(SAXParseException e) {
        errors.add(e.getLineNumber() + ": " + e.getMessage());
      }
    };
    SimpleDocumentValidator validator = new SimpleDocumentValidator();
    validator.setUpMainSchema("http://s.validator.nu/html5-rdfalite.rnc", handler);
    validator.setUpValidatorAndParsers(handler, true, false);
    validator.checkHtmlInputSource(new InputSource(new ByteArrayInputStream(document)));
    return errors;
  }

  /** Audit findings of mixed severity and status, no drift events, SLA records of every status. */
  private static ExportBundle bundle() {
    List<ExportItem> findings = new ArrayList<>();
    String[] severities = {"critical", "high", "medium", "low", "critical"};
    for (int i = 0; i < 20; i++) {
      findings.add(Fixtures.item("AF-" + (100 + i), "audit-finding", Fixtures.FROM.plusSeconds(86_400L * i + 60),
          data("auditFindingId", "AF-" + (100 + i), "severity", severities[i % 5], "status", i % 3 == 0 ? "open"
              : "resolved", "description", "<b>finding</b> & \"quoted\" " + i)));
    }
    List<ExportItem> sla = new ArrayList<>();
    String[] statuses = {"met", "breached", "pending"};
    for (int i = 0; i < 7; i++) {
      sla.add(Fixtures.item("SLA-" + i, "sla-record", Fixtures.FROM.plusSeconds(3600L * i), data("sourceId", "AL-" + i,
          "slaStatus", statuses[i % 3])));
    }
    List<ExportSection> sections = List.of(
        ExportSection.of(SectionKind.AUDIT_FINDINGS, "20 audit findings", Fixtures.GENERATED, findings),
        ExportSection.of(SectionKind.DRIFT_LOGS, "No drift events in scope.", Fixtures.GENERATED, List.of()),
        ExportSection.of(SectionKind.SLA_COMPLIANCE, "7 SLA records", Fixtures.GENERATED, sla));
    return ArchiveFixtures.bundle(ExportCategory.COMPLIANCE_PACK, ExportScope.tenant("tenant-a"), "Compliance Pack",
        "Findings, drift, SLA", ExportFormat.HTML, Fixtures.GENERATED, sections, References.of(Map.of()));
  }

  private static Map<String, Object> data(Object... keysAndValues) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      data.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return data;
  }
}
