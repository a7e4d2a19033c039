package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vladsch.flexmark.ast.BulletList;
import com.vladsch.flexmark.ast.BulletListItem;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.StrongEmphasis;
import com.vladsch.flexmark.util.ast.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One item of a Markdown bullet list read back: {@code **Label:** value}, or just a value (then
 * {@code label} is null), with the nested list under it, if any.
 */
record MarkdownFields(String label, String value, List<MarkdownFields> nested) {

  /** The items of a bullet list, in order. */
  static List<MarkdownFields> read(Node list) {
    assertInstanceOf(BulletList.class, list);
    List<MarkdownFields> fields = new ArrayList<>();
    for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
      assertInstanceOf(BulletListItem.class, item);
      List<Node> parts = new ArrayList<>();
      for (Node part = item.getFirstChild(); part != null; part = part.getNext()) {
        parts.add(part);
      }
      if (parts.isEmpty()) {
        fields.add(new MarkdownFields(null, "", List.of()));
        continue;
      }
      Paragraph paragraph = assertInstanceOf(Paragraph.class, parts.get(0));
      String text = Readers.markdownText(paragraph);
      String label = null;
      String value = text;
      if (paragraph.getFirstChild() instanceof StrongEmphasis strong) {
        label = Readers.markdownText(strong);
        assertTrue(label.endsWith(":"), label);
        String rest = text.substring(label.length());
        label = label.substring(0, label.length() - 1);
        assertTrue(rest.isEmpty() || rest.charAt(0) == ' ', rest);
        value = rest.isEmpty() ? "" : rest.substring(1);
      }
      List<MarkdownFields> nested = List.of();
      if (parts.size() > 1) {
        assertEquals(2, parts.size());
        nested = read(parts.get(1));
      }
      fields.add(new MarkdownFields(label, value, nested));
    }
    return fields;
  }

  /** The items of a list whose labels are unique (the writer's own lists), by label. */
  static Map<String, MarkdownFields> byLabel(Node list) {
    Map<String, MarkdownFields> byLabel = new LinkedHashMap<>();
    for (MarkdownFields field : read(list)) {
      assertEquals(null, byLabel.put(field.label(), field), "duplicate label " + field.label());
    }
    return byLabel;
  }

  List<String> nestedValues() {
    return nested.stream().map(MarkdownFields::value).toList();
  }

  /** The nested list as label/value pairs. */
  List<Map.Entry<String, String>> nestedPairs() {
    return nested.stream().map(f -> Map.entry(f.label(), f.value())).toList();
  }
}
