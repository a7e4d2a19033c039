package dev.exporthub.benchmarks.process;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exporthub.api.source.SourceType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The program a developer would write by hand for one tenant's full-operational JSON: each source's
 * JSON Lines file read with Jackson a tree per line, kept when its tenant and time match, sorted by
 * (timestamp, id) in memory, and written as one pretty JSON document of sections. The baseline of
 * {@link WholeProcessBenchmark}; it holds everything in memory and checks nothing.
 *
 * <pre>java -cp benchmarks.jar dev.exporthub.benchmarks.process.HandWrittenJsonlToJson DATA TENANT FROM TO OUT</pre>
 */
public final class HandWrittenJsonlToJson {

  private HandWrittenJsonlToJson() {}

  /** A record kept for the output: its sort key and its tree. */
  record Row(Instant timestamp, String id, JsonNode node) {
    static final Comparator<Row> ORDER = Comparator.comparing(Row::timestamp).thenComparing(Row::id);
  }

  public static void main(String[] args) throws IOException {
    Path data = Path.of(args[0]);
    String tenant = args[1];
    Instant from = Instant.parse(args[2]);
    Instant to = Instant.parse(args[3]);
    ObjectMapper mapper = new ObjectMapper();
    try (OutputStream out = Files.newOutputStream(Path.of(args[4]));
         JsonGenerator json = mapper.getFactory().createGenerator(out).useDefaultPrettyPrinter()) {
      json.writeStartObject();
      json.writeArrayFieldStart("sections");
      for (SourceType type : SourceType.values()) {
        List<Row> rows = read(mapper, data.resolve(type.id() + ".jsonl"), type, tenant, from, to);
        rows.sort(Row.ORDER);
        json.writeStartObject();
        json.writeStringField("sectionId", type.id());
        json.writeNumberField("count", rows.size());
        json.writeArrayFieldStart("items");
        for (Row row : rows) {
          mapper.writeTree(json, row.node());
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  static List<Row> read(ObjectMapper mapper, Path file, SourceType type, String tenant, Instant from, Instant to)
      throws IOException {
    List<Row> rows = new ArrayList<>();
    if (!Files.exists(file)) {
      return rows;
    }
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = mapper.readTree(line);
        Instant at = Instant.parse(node.get(type.timeField()).asText());
        if (node.get("tenantId").asText().equals(tenant) && !at.isBefore(from) && at.isBefore(to)) {
          rows.add(new Row(at, node.get(type.idField()).asText(), node));
        }
      }
    }
    return rows;
  }
}
