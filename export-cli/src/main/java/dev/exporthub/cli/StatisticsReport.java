package dev.exporthub.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.exporthub.api.ExportStatistics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** {@code log stats} output: a table for people, or JSON ({@code --json}) in the record's key order. */
final class StatisticsReport {

  private static final JsonFactory JSON = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  private StatisticsReport() {
  }

  static void text(ExportStatistics stats, PrintStream out) {
    Table.of(2)
        .row("Exports", stats.totalExports() + "  (24h trend " + stats.trends().exportsChange() + ")")
        .row("Downloads", stats.totalDownloads() + "  (24h trend " + stats.trends().downloadsChange() + ")")
        .row("Average size", oneDecimal(stats.averageSizeBytes()) + " bytes")
        .row("Average time", oneDecimal(stats.averageGenerationTimeMs()) + " ms")
        .row("Data sources", stats.dataSourcesUsed() + " phases")
        .print(out, "");
    counts("By category", stats.byCategory(), out);
    counts("By format", stats.byFormat(), out);
    counts("By tenant", stats.byTenant(), out);
  }

  static void json(ExportStatistics stats, OutputStream out) throws IOException {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter));
      json.writeStartObject();
      json.writeNumberField("totalExports", stats.totalExports());
      json.writeNumberField("totalDownloads", stats.totalDownloads());
      writeCounts(json, "byCategory", stats.byCategory());
      writeCounts(json, "byTenant", stats.byTenant());
      writeCounts(json, "byFormat", stats.byFormat());
      json.writeNumberField("averageGenerationTimeMs", stats.averageGenerationTimeMs());
      json.writeNumberField("averageSizeBytes", stats.averageSizeBytes());
      json.writeNumberField("dataSourcesUsed", stats.dataSourcesUsed());
      json.writeObjectFieldStart("trends");
      json.writeStringField("exportsChange", stats.trends().exportsChange());
      json.writeStringField("downloadsChange", stats.trends().downloadsChange());
      json.writeEndObject();
      json.writeEndObject();
      json.writeRaw('\n');
    }
    out.flush();
  }

  private static void writeCounts(JsonGenerator json, String name, Map<String, Long> counts) throws IOException {
    json.writeObjectFieldStart(name);
    for (Map.Entry<String, Long> count : counts.entrySet()) {
      json.writeNumberField(count.getKey(), count.getValue());
    }
    json.writeEndObject();
  }

  private static void counts(String title, Map<String, Long> counts, PrintStream out) {
    out.println(title);
    if (counts.isEmpty()) {
      out.println("  (none)");
      return;
    }
    Table table = Table.of(2);
    counts.forEach(table::row);
    table.print(out, "  ");
  }

  /** One decimal, rounded half-up, never locale-dependent. */
  private static String oneDecimal(double value) {
    return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
  }
}
