package dev.exporthub.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads JMH's JSON results and prints Markdown tables: for the full-operational export at one size,
 * each format next to its raw baseline, with the ratio of their throughputs (Export Hub items/s
 * divided by the baseline's; 1.0 means as fast as the hand-written code) and the target; then every
 * cell's items/s, MB/s and allocation per item; then the single-export times of the 500-item export.
 *
 * <pre>java -cp export-benchmarks/target/benchmarks.jar dev.exporthub.benchmarks.RatioReport 100000 small.json large.json</pre>
 */
public final class RatioReport {

  /** A format, its raw baseline, and the ratio it must reach. */
  private record Target(String format, String baseline, double ratio, boolean vsMapper) {}

  private static final List<Target> TARGETS = List.of(
      new Target("json", "jacksonPretty", 0.8, true),
      new Target("csv", "commonsCsv", 0.8, true),
      new Target("html", "htmlTable", 0.8, true),
      new Target("markdown", "markdownList", 0.8, true),
      new Target("zip", "zipOfBundleEntries", 0.7, false),
      new Target("auditor-package", "zipOfAuditorEntries", 0.7, false));

  private static final String MAPPER = "objectMapperRecords";

  /** The archive formats, whose single exports are not held to the text formats' 5 ms. */
  private static final List<String> ARCHIVES = List.of("zip", "auditor-package");

  /** One JMH cell: milliseconds, items and bytes per operation, bytes allocated per operation. */
  private record Cell(double ms, double items, double bytes, double allocated) {
    double itemsPerSecond() {
      return items / ms * 1000;
    }

    double megabytesPerSecond() {
      return bytes / ms / 1000;
    }

    double allocatedPerItem() {
      return allocated / items;
    }
  }

  private RatioReport() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("Usage: RatioReport <items of the ratio cells> <JMH results.json>...");
      System.exit(2);
    }
    String size = args[0];
    List<JsonNode> results = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String file : Arrays.asList(args).subList(1, args.length)) {
      json.readTree(new File(file)).forEach(results::add);
    }
    Map<String, Cell> hub = new LinkedHashMap<>();
    Map<String, Cell> baselines = new LinkedHashMap<>();
    List<String> latency = new ArrayList<>();
    for (JsonNode result : results) {
      String benchmark = result.get("benchmark").asText();
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      JsonNode params = result.path("params");
      if (benchmark.contains("LatencyBenchmark")) {
        JsonNode p = result.get("primaryMetric").get("scorePercentiles");
        String format = params.get("format").asText();
        // The 5 ms target is the text formats'; archives deflate, and are measured for reference.
        String met = ARCHIVES.contains(format) ? "(archive)" : p.get("50.0").asDouble() < 5 ? "yes" : "**no**";
        latency.add(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f | %.3f | %s |", format,
            params.get("items").asText(), p.get("50.0").asDouble(), p.get("90.0").asDouble(), p.get("99.0").asDouble(),
            result.get("primaryMetric").get("score").asDouble(), met));
        continue;
      }
      Cell cell = cell(result);
      String items = params.path("items").asText();
      if (benchmark.contains("ExportBenchmark")) {
        hub.put(items + "/" + params.get("shape").asText() + "/" + params.get("format").asText(), cell);
      } else {
        baselines.put(items + "/" + method, cell);
      }
    }

    System.out.printf(Locale.ROOT, "### Ratios: full-operational export, %s items%n%n", size);
    System.out.println("Ratio = Export Hub items/s / baseline items/s (the same items); "
        + "vs mapper = Export Hub items/s / `ObjectMapper.writeValue` items/s of the same records.");
    System.out.println();
    System.out.println("| format | Export Hub ms | items/s | MB/s | B/item | baseline | baseline ms | items/s | ratio | target"
        + " | vs mapper | target | met |");
    System.out.println("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|");
    Cell mapper = baselines.get(size + "/" + MAPPER);
    for (Target target : TARGETS) {
      Cell ours = hub.get(size + "/full-operational/" + target.format());
      Cell theirs = baselines.get(size + "/" + target.baseline());
      if (ours == null || theirs == null) {
        continue;
      }
      double ratio = ours.itemsPerSecond() / theirs.itemsPerSecond();
      boolean met = ratio >= target.ratio();
      String vsMapper = "";
      String mapperTarget = "";
      if (target.vsMapper() && mapper != null) {
        double r = ours.itemsPerSecond() / mapper.itemsPerSecond();
        vsMapper = String.format(Locale.ROOT, "%.2f", r);
        mapperTarget = "≥ 1.0";
        met &= r >= 1.0;
      }
      System.out.printf(Locale.ROOT, "| %s | %.2f | %.0f | %.1f | %.0f | %s | %.2f | %.0f | %.2f | ≥ %.1f | %s | %s | %s |%n",
          target.format(), ours.ms(), ours.itemsPerSecond(), ours.megabytesPerSecond(), ours.allocatedPerItem(),
          target.baseline(), theirs.ms(), theirs.itemsPerSecond(), ratio, target.ratio(), vsMapper, mapperTarget,
          met ? "yes" : "**no**");
    }

    System.out.println();
    System.out.println("### Baselines (full-operational items)");
    System.out.println();
    System.out.println("| items | baseline | ms | items/s | MB/s | B/item |");
    System.out.println("|---:|---|---:|---:|---:|---:|");
    baselines.forEach((key, cell) -> {
      String[] parts = key.split("/");
      System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.0f | %.1f | %.0f |%n", parts[0], parts[1], cell.ms(),
          cell.itemsPerSecond(), cell.megabytesPerSecond(), cell.allocatedPerItem());
    });

    System.out.println();
    System.out.println("### Every Export Hub cell");
    System.out.println();
    System.out.println("| items (param) | shape | format | items (exact) | ms | items/s | MB/s | B/item |");
    System.out.println("|---:|---|---|---:|---:|---:|---:|---:|");
    hub.forEach((key, cell) -> {
      String[] parts = key.split("/");
      System.out.printf(Locale.ROOT, "| %s | %s | %s | %.0f | %.3f | %.0f | %.1f | %.0f |%n", parts[0], parts[1],
          parts[2], cell.items(), cell.ms(), cell.itemsPerSecond(), cell.megabytesPerSecond(), cell.allocatedPerItem());
    });

    if (!latency.isEmpty()) {
      System.out.println();
      System.out.println("### Single full-operational exports (sample time, ms)");
      System.out.println();
      System.out.println("| format | items (param) | median | p90 | p99 | mean | median < 5 ms |");
      System.out.println("|---|---:|---:|---:|---:|---:|---|");
      latency.forEach(System.out::println);
    }
  }

  /**
   * A cell's figures. The {@link Volume} counters come in time per item and time per byte (JMH
   * normalises operation counters by the iteration time), so items per operation is the primary
   * score over the time per item.
   */
  private static Cell cell(JsonNode result) {
    double ms = result.get("primaryMetric").get("score").asDouble();
    JsonNode secondary = result.path("secondaryMetrics");
    double msPerItem = secondary.path("items").path("score").asDouble(Double.NaN);
    double msPerByte = secondary.path("bytes").path("score").asDouble(Double.NaN);
    double allocated = secondary.path("gc.alloc.rate.norm").path("score").asDouble(Double.NaN);
    return new Cell(ms, ms / msPerItem, ms / msPerByte, allocated);
  }
}
