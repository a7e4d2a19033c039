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

  static final Duration DAY = Duration.ofHours(24);
  private static final Pattern PHASES = Pattern.compile("Phases? (\\d+)(?:-(\\d+))?");

  private LogStatistics() {}

  /** The statistics of these entries, trends included. */
  static ExportStatistics of(Iterable<LogEntry> entries, Instant now) {
    Totals totals = new Totals();
    Windows windows = new Windows(now);
    TreeMap<String, Long> byTenant = new TreeMap<>();
    for (LogEntry entry : entries) {
      totals.add(entry);
      windows.count(entry.entryType(), entry.timestamp());
      if (entry instanceof LogEntry.ExportGenerated && entry.tenantId() != null) {
        byTenant.merge(entry.tenantId(), 1L, Long::sum);
      }
    }
    return totals.statistics(byTenant, windows);
  }

  /**
   * The figures of §8 but the trends, which add up: the totals of a set of entries are the sum of the
   * totals of its parts (the log keeps one per tenant, see {@code LogSummary}).
   */
  static final class Totals {
    long exports;
    long downloads;
    long totalTime;
    long totalSize;
    final TreeMap<String, Long> byCategory = new TreeMap<>();
    final TreeMap<String, Long> byFormat = new TreeMap<>();
    final TreeSet<Integer> phases = new TreeSet<>();

    /** Counts an entry: only generated exports and downloads count. */
    void add(LogEntry entry) {
      if (entry instanceof LogEntry.ExportGenerated generated) {
        LogEntry.GeneratedExport x = generated.export();
        exports++;
        totalTime += x.computationTimeMs();
        totalSize += x.sizeBytes();
        byCategory.merge(x.category(), 1L, Long::sum);
        byFormat.merge(x.format(), 1L, Long::sum);
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
      } else if (entry instanceof LogEntry.ExportDownloaded) {
        downloads++;
      }
    }

    /** Adds another part's totals, with its exports ({@code withExports}) and downloads. */
    void add(Totals other, boolean withExports, boolean withDownloads) {
      if (withExports) {
        exports += other.exports;
        totalTime += other.totalTime;
        totalSize += other.totalSize;
        other.byCategory.forEach((category, n) -> byCategory.merge(category, n, Long::sum));
        other.byFormat.forEach((format, n) -> byFormat.merge(format, n, Long::sum));
        phases.addAll(other.phases);
      }
      if (withDownloads) {
        downloads += other.downloads;
      }
    }

    /** The statistics, with these exports per tenant. */
    ExportStatistics statistics(Map<String, Long> byTenant, Windows windows) {
      Map<String, Long> categories = new LinkedHashMap<>();
      for (ExportCategory category : ExportCategory.values()) {
        categories.put(category.id(), byCategory.getOrDefault(category.id(), 0L));
      }
      byCategory.forEach(categories::putIfAbsent); // ids of no category of this version, sorted
      Map<String, Long> formats = new LinkedHashMap<>();
      for (ExportFormat format : ExportFormat.BUILT_IN) {
        formats.put(format.id(), byFormat.getOrDefault(format.id(), 0L));
      }
      byFormat.forEach(formats::putIfAbsent); // plugin formats, sorted
      return new ExportStatistics(exports, downloads, categories, new TreeMap<>(byTenant), formats,
          exports == 0 ? 0 : (double) totalTime / exports,
          exports == 0 ? 0 : (double) totalSize / exports,
          phases.size(),
          new ExportStatistics.Trends(change(windows.exports[0], windows.exports[1]),
              change(windows.downloads[0], windows.downloads[1])));
    }
  }

  /** Counts into window 0, {@code (now-24h, now]}, or window 1, {@code (now-48h, now-24h]}. */
  static final class Windows {
    final Instant now;
    final Instant dayAgo;
    final Instant twoDaysAgo;
    final long[] exports = new long[2];
    final long[] downloads = new long[2];

    Windows(Instant now) {
      this.now = now;
      this.dayAgo = now.minus(DAY);
      this.twoDaysAgo = dayAgo.minus(DAY);
    }

    void count(String entryType, Instant t) {
      long[] windows = switch (entryType) {
        case "export-generated" -> exports;
        case "export-downloaded" -> downloads;
        default -> null;
      };
      if (windows == null) {
        return;
      }
      if (t.isAfter(dayAgo) && !t.isAfter(now)) {
        windows[0]++;
      } else if (t.isAfter(twoDaysAgo) && !t.isAfter(dayAgo)) {
        windows[1]++;
      }
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
