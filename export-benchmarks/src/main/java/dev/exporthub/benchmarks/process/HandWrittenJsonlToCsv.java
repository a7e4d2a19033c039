package dev.exporthub.benchmarks.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exporthub.api.source.SourceType;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * The CSV a developer would write by hand: the records read and sorted as
 * {@link HandWrittenJsonlToJson} does, one row each through Commons CSV (section, id, timestamp,
 * the record's fields as {@code key=value; ...} with nested values as compact JSON), every cell quoted.
 *
 * <pre>java -cp benchmarks.jar dev.exporthub.benchmarks.process.HandWrittenJsonlToCsv DATA TENANT FROM TO OUT</pre>
 */
public final class HandWrittenJsonlToCsv {

  private HandWrittenJsonlToCsv() {}

  public static void main(String[] args) throws IOException {
    Path data = Path.of(args[0]);
    Instant from = Instant.parse(args[2]);
    Instant to = Instant.parse(args[3]);
    ObjectMapper mapper = new ObjectMapper();
    CSVFormat format = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).build();
    try (Writer out = Files.newBufferedWriter(Path.of(args[4]), StandardCharsets.UTF_8);
         CSVPrinter csv = new CSVPrinter(out, format)) {
      csv.printRecord("Section", "Item ID", "Timestamp", "Details");
      StringBuilder details = new StringBuilder();
      for (SourceType type : SourceType.values()) {
        List<HandWrittenJsonlToJson.Row> rows =
            HandWrittenJsonlToJson.read(mapper, data.resolve(type.id() + ".jsonl"), type, args[1], from, to);
        rows.sort(HandWrittenJsonlToJson.Row.ORDER);
        for (HandWrittenJsonlToJson.Row row : rows) {
          details.setLength(0);
          for (Map.Entry<String, JsonNode> field : row.node().properties()) {
            if (!details.isEmpty()) {
              details.append("; ");
            }
            JsonNode value = field.getValue();
            details.append(field.getKey()).append('=')
                .append(value.isValueNode() ? value.asText() : mapper.writeValueAsString(value));
          }
          csv.printRecord(type.id(), row.id(), row.timestamp().toString(), details);
        }
      }
    }
  }
}
