package dev.exporthub.formats;

import dev.exporthub.api.TimeRange;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * Small static SVG charts for the HTML documents, drawn from counts the bundle already holds. No
 * script and no style attribute (the documents' policy allows neither): shapes carry their
 * {@code fill}. Every chart is an {@code <svg role="img">} whose first child is a {@code <title>}
 * saying what it shows with its numbers, and the same numbers stand in the figure's caption as
 * text. Shades run dark to light by rank, so the bars stay apart printed in greyscale. Labels are
 * data, escaped as text.
 */
final class HtmlCharts {

  /** Dark to light: told apart in colour and in greyscale alike. */
  private static final List<String> SHADES = List.of("#1e3a8a", "#1d4ed8", "#3b82f6", "#93c5fd", "#dbeafe");
  private static final int MAX_BARS = 12;
  private static final int MAX_COLUMNS = 31;
  private static final int BAR_HEIGHT = 18;
  private static final int LABEL_WIDTH = 150;
  private static final int BAR_SPACE = 200;
  private static final int WIDTH = LABEL_WIDTH + BAR_SPACE + 60;

  private HtmlCharts() {
  }

  /** Horizontal bars, one per value (the first {@value #MAX_BARS}; the rest summed as "others"). */
  static void bars(Writer html, String title, Map<String, Long> counts) throws IOException {
    List<Map.Entry<String, Long>> bars = new ArrayList<>(counts.entrySet());
    if (bars.size() > MAX_BARS) {
      long rest = bars.subList(MAX_BARS - 1, bars.size()).stream().mapToLong(Map.Entry::getValue).sum();
      bars = new ArrayList<>(bars.subList(0, MAX_BARS - 1));
      bars.add(Map.entry("others", rest));
    }
    long max = Math.max(1, bars.stream().mapToLong(Map.Entry::getValue).max().orElse(1));
    String numbers = numbers(bars);
    int height = bars.size() * (BAR_HEIGHT + 6) + 4;
    StringBuilder svg = new StringBuilder(512);
    open(svg, WIDTH, height, title + ": " + numbers);
    for (int i = 0; i < bars.size(); i++) {
      Map.Entry<String, Long> bar = bars.get(i);
      int y = 4 + i * (BAR_HEIGHT + 6);
      long width = Math.max(bar.getValue() == 0 ? 0 : 2, Math.round((double) BAR_SPACE * bar.getValue() / max));
      svg.append("<text x=\"").append(LABEL_WIDTH - 6).append("\" y=\"").append(y + 13)
          .append("\" text-anchor=\"end\">").append(HtmlText.escape(clip(bar.getKey()))).append("</text>");
      svg.append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"").append(width)
          .append("\" height=\"").append(BAR_HEIGHT).append("\" fill=\"").append(SHADES.get(Math.min(i, SHADES.size() - 1)))
          .append("\" stroke=\"#1f2937\" stroke-width=\"0.5\"></rect>");
      svg.append("<text x=\"").append(LABEL_WIDTH + width + 6).append("\" y=\"").append(y + 13)
          .append("\" class=\"chart-value\">").append(bar.getValue()).append("</text>");
    }
    close(html, svg, title, numbers);
  }

  /**
   * Items over the range: one column per day, or per run of days when the range is longer than
   * {@value #MAX_COLUMNS} days.
   */
  static void timeline(Writer html, String title, SortedMap<LocalDate, Long> perDay, TimeRange range)
      throws IOException {
    LocalDate first = LocalDate.ofInstant(range.from(), ZoneOffset.UTC);
    LocalDate last = LocalDate.ofInstant(range.to().minusNanos(1), ZoneOffset.UTC);
    long days = Math.max(1, ChronoUnit.DAYS.between(first, last) + 1);
    long step = (days + MAX_COLUMNS - 1) / MAX_COLUMNS;
    int columns = (int) ((days + step - 1) / step);
    long[] counts = new long[columns];
    perDay.forEach((day, n) -> {
      long index = ChronoUnit.DAYS.between(first, day) / step;
      if (index >= 0 && index < columns) {
        counts[(int) index] += n;
      }
    });
    long max = 1;
    long total = 0;
    for (long n : counts) {
      max = Math.max(max, n);
      total += n;
    }
    String unit = step == 1 ? "day" : step + " days";
    String numbers = total + " in all, at most " + (total == 0 ? 0 : max) + " a " + unit + ", from " + first
        + " to " + last;
    int height = 110;
    int plot = 90;
    double width = (double) (WIDTH - 10) / columns;
    StringBuilder svg = new StringBuilder(1024);
    open(svg, WIDTH, height, title + " (one column a " + unit + "): " + numbers);
    for (int i = 0; i < columns; i++) {
      long h = counts[i] == 0 ? 1 : Math.max(2, Math.round((double) plot * counts[i] / max));
      svg.append("<rect x=\"").append(String.format(Locale.ROOT, "%.1f", 5 + i * width)).append("\" y=\"")
          .append(plot - h + 4).append("\" width=\"").append(String.format(Locale.ROOT, "%.1f", Math.max(1, width - 2)))
          .append("\" height=\"").append(h).append("\" fill=\"").append(counts[i] == 0 ? "#d1d5db" : SHADES.get(1))
          .append("\"><title>").append(first.plusDays(i * step)).append(": ").append(counts[i]).append("</title></rect>");
    }
    svg.append("<text x=\"5\" y=\"").append(height - 2).append("\">").append(first).append("</text>");
    svg.append("<text x=\"").append(WIDTH - 5).append("\" y=\"").append(height - 2).append("\" text-anchor=\"end\">")
        .append(last).append("</text>");
    close(html, svg, title, numbers);
  }

  private static void open(StringBuilder svg, int width, int height, String title) {
    svg.append("<figure class=\"chart\">\n<svg class=\"chart-svg\" role=\"img\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\"><title>").append(HtmlText.escape(title)).append("</title>");
  }

  private static void close(Writer html, StringBuilder svg, String title, String numbers) throws IOException {
    svg.append("</svg>\n<figcaption><strong>").append(HtmlText.escape(title)).append(":</strong> ")
        .append(HtmlText.escape(numbers)).append("</figcaption>\n</figure>\n");
    html.write(svg.toString());
  }

  private static String numbers(List<Map.Entry<String, Long>> bars) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Long> bar : bars) {
      parts.add(bar.getValue() + " " + bar.getKey());
    }
    return String.join(", ", parts);
  }

  private static String clip(String label) {
    return label.codePointCount(0, label.length()) <= 22 ? label
        : label.substring(0, label.offsetByCodePoints(0, 21)) + "…";
  }
}
