package dev.exporthub.testkit;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.SourceQuery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The same content in another order: records handed out shuffled by a source that declares
 * itself unordered, and maps that promise no order ({@link HashMap}) in place of sorted ones,
 * built so that their iteration order differs from the sorted one wherever it can.
 */
final class Reordering {

  private static final int[] CAPACITIES = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

  private Reordering() {
  }

  /** A source that hands out the records in the given order and declares itself unordered. */
  static OperationalDataSource unorderedSource(List<SourceRecord> records, long seed) {
    List<SourceRecord> shuffled = new ArrayList<>(records);
    Collections.shuffle(shuffled, new Random(seed));
    List<SourceRecord> frozen = List.copyOf(shuffled);
    return new OperationalDataSource() {
      @Override
      public Stream<? extends SourceRecord> records(SourceType type, SourceQuery query) {
        return frozen.stream().filter(r -> r.type() == type);
      }
    };
  }

  /** The bundle with every nested map of its items' data replaced by a {@link HashMap} of the same entries. */
  static ExportBundle unorderedMaps(ExportBundle bundle, long seed) {
    List<ExportSection> sections = new ArrayList<>();
    for (ExportSection s : bundle.sections()) {
      Supplier<Stream<ExportItem>> items =
          () -> s.items().map(item -> reorder(item, new Random(seed ^ item.itemId().hashCode())));
      // The same items, so the same figures: a writer may draw them.
      sections.add(s.figures().map(f -> ExportSection.streamed(s.kind(), s.summary(), s.itemCount(), s.generatedAt(),
          items, f)).orElseGet(() -> ExportSection.streamed(s.kind(), s.summary(), s.itemCount(), s.generatedAt(),
          items)));
    }
    return new ExportBundle(bundle.bundleId(), bundle.exportId(), bundle.title(), bundle.description(),
        bundle.category(), bundle.format(), bundle.scope(), bundle.timeRange(), sections, bundle.references(),
        bundle.metadata());
  }

  private static ExportItem reorder(ExportItem item, Random random) {
    // The top level keeps its order: a record's fields come in a fixed, meaningful order.
    Map<String, Object> data = new LinkedHashMap<>();
    item.data().forEach((key, value) -> data.put(key, nested(value, random)));
    return new ExportItem(item.itemId(), item.itemType(), item.timestamp(), Collections.unmodifiableMap(data),
        item.references());
  }

  private static Object nested(Object value, Random random) {
    if (value instanceof Map<?, ?> map) {
      List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
      List<Object> sortedKeys = new ArrayList<>();
      entries.forEach(e -> sortedKeys.add(e.getKey()));
      HashMap<Object, Object> chosen = null;
      int start = random.nextInt(CAPACITIES.length);
      for (int k = 0; k < CAPACITIES.length; k++) {
        Collections.shuffle(entries, random);
        HashMap<Object, Object> candidate = new HashMap<>(CAPACITIES[(start + k) % CAPACITIES.length]);
        for (Map.Entry<?, ?> e : entries) {
          candidate.put(e.getKey(), nested(e.getValue(), random));
        }
        chosen = candidate;
        if (!new ArrayList<>(candidate.keySet()).equals(sortedKeys)) {
          break;
        }
      }
      return chosen;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(element -> copy.add(nested(element, random)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }
}
