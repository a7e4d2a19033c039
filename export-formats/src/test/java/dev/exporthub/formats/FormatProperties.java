package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vladsch.flexmark.ast.BulletList;
import com.vladsch.flexmark.ast.Emphasis;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.StrongEmphasis;
import com.vladsch.flexmark.util.ast.Node;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.References;
import dev.exporthub.api.SectionFigures;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.source.SourceType;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Laws over arbitrary Unicode data, including the characters every format treats specially
 * ({@code " , ; CR LF NUL < > & ' [ ] ( ) ` \ |}) and formula and markup payloads: each format
 * reads back to the data, and no data turns into structure.
 */
class FormatProperties {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final List<String> PAYLOADS = List.of("=1+1", "+SUM(A1:A9)", "-2+3", "@SUM(1)", "\t=1",
      "\r=1", "\0=1", "'=1", "=HYPERLINK(\"http://evil.example\",\"x\")", "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>", "</td></tr></table>", "<!-- c -->", "[a](http://evil.example)",
      "![i](http://evil.example/i.png)", "<http://evil.example>", "[r]: http://evil.example", "# h", "## h",
      "1. one", "1) one", "- item", "* item", "+ item", "> quote", "```", "~~~", "    code", "| a | b |",
      "|---|---|", "---", "===", "***", "&amp;", "&#60;", "&#x3C;", "\\", "\\[x\\]", "*em*", "_em_", "a_b",
      "`code`", "javascript:alert(1)", "www.example.com", " ", "  two  ", "\n", "\r\n", "");

  // ---- generators

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> specials = Arbitraries.strings()
        .withChars("\",;\r\n\u0000<>&'[]()`\\|=+-@\t#*_!~ .:/1")
        .ofMaxLength(12);
    Arbitrary<String> bmp = codePoints(0, 0xFFFF);
    Arbitrary<String> unicode = codePoints(0, 0x10FFFF);
    Arbitrary<String> payloads = Arbitraries.of(PAYLOADS);
    Arbitrary<String> any = Arbitraries.oneOf(specials, bmp, unicode, payloads);
    Arbitrary<String> mixed = Combinators.combine(any, any, any).as((a, b, c) -> a + b + c);
    return Arbitraries.frequencyOf(
        Tuple.of(3, specials), Tuple.of(2, bmp), Tuple.of(1, unicode), Tuple.of(2, payloads), Tuple.of(3, mixed));
  }

  /** Well-formed text (no unpaired surrogates: UTF-8 cannot carry them) of code points in a range. */
  private static Arbitrary<String> codePoints(int from, int to) {
    return Arbitraries.integers().between(from, to)
        .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)
        .list().ofMaxSize(8)
        .map(points -> {
          StringBuilder s = new StringBuilder();
          points.forEach(s::appendCodePoint);
          return s.toString();
        });
  }

  @Provide
  Arbitrary<ExportBundle> bundles() {
    Arbitrary<String> text = texts();
    Arbitrary<Instant> instants = Arbitraries.longs()
        .between(Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond(),
            Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond())
        .flatMap(seconds -> Arbitraries.integers().between(0, 999_999_999)
            .map(nanos -> Instant.ofEpochSecond(seconds, nanos)));
    Arbitrary<Map<String, Object>> data = Combinators.combine(text, text).as(Tuple::of).list().ofMaxSize(4)
        .map(pairs -> {
          Map<String, Object> map = new LinkedHashMap<>();
          for (Tuple2<String, String> pair : pairs) {
            map.put(pair.get1(), pair.get2());
          }
          return map;
        });
    Arbitrary<ExportItem> items = Combinators.combine(text, text, instants, data, text.list().ofMaxSize(2))
        .as(ExportItem::new);
    Arbitrary<ExportSection> sections = Combinators.combine(Arbitraries.of(SectionKind.class), text,
            items.list().ofMaxSize(4))
        .as((kind, summary, list) -> ExportSection.of(kind, summary, Fixtures.GENERATED, list));
    Arbitrary<List<ExportSection>> sectionLists = sections.list().ofMinSize(1).ofMaxSize(3)
        .uniqueElements(ExportSection::kind);
    return Combinators.combine(text, text, text, sectionLists, text.list().ofMaxSize(3))
        .as((title, description, by, list, ids) -> Fixtures.bundle(ExportCategory.FULL_OPERATIONAL,
            ExportScope.tenant("tenant-a"), title, description, by, list,
            References.of(Map.of(SourceType.AUDIT_FINDINGS, ids))));
  }

  // ---- JSON

  @Property(tries = 200)
  void jsonReadsBackEveryValue(@ForAll("bundles") ExportBundle bundle) throws IOException {
    JsonNode root = JSON.readTree(Fixtures.render(new JsonFormatWriter(), bundle));
    assertEquals(bundle.title(), root.get("title").textValue());
    assertEquals(bundle.description(), root.get("description").textValue());
    assertEquals(bundle.metadata().generatedBy(), root.get("metadata").get("generatedBy").textValue());
    assertEquals(bundle.references().ids(SourceType.AUDIT_FINDINGS),
        JsonFormatWriterTest.strings(root.get("references").get("auditFindings")));
    for (int s = 0; s < bundle.sections().size(); s++) {
      ExportSection section = bundle.sections().get(s);
      JsonNode node = root.get("sections").get(s);
      assertEquals(section.summary(), node.get("summary").textValue());
      List<ExportItem> items = section.itemList();
      assertEquals(items.size(), node.get("items").size());
      for (int i = 0; i < items.size(); i++) {
        ExportItem item = items.get(i);
        JsonNode itemNode = node.get("items").get(i);
        assertEquals(item.itemId(), itemNode.get("itemId").textValue());
        assertEquals(item.itemType(), itemNode.get("itemType").textValue());
        assertEquals(item.timestamp(), Instant.parse(itemNode.get("timestamp").textValue()));
        Map<String, String> data = new LinkedHashMap<>();
        itemNode.get("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().textValue()));
        assertEquals(item.data(), data);
        assertEquals(new ArrayList<>(item.data().keySet()), new ArrayList<>(data.keySet()));
        assertEquals(item.references(), JsonFormatWriterTest.strings(itemNode.get("references")));
      }
    }
  }

  // ---- CSV

  @Property(tries = 200)
  void csvRoundTripsEveryValueAndNoCellStartsAFormula(@ForAll("bundles") ExportBundle bundle,
      @ForAll boolean semicolon, @ForAll boolean bom) {
    char delimiter = semicolon ? ';' : ',';
    byte[] bytes = Fixtures.render(new CsvFormatWriter(), bundle, Fixtures.context(Map.of(
        "csv.delimiter", String.valueOf(delimiter), "csv.bom", String.valueOf(bom))));
    List<List<String>> rows = Readers.csv(bytes, delimiter, bom);

    for (List<String> row : rows) {
      for (String cell : row) {
        assertFalse(!cell.isEmpty() && "=+-@\t\r\0".indexOf(cell.charAt(0)) >= 0, () -> "formula start: " + cell);
      }
    }
    int r = 1;
    for (ExportSection section : bundle.sections()) {
      for (ExportItem item : section.itemList()) {
        List<String> row = rows.get(r++).stream().map(Readers::unguard).toList();
        assertEquals(section.title(), row.get(0));
        assertEquals(item.itemId(), row.get(1));
        assertEquals(item.itemType(), row.get(2));
        assertEquals(item.timestamp(), Instant.parse(row.get(3)));
        assertEquals(section.dataSource(), row.get(4));
        List<Map.Entry<String, String>> expected = new ArrayList<>();
        item.data().forEach((key, value) -> expected.add(Map.entry(key, (String) value)));
        assertEquals(expected, Readers.details(row.get(5)));
      }
    }
    assertEquals(r, rows.size());
  }

  // ---- HTML

  @Property(tries = 200)
  void htmlHasNoMarkupFromDataAndShowsEveryValue(@ForAll("bundles") ExportBundle bundle) {
    HtmlFormatWriter writer = new HtmlFormatWriter();
    Document document = Readers.html(Fixtures.render(writer, bundle));
    Document neutral = Readers.html(Fixtures.render(writer, neutral(bundle)));
    assertEquals(structure(neutral), structure(document), "the elements and attributes are the writer's alone");

    assertEquals(Readers.htmlText(bundle.title()), document.selectFirst("title").wholeText());
    assertEquals(Readers.htmlText(bundle.title()), document.selectFirst("h1").wholeText());
    assertEquals(Readers.htmlText(bundle.description()), document.selectFirst("header p.description").wholeText());
    Elements sections = document.select("section.section");
    for (int s = 0; s < sections.size(); s++) {
      ExportSection section = bundle.sections().get(s);
      assertEquals("Summary: " + Readers.htmlText(section.summary()),
          sections.get(s).selectFirst("p.summary").wholeText());
      List<ExportItem> items = section.itemList();
      List<String> fields = section.figures().orElseThrow().fields();
      if (!items.isEmpty()) {
        assertEquals(fields.stream().map(Readers::htmlText).toList(),
            sections.get(s).select("thead th").stream().map(Element::wholeText).toList()
                .subList(1, fields.size() + 1), "one column per field, in first-appearance order");
      }
      Elements rows = sections.get(s).select("tbody > tr");
      for (int i = 0; i < items.size(); i++) {
        ExportItem item = items.get(i);
        Elements cells = rows.get(i).select("> td");
        assertEquals(Readers.htmlText(item.itemId()), cells.get(0).selectFirst("span.item-id").wholeText());
        assertEquals(Readers.htmlText(item.itemType()), cells.get(0).selectFirst("span.item-type").wholeText());
        for (int f = 0; f < fields.size(); f++) {
          Object value = item.data().get(fields.get(f));
          assertEquals(value == null ? "" : Readers.htmlText((String) value), cells.get(f + 1).wholeText());
        }
        assertEquals(item.references().stream().map(Readers::htmlText).toList(),
            cells.get(fields.size() + 1).select("li").stream().map(Element::wholeText).toList());
      }
    }
  }

  /** Every element in document order, with its attributes: what a reader sees as structure. */
  private static List<String> structure(Document document) {
    List<String> elements = new ArrayList<>();
    for (Element element : document.getAllElements()) {
      StringBuilder s = new StringBuilder(element.tagName());
      element.attributes().forEach(a -> s.append(' ').append(a.getKey()).append("=").append(a.getValue()));
      elements.add(s.toString());
    }
    return elements;
  }

  /**
   * The same bundle with every piece of data replaced by plain letters, keeping every count: each
   * field name becomes {@code k<n>} by first appearance in its section, so the columns stay the same.
   * Graded fields (severity, status) keep their names and values: they choose badge classes and
   * chart bars from a fixed table, which is the writer's structure, not data.
   */
  private static ExportBundle neutral(ExportBundle bundle) {
    UnaryOperator<String> plain = text -> "x";
    List<ExportSection> sections = new ArrayList<>();
    for (ExportSection section : bundle.sections()) {
      List<ExportItem> items = new ArrayList<>();
      Map<String, String> names = new LinkedHashMap<>();
      for (ExportItem item : section.itemList()) {
        Map<String, Object> data = new LinkedHashMap<>();
        item.data().forEach((key, value) -> {
          if (SectionFigures.GRADED_FIELDS.contains(key)) {
            data.put(key, value);
          } else {
            data.put(names.computeIfAbsent(key, unused -> "k" + names.size()), plain.apply((String) value));
          }
        });
        items.add(new ExportItem(plain.apply(item.itemId()), plain.apply(item.itemType()), item.timestamp(), data,
            item.references().stream().map(plain).toList()));
      }
      sections.add(ExportSection.of(section.kind(), plain.apply(section.summary()), section.generatedAt(), items));
    }
    return Fixtures.bundle(bundle.category(), bundle.scope(), plain.apply(bundle.title()),
        plain.apply(bundle.description()), plain.apply(bundle.metadata().generatedBy()), sections,
        bundle.references());
  }

  // ---- Markdown

  @Property(tries = 200)
  void markdownHasNoMarkupFromDataAndReadsBackEveryValue(@ForAll("bundles") ExportBundle bundle) {
    Node document = Readers.markdown(Fixtures.render(new MarkdownFormatWriter(), bundle));
    MarkdownSafety.assertNoMarkupFromData(document);

    List<String> headings = new ArrayList<>();
    List<String> expectedHeadings = new ArrayList<>();
    expectedHeadings.add("1 " + Readers.markdownValue(bundle.title()));
    int labels = 8 + 13 + 10; // the bundle's facts, Export Metadata's fields and its ten reference counts
    int emphasis = 0;
    List<String> values = new ArrayList<>();
    List<String> expectedValues = new ArrayList<>();
    for (ExportSection section : bundle.sections()) {
      expectedHeadings.add("2 " + section.title());
      List<ExportItem> items = section.itemList();
      emphasis += items.isEmpty() ? 2 : 1;
      labels += 1; // Summary
      for (ExportItem item : items) {
        expectedHeadings.add("3 " + Readers.markdownValue(item.itemId()));
        labels += 2 + (item.data().isEmpty() ? 0 : 1 + item.data().size()) + (item.references().isEmpty() ? 0 : 1);
        expectedValues.add(Readers.markdownValue(item.itemType()));
        item.data().forEach((key, value) -> {
          expectedValues.add(Readers.markdownValue(key));
          expectedValues.add(Readers.markdownValue((String) value));
        });
        item.references().forEach(reference -> expectedValues.add(Readers.markdownValue(reference)));
      }
    }
    expectedHeadings.add("2 Export Metadata");

    boolean inItem = false;
    for (Node block : MarkdownFormatWriterTest.children(document)) {
      if (block instanceof Heading heading) {
        headings.add(heading.getLevel() + " " + Readers.markdownText(heading));
        inItem = heading.getLevel() == 3;
      } else if (block instanceof BulletList list && inItem) {
        Map<String, MarkdownFields> fields = MarkdownFields.byLabel(list);
        values.add(fields.get("Item type").value());
        if (fields.containsKey("Details")) {
          fields.get("Details").nestedPairs().forEach(pair -> {
            values.add(pair.getKey());
            values.add(pair.getValue());
          });
        }
        if (fields.containsKey("References")) {
          values.addAll(fields.get("References").nestedValues());
        }
      }
    }
    assertEquals(expectedHeadings, headings, "no heading from data, and every heading the writer makes");
    assertEquals(expectedValues, values);
    assertEquals(labels, MarkdownSafety.count(document, StrongEmphasis.class), "no emphasis from data");
    assertEquals(emphasis, MarkdownSafety.count(document, Emphasis.class), "no emphasis from data");
  }
}
