package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exporthub.api.ExportCategory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nu.validator.validation.SimpleDocumentValidator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * The HTML export of every category, made by the command line from the sample data and read back
 * as a reader would: its charts against counts taken from the JSON export of the same data (not
 * from the writer's own figures), its tables' columns against the source's fields, and the whole
 * document against the W3C Nu HTML checker.
 */
class HtmlExportTest {

  /** The fields whose values the charts count, in the order they are drawn. */
  private static final List<String> GRADED = List.of("severity", "priority", "status", "slaStatus");

  @org.junit.jupiter.api.io.TempDir
  static Path work;

  private static Path data;

  @BeforeAll
  static void writeSampleData() {
    data = Fixtures.sampleData(work.resolve("data"));
  }

  private static Path export(ExportCategory category, String format) {
    Path out = work.resolve(category.id() + "." + format);
    Cli.Run run = Cli.run(work, "export", "--data", data.toString(), "--category", category.id(), "--format", format,
        "--out", out.toString(), "--user", "alice", "--user-tenant", "tenant-1", "--role", "admin", "--now", Cli.NOW);
    assertEquals(0, run.code(), run::toString);
    return out;
  }

  @ParameterizedTest
  @EnumSource(ExportCategory.class)
  @DisplayName("each section's charts count what the JSON export holds, its table has the source's columns, no script, Nu-valid")
  void readsBack(ExportCategory category) throws Exception {
    byte[] html = Files.readAllBytes(export(category, "html"));
    JsonNode json = new ObjectMapper().readTree(export(category, "json").toFile());
    Document document = Jsoup.parse(new String(html, StandardCharsets.UTF_8));

    assertTrue(document.select("script").isEmpty(), "no script element");
    for (Element svg : document.select("svg")) {
      assertEquals("img", svg.attr("role"), "every inline SVG is an image");
      assertEquals("title", svg.child(0).tagName(), "whose first child is its title");
      assertTrue(!svg.child(0).text().isBlank());
    }
    for (JsonNode section : json.get("sections")) {
      Element element = document.getElementById("section-" + section.get("sectionId").asText());
      assertTrue(element != null, section.get("sectionId").asText());
      List<JsonNode> items = new ArrayList<>();
      section.get("items").forEach(items::add);
      assertEquals(section.get("summary").asText(), element.selectFirst("p.summary").text().replace("Summary: ", ""));
      List<Element> charts = element.select("div.charts > figure");
      if (items.isEmpty()) {
        assertTrue(charts.isEmpty(), "no chart of nothing");
        continue;
      }
      String where = category.id() + " / " + section.get("sectionId").asText();

      // A chart per graded field the items have, its bars the counts of each value, also in the summary.
      List<String> graded = GRADED.stream().filter(f -> items.stream().anyMatch(i -> i.get("data").has(f))).toList();
      assertEquals(graded.size() + 1, charts.size(), where);
      String summary = section.get("summary").asText();
      for (int c = 0; c < graded.size(); c++) {
        String field = graded.get(c);
        Map<String, Long> expected = new TreeMap<>();
        items.stream().filter(i -> i.get("data").has(field))
            .forEach(i -> expected.merge(i.get("data").get(field).asText(), 1L, Long::sum));
        Element chart = charts.get(c);
        Map<String, Long> drawn = bars(chart.selectFirst("svg"));
        assertEquals(expected, new TreeMap<>(drawn), where + " " + field);
        drawn.forEach((value, n) -> {
          assertTrue(chart.selectFirst("figcaption").text().contains(n + " " + value), "the number is also text");
          Matcher stated = Pattern.compile("(\\d+) " + Pattern.quote(value) + "\\b").matcher(summary);
          if (stated.find()) {
            assertEquals(n, Long.parseLong(stated.group(1)), where + ": the summary says " + summary);
          }
        });
      }

      // The last chart: items per UTC day, one bar per day of the range.
      Map<LocalDate, Long> perDay = new TreeMap<>();
      items.forEach(i -> perDay.merge(LocalDate.ofInstant(Instant.parse(i.get("timestamp").asText()), ZoneOffset.UTC),
          1L, Long::sum));
      Map<LocalDate, Long> days = new TreeMap<>();
      for (Element bar : charts.get(charts.size() - 1).select("svg > rect")) {
        String[] title = bar.selectFirst("title").text().split(": ");
        days.put(LocalDate.parse(title[0]), Long.parseLong(title[1]));
      }
      days.values().removeIf(n -> n == 0);
      Matcher total = Pattern.compile("^(\\d+) ").matcher(summary);
      if (total.find()) {
        assertEquals(items.size(), Long.parseLong(total.group(1)), where + ": " + summary);
      }
      assertEquals(perDay, days, where + " per day");

      // The table: one row per item, a column per field of the source, in the order they first appear.
      Set<String> fields = new LinkedHashSet<>();
      items.forEach(i -> i.get("data").fieldNames().forEachRemaining(fields::add));
      List<String> columns = new ArrayList<>(List.of("Item"));
      columns.addAll(fields);
      columns.add("References");
      Element table = element.selectFirst("table.items");
      assertEquals(columns, table.select("thead th").eachText(), where);
      List<Element> rows = table.select("tbody > tr");
      assertEquals(items.stream().map(i -> i.get("itemId").asText()).toList(),
          rows.stream().map(r -> r.selectFirst("td.item .item-id").text()).toList(), where);
      assertTrue(rows.stream().allMatch(r -> r.childrenSize() == columns.size()), where + ": a cell per column");
    }
    assertEquals(List.of(), nuErrors(html), category.id());
  }

  /** A bar chart's values: each label's text, then its bar's number. */
  private static Map<String, Long> bars(Element svg) {
    Map<String, Long> bars = new LinkedHashMap<>();
    String label = null;
    for (Element text : svg.select("text")) {
      if (text.hasClass("chart-value")) {
        bars.put(label, Long.parseLong(text.text()));
      } else {
        label = text.text();
      }
    }
    return bars;
  }

  /** The errors the W3C Nu HTML checker reports for {@code document}, each with its line. */
  private static List<String> nuErrors(byte[] document) throws Exception {
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
}
