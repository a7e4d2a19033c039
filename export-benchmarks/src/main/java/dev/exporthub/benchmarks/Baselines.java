package dev.exporthub.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.source.SourceRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * What a developer would hand-write to serialise the same items: the raw baselines Export Hub is
 * measured against. Each writes every item, with no policy, no filtering, no sorting and no log.
 */
final class Baselines {

  static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
  static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
      .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));

  private Baselines() {}

  /** Jackson's streaming generator, compact or pretty. */
  static void jackson(List<ExportItem> items, OutputStream out, boolean pretty) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      if (pretty) {
        g.useDefaultPrettyPrinter();
      }
      g.writeStartArray();
      for (ExportItem item : items) {
        g.writeStartObject();
        g.writeStringField("itemId", item.itemId());
        g.writeStringField("itemType", item.itemType());
        g.writeStringField("timestamp", DateTimeFormatter.ISO_INSTANT.format(item.timestamp()));
        g.writeFieldName("data");
        value(g, item.data());
        g.writeArrayFieldStart("references");
        for (String ref : item.references()) {
          g.writeString(ref);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
  }

  private static void value(JsonGenerator g, Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName((String) e.getKey());
        value(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object v : list) {
        value(g, v);
      }
      g.writeEndArray();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Instant i) {
      g.writeString(DateTimeFormatter.ISO_INSTANT.format(i));
    } else if (value instanceof Double d) {
      g.writeNumber(d);
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof Integer n) {
      g.writeNumber(n);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      g.writeString(String.valueOf(value));
    }
  }

  /** {@code ObjectMapper.writeValue} of the records themselves. */
  static void objectMapper(List<SourceRecord> records, OutputStream out) throws IOException {
    MAPPER.writeValue(out, records);
  }

  /** commons-csv, every cell quoted, the six columns of {@code docs/SPECIFICATION.md} §5.4. */
  static void csv(List<ExportItem> items, String dataSource, OutputStream out) throws IOException {
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    CSVFormat format = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).get();
    try (CSVPrinter printer = new CSVPrinter(writer, format)) {
      printer.printRecord("Section", "Item ID", "Item Type", "Timestamp", "Data Source", "Details");
      StringBuilder details = new StringBuilder(256);
      for (ExportItem item : items) {
        details.setLength(0);
        for (Map.Entry<String, Object> e : item.data().entrySet()) {
          if (details.length() > 0) {
            details.append("; ");
          }
          details.append(e.getKey()).append('=').append(e.getValue());
        }
        printer.printRecord(item.itemType(), item.itemId(), item.itemType(),
            DateTimeFormatter.ISO_INSTANT.format(item.timestamp()), dataSource, details);
      }
    }
  }

  /** A plain HTML table with every cell escaped. */
  static void html(List<ExportItem> items, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    w.write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Export</title></head><body><table>\n");
    w.write("<tr><th>Item ID</th><th>Item Type</th><th>Timestamp</th><th>Details</th></tr>\n");
    for (ExportItem item : items) {
      w.write("<tr><td>");
      escape(w, item.itemId());
      w.write("</td><td>");
      escape(w, item.itemType());
      w.write("</td><td>");
      w.write(DateTimeFormatter.ISO_INSTANT.format(item.timestamp()));
      w.write("</td><td>");
      for (Map.Entry<String, Object> e : item.data().entrySet()) {
        escape(w, e.getKey());
        w.write('=');
        escape(w, String.valueOf(e.getValue()));
        w.write("<br>");
      }
      w.write("</td></tr>\n");
    }
    w.write("</table></body></html>\n");
    w.flush();
  }

  private static void escape(Writer w, String s) throws IOException {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> w.write("&lt;");
        case '>' -> w.write("&gt;");
        case '&' -> w.write("&amp;");
        case '"' -> w.write("&quot;");
        case '\'' -> w.write("&#39;");
        default -> w.write(c);
      }
    }
  }

  /** A plain Markdown list of every item. */
  static void markdown(List<ExportItem> items, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    w.write("# Export\n\n");
    for (ExportItem item : items) {
      w.write("### ");
      w.write(item.itemId());
      w.write("\n\n");
      for (Map.Entry<String, Object> e : item.data().entrySet()) {
        w.write("- **");
        w.write(e.getKey());
        w.write("**: ");
        w.write(String.valueOf(e.getValue()));
        w.write('\n');
      }
      w.write('\n');
    }
    w.flush();
  }

  /** {@code ZipOutputStream} over already-rendered members, deflated at the default level. */
  static void zip(Map<String, byte[]> members, OutputStream out) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setLevel(Deflater.DEFAULT_COMPRESSION);
      for (Map.Entry<String, byte[]> member : members.entrySet()) {
        zip.putNextEntry(new ZipEntry(member.getKey()));
        zip.write(member.getValue());
        zip.closeEntry();
      }
    }
  }
}
