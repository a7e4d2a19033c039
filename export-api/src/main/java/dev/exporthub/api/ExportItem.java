package dev.exporthub.api;

import dev.exporthub.api.source.FieldMap;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One item of a bundle section: a source record, or a derived SLA record.
 *
 * @param itemId     the item's id (the record's id; {@code alert:{id}} or {@code task:{id}} for SLA records)
 * @param itemType   e.g. {@code audit-finding} or {@code sla-record}
 * @param timestamp  the instant that placed the item in the time range
 * @param data       every field of the record in a fixed order (absent optional fields left out);
 *                   keys are strings, values {@linkplain ItemValue item values}; the map keeps its
 *                   own iteration order (so give it one: a {@code LinkedHashMap}, a record's
 *                   {@code fields()}), every map inside it is sorted by key; unmodifiable
 * @param references ids of related items, in the source's order; unmodifiable
 */
public record ExportItem(String itemId, String itemType, Instant timestamp, Map<String, Object> data, List<String> references) {

  /** The order of a section's items: by timestamp, then item id. */
  public static final Comparator<ExportItem> ORDER =
      Comparator.comparing(ExportItem::timestamp).thenComparing(ExportItem::itemId);

  /**
   * Checks the item; see the parameter list.
   *
   * @throws InvalidDataException naming the item type, id and field, for data outside the
   *         {@linkplain ItemValue domain} (the item type stands for the source in the error)
   */
  public ExportItem {
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(itemType, "itemType");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(data, "data");
    // A record's fields() were checked by its constructor: taken as they are, on every item of
    // every export. Any other map is checked and copied, value by value.
    data = data instanceof FieldMap fields ? fields : FieldMap.copyOf(itemType, itemId, data);
    references = references == null ? List.of() : List.copyOf(references);
  }
}
