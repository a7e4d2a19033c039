package dev.exporthub.api;

import java.util.Map;
import java.util.Objects;

/**
 * Aggregate figures over the export log, as {@code docs/SPECIFICATION.md} §8 defines them.
 *
 * @param totalExports            number of {@code export-generated} entries
 * @param totalDownloads          number of {@code export-downloaded} entries
 * @param byCategory              exports per category id: all 14 keys in category order, zero when unused
 * @param byTenant                exports per tenant id, sorted by tenant id
 * @param byFormat                exports per format id: the six built-in keys first (zero when unused),
 *                                then any other format ids, sorted
 * @param averageGenerationTimeMs mean {@code computationTimeMs} of the exports, 0 when there are none
 * @param averageSizeBytes        mean artifact size of the exports, 0 when there are none
 * @param dataSourcesUsed         the number of distinct phases seen in generated exports
 * @param trends                  last 24 hours against the 24 hours before
 */
public record ExportStatistics(
    long totalExports,
    long totalDownloads,
    Map<String, Long> byCategory,
    Map<String, Long> byTenant,
    Map<String, Long> byFormat,
    double averageGenerationTimeMs,
    double averageSizeBytes,
    int dataSourcesUsed,
    Trends trends) {

  public ExportStatistics {
    byCategory = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byCategory));
    byTenant = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byTenant));
    byFormat = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byFormat));
    Objects.requireNonNull(trends, "trends");
  }

  /**
   * Changes over the window {@code (now-24h, now]} against {@code (now-48h, now-24h]}, formatted as
   * {@code +12.5%}, {@code -5.2%}, {@code 0.0%} (equal) or {@code +100.0%} (from zero to more).
   *
   * @param exportsChange   change in exports generated
   * @param downloadsChange change in downloads
   */
  public record Trends(String exportsChange, String downloadsChange) {
    public Trends {
      Objects.requireNonNull(exportsChange, "exportsChange");
      Objects.requireNonNull(downloadsChange, "downloadsChange");
    }
  }
}
