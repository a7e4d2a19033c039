package dev.exporthub.formats;

import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.ItemValue;
import dev.exporthub.api.SectionFigures;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A section's items as an HTML table, one row per item, built whole before it is written so that
 * bad data leaves no half row behind.
 *
 * <p>When the section carries its {@link SectionFigures}, the table is compact: a column for the
 * item (its id, with its type and timestamp beneath), one column per data field of the source in
 * the order the fields first appear, and one for references; graded values (severity, priority,
 * status, SLA status) are badges, a map such as {@code attributes} is folded into its one cell,
 * lists are short lists, numbers align right. Without figures (a section built outside the
 * counting pass) the columns cannot be known before the items, so each row lists its fields in a
 * Details cell instead.
 *
 * <p>Data is escaped as text and never goes into an attribute: a badge's class comes from a fixed
 * table of known values, never from the value itself. Not thread-safe; one per export.
 */
final class HtmlTable {

  /** Known graded values and the badge class each is shown with; any other value gets a plain badge. */
  private static final Map<String, String> BADGES = Map.ofEntries(
      Map.entry("critical", "b-critical"), Map.entry("high", "b-high"), Map.entry("medium", "b-medium"),
      Map.entry("low", "b-low"), Map.entry("info", "b-info"),
      Map.entry("open", "b-bad"), Map.entry("breached", "b-bad"), Map.entry("blocked", "b-bad"),
      Map.entry("failed", "b-bad"), Map.entry("overdue", "b-bad"),
      Map.entry("in-progress", "b-pending"), Map.entry("acknowledged", "b-pending"),
      Map.entry("pending", "b-pending"), Map.entry("scheduled", "b-pending"),
      Map.entry("closed", "b-good"), Map.entry("resolved", "b-good"), Map.entry("completed", "b-good"),
      Map.entry("met", "b-good"));

  private final Utf8Writer html;
  private final StringBuilder row = new StringBuilder(1024);
  private final DataValues.Texts values = new DataValues.Texts();
  private final char[] instant = new char[IsoInstant.MAX_LENGTH];
  private List<String> columns; // the data fields of the section being written; null: the Details layout

  HtmlTable(Utf8Writer html) {
    this.html = html;
  }

  /** Writes the table of {@code section}'s items, or a line saying it has none. */
  void write(ExportSection section) throws IOException {
    columns = section.figures().map(SectionFigures::fields).orElse(null);
    boolean[] open = {false};
    SectionItems.forEach(section, item -> {
      if (!open[0]) {
        writeHeader();
        open[0] = true;
      }
      writeRow(item);
    });
    html.write(open[0] ? "</tbody>\n</table>\n</div>\n" : "<p class=\"empty\">No items in this section.</p>\n");
  }

  private void writeHeader() throws IOException {
    StringBuilder header = new StringBuilder(256);
    if (columns == null) {
      header.append("<div class=\"table-wrap\">\n<table class=\"items\">\n<thead>\n<tr><th scope=\"col\">Item ID</th>"
          + "<th scope=\"col\">Type</th><th scope=\"col\">Timestamp</th><th scope=\"col\">Details</th>");
    } else {
      header.append("<div class=\"table-wrap\">\n<table class=\"items compact\">\n<thead>\n<tr>"
          + "<th scope=\"col\">Item</th>");
      for (String column : columns) {
        header.append("<th scope=\"col\">");
        HtmlText.escape(DataValues.wellFormed(column), header);
        header.append("</th>");
      }
    }
    header.append("<th scope=\"col\">References</th></tr>\n</thead>\n<tbody>\n");
    html.write(header);
  }

  private void writeRow(ExportItem item) throws IOException {
    StringBuilder row = this.row;
    row.setLength(0);
    if (columns == null) {
      row.append("<tr><td class=\"item-id\">");
      HtmlText.escape(item.itemId(), row);
      row.append("</td><td class=\"item-type\">");
      HtmlText.escape(item.itemType(), row);
      row.append("</td><td class=\"timestamp\">");
      appendInstant(item.timestamp());
      row.append("</td><td>");
      appendDetails(item.data());
      row.append("</td>");
    } else {
      row.append("<tr><td class=\"item\"><span class=\"item-id\">");
      HtmlText.escape(item.itemId(), row);
      row.append("</span><span class=\"item-type\">");
      HtmlText.escape(item.itemType(), row);
      row.append("</span><span class=\"timestamp\">");
      appendInstant(item.timestamp());
      row.append("</span></td>");
      Map<String, Object> data = item.data();
      for (String column : columns) {
        appendCell(column, data.get(column), data.containsKey(column));
      }
    }
    row.append("<td>");
    if (!item.references().isEmpty()) {
      row.append("<ul class=\"refs\">");
      for (String reference : item.references()) {
        row.append("<li>");
        HtmlText.escape(reference, row);
        row.append("</li>");
      }
      row.append("</ul>");
    }
    row.append("</td></tr>\n");
    html.write(row);
  }

  /** One data field's cell; a field the item does not have, or a null, is an empty cell. */
  private void appendCell(String field, Object value, boolean present) {
    ItemValue.Kind kind = present ? ItemValue.kindOf(value) : ItemValue.Kind.NULL;
    switch (kind) {
      case NULL -> row.append("<td></td>");
      case STRING -> {
        if (SectionFigures.GRADED_FIELDS.contains(field)) {
          row.append("<td><span class=\"badge ").append(BADGES.getOrDefault((String) value, "b-other")).append("\">");
          HtmlText.escape(DataValues.wellFormed((String) value), row);
          row.append("</span></td>");
        } else {
          row.append("<td>");
          HtmlText.escape(DataValues.wellFormed((String) value), row);
          row.append("</td>");
        }
      }
      case INTEGER, LONG, DOUBLE -> {
        row.append("<td class=\"num\">");
        row.append(values.text(value));
        row.append("</td>");
      }
      case INSTANT -> {
        row.append("<td class=\"timestamp\">");
        appendInstant((Instant) value);
        row.append("</td>");
      }
      case BOOLEAN -> row.append("<td>").append(values.text(value)).append("</td>");
      case LIST -> {
        List<?> list = (List<?>) value;
        row.append("<td>");
        if (!list.isEmpty()) {
          row.append("<ul class=\"list\">");
          for (Object element : list) {
            row.append("<li>");
            HtmlText.escape(values.text(element), row);
            row.append("</li>");
          }
          row.append("</ul>");
        }
        row.append("</td>");
      }
      case MAP -> {
        Map<?, ?> map = (Map<?, ?>) value;
        row.append("<td>");
        if (!map.isEmpty()) {
          row.append("<dl class=\"attrs\">");
          for (Map.Entry<?, ?> entry : map.entrySet()) {
            row.append("<dt>");
            HtmlText.escape(DataValues.wellFormed((String) entry.getKey()), row);
            row.append("</dt><dd>");
            HtmlText.escape(values.text(entry.getValue()), row);
            row.append("</dd>");
          }
          row.append("</dl>");
        }
        row.append("</td>");
      }
    }
  }

  private void appendDetails(Map<String, Object> data) {
    if (data.isEmpty()) {
      return;
    }
    row.append("<dl class=\"details\">");
    for (Map.Entry<String, Object> field : data.entrySet()) {
      row.append("<dt>");
      HtmlText.escape(DataValues.wellFormed(field.getKey()), row);
      row.append("</dt><dd>");
      HtmlText.escape(values.text(field.getValue()), row);
      row.append("</dd>");
    }
    row.append("</dl>");
  }

  private void appendInstant(Instant value) {
    int length = IsoInstant.write(value, instant, 0);
    if (length < 0) {
      row.append(DataValues.instant(value));
    } else {
      row.append(instant, 0, length);
    }
  }
}
