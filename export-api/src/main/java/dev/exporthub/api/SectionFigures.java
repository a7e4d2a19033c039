package dev.exporthub.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a reader of a section sees at a glance, counted over its items in the counting pass (so a
 * writer draws it before the items without reading them twice): how many items carry each value of
 * the fields that grade them ({@link #GRADED_FIELDS}), how many fall on each UTC day, and which data
 * fields the items have, in the order they first appear (a table's columns).
 *
 * <p>Immutable. Values of a graded field are ordered most serious first for the known levels
 * ({@code critical, high, medium, low, info}), then alphabetically.
 */
public final class SectionFigures {

  /** The data fields whose values are counted, in this order. */
  public static final List<String> GRADED_FIELDS = List.of("severity", "priority", "status", "slaStatus");

  private static final List<String> LEVELS = List.of("critical", "high", "medium", "low", "info");

  private final Map<String, Map<String, Long>> counts;
  private final SortedMap<LocalDate, Long> perDay;
  private final List<String> fields;

  private SectionFigures(Map<String, Map<String, Long>> counts, SortedMap<LocalDate, Long> perDay,
      List<String> fields) {
    this.counts = counts;
    this.perDay = perDay;
    this.fields = fields;
  }

  /** The figures of these items. */
  public static SectionFigures of(Iterable<ExportItem> items) {
    Builder builder = builder();
    items.forEach(builder::add);
    return builder.build();
  }

  /** A builder that counts items one at a time, in a single pass. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * For each graded field some item has, its values and how many items carry each (a value that is
   * not text is counted as its text); fields in {@link #GRADED_FIELDS} order. Unmodifiable.
   */
  public Map<String, Map<String, Long>> counts() {
    return counts;
  }

  /** Items per UTC day of their timestamp, days without items left out. Unmodifiable. */
  public SortedMap<LocalDate, Long> perDay() {
    return perDay;
  }

  /** Every data field of the items, in the order they first appear. Unmodifiable. */
  public List<String> fields() {
    return fields;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SectionFigures f && counts.equals(f.counts) && perDay.equals(f.perDay)
        && fields.equals(f.fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(counts, perDay, fields);
  }

  @Override
  public String toString() {
    return "SectionFigures[counts=" + counts + ", days=" + perDay.size() + ", fields=" + fields + "]";
  }

  /**
   * Counts items one at a time. Not thread-safe. Cheap per item, since every export's counting pass
   * runs it: items come in time order, so the day is counted as a run.
   */
  public static final class Builder {
    private final Map<String, Map<String, Long>> counts = new HashMap<>();
    private final TreeMap<LocalDate, Long> perDay = new TreeMap<>();
    private final LinkedHashSet<String> fields = new LinkedHashSet<>();
    private long day = Long.MIN_VALUE; // the epoch day of the current run of items
    private long run;

    private Builder() {
    }

    /** Counts one item. */
    public Builder add(ExportItem item) {
      Map<String, Object> data = item.data();
      if (data.size() > fields.size() || !fields.containsAll(data.keySet())) {
        fields.addAll(data.keySet());
      }
      for (String field : GRADED_FIELDS) {
        Object value = data.get(field);
        if (value != null) {
          counts.computeIfAbsent(field, f -> new HashMap<>()).merge(value.toString(), 1L, Long::sum);
        }
      }
      long itemDay = Math.floorDiv(item.timestamp().getEpochSecond(), 86_400L);
      if (itemDay != day) {
        flushDay();
        day = itemDay;
      }
      run++;
      return this;
    }

    private void flushDay() {
      if (run > 0) {
        perDay.merge(LocalDate.ofEpochDay(day), run, Long::sum);
        run = 0;
      }
    }

    public SectionFigures build() {
      flushDay();
      Map<String, Map<String, Long>> ordered = new LinkedHashMap<>();
      for (String field : GRADED_FIELDS) {
        Map<String, Long> values = counts.get(field);
        if (values != null) {
          List<String> keys = new ArrayList<>(values.keySet());
          keys.sort((a, b) -> Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b))
              : a.compareTo(b));
          Map<String, Long> sorted = new LinkedHashMap<>();
          keys.forEach(k -> sorted.put(k, values.get(k)));
          ordered.put(field, Collections.unmodifiableMap(sorted));
        }
      }
      return new SectionFigures(Collections.unmodifiableMap(ordered),
          Collections.unmodifiableSortedMap(new TreeMap<>(perDay)), List.copyOf(fields));
    }

    private static int rank(String value) {
      int i = LEVELS.indexOf(value);
      return i < 0 ? LEVELS.size() : i;
    }
  }
}
