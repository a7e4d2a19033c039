package dev.exporthub.api;

import dev.exporthub.api.source.SourceType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bundle's references object: for each of the ten sources, the sorted ids of its records that
 * the bundle includes (SLA records add their alert or task ids). Every source has a key, possibly
 * with no ids. Immutable.
 */
public final class References {

  private final Map<SourceType, List<String>> ids;

  private References(Map<SourceType, List<String>> ids) {
    this.ids = ids;
  }

  /** References from per-source ids, which are copied, de-duplicated and sorted. */
  public static References of(Map<SourceType, ? extends java.util.Collection<String>> bySource) {
    EnumMap<SourceType, List<String>> copy = new EnumMap<>(SourceType.class);
    for (SourceType type : SourceType.values()) {
      var given = bySource.get(type);
      List<String> sorted = given == null ? new ArrayList<>() : new ArrayList<>(new java.util.TreeSet<>(given));
      copy.put(type, Collections.unmodifiableList(sorted));
    }
    return new References(copy);
  }

  /**
   * References from lists that are already sorted and free of duplicates, kept as they are rather
   * than copied (a million ids cost no second copy). The caller must not change the lists afterwards.
   *
   * @throws IllegalArgumentException when a list is not strictly ascending
   */
  public static References ofSorted(Map<SourceType, List<String>> bySource) {
    EnumMap<SourceType, List<String>> lists = new EnumMap<>(SourceType.class);
    for (SourceType type : SourceType.values()) {
      List<String> given = bySource.getOrDefault(type, List.of());
      for (int i = 1; i < given.size(); i++) {
        if (given.get(i - 1).compareTo(given.get(i)) >= 0) {
          throw new IllegalArgumentException("ids of " + type.id() + " are not strictly ascending at '"
              + given.get(i) + "'");
        }
      }
      lists.put(type, Collections.unmodifiableList(given));
    }
    return new References(lists);
  }

  /** References with no ids at all. */
  public static References empty() {
    return of(Map.of());
  }

  /** The sorted ids of one source; never null. */
  public List<String> ids(SourceType type) {
    return ids.get(type);
  }

  /** All ten keys ({@link SourceType#referencesKey()}) in phase order, each with its sorted ids. */
  public Map<String, List<String>> asMap() {
    LinkedHashMap<String, List<String>> map = new LinkedHashMap<>();
    ids.forEach((type, list) -> map.put(type.referencesKey(), list));
    return Collections.unmodifiableMap(map);
  }

  /** How many ids in total. */
  public long size() {
    return ids.values().stream().mapToLong(List::size).sum();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof References that && ids.equals(that.ids);
  }

  @Override
  public int hashCode() {
    return ids.hashCode();
  }

  @Override
  public String toString() {
    return "References" + asMap();
  }
}
