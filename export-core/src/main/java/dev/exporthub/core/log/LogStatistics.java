package dev.exporthub.core.log;

import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportStatistics;
import dev.exporthub.api.LogEntry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes {@link ExportStatistics} from log entries, as {@code docs/SPECIFICATION.md} §8 defines
 * them: only {@code export-generated} entries count as exports (by category, format and tenant; an
 * entry with no tenant counts in the totals but under no tenant), only
 * {@code export-downloaded} entries as downloads. Everything comes from the stored entries, so a
 * reopened log gives the same figures.
 */
final class LogStatistics {

  private static final Duration DAY = Duration.ofHours(24);
  private static final Pattern PHASES = Pattern.compile("Phases? (\\d+)(?:-(\\d+))?");

  private LogStatistics() {}

  static ExportStatistics of(List<LogEntry> entries, Instant now) {
    Map<String, Long> byCategory = new LinkedHashMap<>();
    for (ExportCategory category : ExportCategory.values()) {
      byCategory.put(category.id(), 0L);
    }
    Map<String, Long> byFormat = new LinkedHashMap<>();
    for (ExportFormat format : ExportFormat.BUILT_IN) {
      byFormat.put(format.id(), 0L);
    }
    TreeMap<String, Long> otherFormats = new TreeMap<>();
    TreeMap<String, Long> byTenant = new TreeMap<>();
    TreeSet<Integer> phases = new TreeSet<>();
    long exports = 0;
    long downloads = 0;
    long totalTime = 0;
    long totalSize = 0;
    long[] exportWindows = new long[2];
    long[] downloadWindows = new long[2];
    for (LogEntry entry : entries) {
      if (entry instanceof LogEntry.ExportGenerated generated) {
        LogEntry.GeneratedExport x = generated.export();
        exports++;
        totalTime += x.computationTimeMs();
        totalSize += x.sizeBytes();
        byCategory.merge(x.category(), 1L, Long::sum);
        if (byFormat.containsKey(x.format())) {
          byFormat.merge(x.format(), 1L, Long::sum);
        } else {
          otherFormats.merge(x.format(), 1L, Long::sum);
        }
        if (generated.tenantId() != null) {
          byTenant.merge(generated.tenantId(), 1L, Long::sum);
        }
        for (String label : x.dataSourcesUsed()) {
          Matcher m = PHASES.matcher(label);
          if (m.find()) {
            int first = Integer.parseInt(m.group(1));
            int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
            for (int phase = first; phase <= last; phase++) {
              phases.add(phase);
            }
          }
        }
        count(exportWindows, entry.timestamp(), now);
      } else if (entry instanceof LogEntry.ExportDownloaded) {
        downloads++;
        count(downloadWindows, entry.timestamp(), now);
      }
    }
    byFormat.putAll(otherFormats);
    return new ExportStatistics(exports, downloads, byCategory, byTenant, byFormat,
        exports == 0 ? 0 : (double) totalTime / exports,
        exports == 0 ? 0 : (double) totalSize / exports,
        phases.size(),
        new ExportStatistics.Trends(change(exportWindows[0], exportWindows[1]),
            change(downloadWindows[0], downloadWindows[1])));
  }

  /** Counts {@code t} into window 0, {@code (now-24h, now]}, or window 1, {@code (now-48h, now-24h]}. */
  private static void count(long[] windows, Instant t, Instant now) {
    Instant dayAgo = now.minus(DAY);
    if (t.isAfter(dayAgo) && !t.isAfter(now)) {
      windows[0]++;
    } else if (t.isAfter(dayAgo.minus(DAY)) && !t.isAfter(dayAgo)) {
      windows[1]++;
    }
  }

  /**
   * The change from {@code previous} to {@code last} in percent, rounded half-up (away from zero) to
   * one decimal: {@code +12.5%}, {@code -5.2%}; {@code 0.0%} when equal, and also when the change
   * rounds to zero; {@code +100.0%} from zero to more.
   */
  static String change(long last, long previous) {
    if (last == previous) {
      return "0.0%";
    }
    if (previous == 0) {
      return "+100.0%";
    }
    BigDecimal percent = BigDecimal.valueOf(last - previous).multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(previous), 1, RoundingMode.HALF_UP);
    return (percent.signum() > 0 ? "+" : "") + percent.toPlainString() + "%";
  }
}
