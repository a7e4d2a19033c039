package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vladsch.flexmark.ast.HtmlEntity;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.parser.ParseErrorList;

/**
 * Real parsers reading the writers' output back, and independent statements of what a value
 * should read as in each format (the tests' oracle, not the production code).
 */
final class Readers {

  private static final Parser MARKDOWN = Parser.builder().build();

  private Readers() {
  }

  // ---- CSV

  /** Every record of a CSV file, parsed by Commons CSV; {@code bom} is checked and stripped. */
  static List<List<String>> csv(byte[] bytes, char delimiter, boolean bom) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertEquals(bom, text.startsWith("\uFEFF"), "byte order mark");
    if (bom) {
      text = text.substring(1);
    }
    CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
    List<List<String>> rows = new ArrayList<>();
    try (CSVParser parser = format.parse(new StringReader(text))) {
      for (CSVRecord record : parser) {
        rows.add(record.toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** A cell with the documented formula guard removed: one leading {@code '}, if there is one. */
  static String unguard(String cell) {
    return cell.startsWith("'") ? cell.substring(1) : cell;
  }

  /** Splits a Details cell into its key/value pairs, undoing the backslash escapes. */
  static List<Map.Entry<String, String>> details(String cell) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    if (cell.isEmpty()) {
      return pairs;
    }
    StringBuilder key = new StringBuilder();
    StringBuilder value = null;
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      StringBuilder current = value == null ? key : value;
      if (c == '\\') {
        current.append(cell.charAt(++i));
      } else if (c == ';') {
        assertEquals(' ', cell.charAt(i + 1), "pairs are joined by '; '");
        pairs.add(new AbstractMap.SimpleEntry<>(key.toString(), value == null ? null : value.toString()));
        key = new StringBuilder();
        value = null;
        i++;
      } else if (c == '=' && value == null) {
        value = new StringBuilder();
      } else {
        current.append(c);
      }
    }
    pairs.add(new AbstractMap.SimpleEntry<>(key.toString(), value == null ? null : value.toString()));
    return pairs;
  }

  // ---- HTML

  /** The parsed document; asserts that jsoup's HTML5 parser reports no error at all. */
  static org.jsoup.nodes.Document html(byte[] bytes) {
    org.jsoup.parser.Parser parser = org.jsoup.parser.Parser.htmlParser().setTrackErrors(100);
    org.jsoup.nodes.Document document = Jsoup.parse(new String(bytes, StandardCharsets.UTF_8), "", parser);
    ParseErrorList errors = parser.getErrors();
    assertEquals(List.of(), errors.stream().map(Object::toString).toList(), "HTML parse errors");
    return document;
  }

  /** What a value reads as in the HTML document: controls as Control Pictures, forbidden code points as U+FFFD. */
  static String htmlText(String value) {
    StringBuilder s = new StringBuilder();
    value.codePoints().forEach(c -> {
      if (c < 0x20 && c != '\t' && c != '\n') {
        s.appendCodePoint(0x2400 + c);
      } else if (c == 0x7F) {
        s.appendCodePoint(0x2421);
      } else if (c >= 0x80 && c <= 0x9F || c >= 0xFDD0 && c <= 0xFDEF || (c & 0xFFFE) == 0xFFFE
          || c >= 0xD800 && c <= 0xDFFF) {
        s.append('\uFFFD');
      } else {
        s.appendCodePoint(c);
      }
    });
    return s.toString();
  }

  // ---- Markdown

  static Document markdown(byte[] bytes) {
    return MARKDOWN.parse(new String(bytes, StandardCharsets.UTF_8));
  }

  /** The literal text of a node: escapes and character references resolved, markup left out. */
  static String markdownText(Node node) {
    StringBuilder s = new StringBuilder();
    collect(node, s);
    return s.toString();
  }

  private static void collect(Node node, StringBuilder s) {
    if (node instanceof Text || node instanceof HtmlEntity) {
      s.append(node.getChars().unescape());
    } else if (node instanceof SoftLineBreak) {
      s.append('\n');
    } else {
      for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
        collect(child, s);
      }
    }
  }

  /** What a value reads as in Markdown: exact, except NUL and unpaired surrogates, which become U+FFFD. */
  static String markdownValue(String value) {
    StringBuilder s = new StringBuilder();
    value.codePoints().forEach(c -> s.appendCodePoint(c == 0 || c >= 0xD800 && c <= 0xDFFF ? 0xFFFD : c));
    return s.toString();
  }
}
