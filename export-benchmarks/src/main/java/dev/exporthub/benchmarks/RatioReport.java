package dev.exporthub.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads JMH's JSON results and prints, for the full-operational export at one size, each format's
 * time next to its raw baseline's and the ratio of their throughputs (Export Hub items/s divided by
 * the baseline's; 1.0 means as fast as the hand-written code).
 *
 * <pre>java -cp export-benchmarks/target/benchmarks.jar dev.exporthub.benchmarks.RatioReport results.json 100000</pre>
 */
public final class RatioReport {

  /** Each built-in format and the baseline it is measured against. */
  private static final Map<String, String> BASELINE = new LinkedHashMap<>();

  static {
    BASELINE.put("json", "jacksonPretty");
    BASELINE.put("csv", "commonsCsv");
    BASELINE.put("html", "htmlTable");
    BASELINE.put("markdown", "markdownList");
    BASELINE.put("zip", "zipOfRenderedMembers");
    BASELINE.put("auditor-package", "zipOfAuditorMembers");
  }

  private RatioReport() {}

  public static void main(String[] args) throws IOException {
    JsonNode results = new ObjectMapper().readTree(new File(args[0]));
    String items = args.length > 1 ? args[1] : "100000";
    Map<String, Double> hub = new LinkedHashMap<>();
    Map<String, Double> baseline = new LinkedHashMap<>();
    for (JsonNode result : results) {
      String benchmark = result.get("benchmark").asText();
      JsonNode params = result.get("params");
      double ms = result.get("primaryMetric").get("score").asDouble();
      if (params == null || !items.equals(params.path("items").asText())) {
        continue;
      }
      if (benchmark.endsWith("ExportBenchmark.export")) {
        hub.put(params.get("shape").asText() + "/" + params.get("format").asText(), ms);
      } else {
        baseline.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), ms);
      }
    }
    System.out.printf(Locale.ROOT, "Full-operational export, %s items (ms per export; ratio = baseline time / Export Hub time)%n%n", items);
    System.out.println("| format | Export Hub ms | baseline | baseline ms | ratio | vs ObjectMapper.writeValue |");
    System.out.println("|---|---:|---|---:|---:|---:|");
    Double mapper = baseline.get("objectMapperRecords");
    for (Map.Entry<String, String> e : BASELINE.entrySet()) {
      Double ours = hub.get("full-operational/" + e.getKey());
      Double theirs = baseline.get(e.getValue());
      if (ours == null || theirs == null) {
        continue;
      }
      String vsMapper = mapper == null || e.getKey().equals("zip") || e.getKey().equals("auditor-package")
          ? "" : String.format(Locale.ROOT, "%.2f", mapper / ours);
      System.out.printf(Locale.ROOT, "| %s | %.2f | %s | %.2f | %.2f | %s |%n", e.getKey(), ours, e.getValue(), theirs,
          theirs / ours, vsMapper);
    }
    System.out.println();
    System.out.println("| shape/format | ms |");
    System.out.println("|---|---:|");
    hub.forEach((cell, ms) -> System.out.printf(Locale.ROOT, "| %s | %.3f |%n", cell, ms));
  }
}
