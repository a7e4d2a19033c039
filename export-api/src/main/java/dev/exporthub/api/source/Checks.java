package dev.exporthub.api.source;

import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.ItemValue;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Validation and defensive copies shared by the source records' compact constructors. */
final class Checks {

  private Checks() {}

  static String id(String type, String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidDataException(type, null, field, "must not be blank");
    }
    return value;
  }

  static <T> T required(String type, String id, String field, T value) {
    if (value == null) {
      throw new InvalidDataException(type, id, field, "must not be null");
    }
    return value;
  }

  static String text(String type, String id, String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidDataException(type, id, field, "must not be blank");
    }
    return value;
  }

  static String optionalText(String type, String id, String field, String value) {
    if (value != null && value.isBlank()) {
      throw new InvalidDataException(type, id, field, "must not be blank when present");
    }
    return value;
  }

  /** A required enumerated value, normalised to lower case. */
  static String level(String type, String id, String field, String value) {
    return text(type, id, field, value).toLowerCase(Locale.ROOT);
  }

  static double finite(String type, String id, String field, double value) {
    if (!Double.isFinite(value)) {
      throw new InvalidDataException(type, id, field, "must be a finite number, was " + value);
    }
    return value;
  }

  static int count(String type, String id, String field, int value) {
    if (value < 0) {
      throw new InvalidDataException(type, id, field, "must not be negative, was " + value);
    }
    return value;
  }

  static List<String> ids(String type, String id, String field, List<String> values) {
    if (values == null || values.isEmpty()) {
      return List.of();
    }
    for (String value : values) {
      if (value == null || value.isBlank()) {
        throw new InvalidDataException(type, id, field, "must not contain a blank id");
      }
    }
    // An immutable list, which ExportItem's List.copyOf keeps as it is.
    return List.copyOf(values);
  }

  static Map<String, Double> metrics(String type, String id, String field, Map<String, ? extends Number> values) {
    if (values == null || values.isEmpty()) {
      return Map.of();
    }
    TreeMap<String, Double> copy = new TreeMap<>();
    values.forEach((key, value) -> {
      if (key == null) {
        throw new InvalidDataException(type, id, field, "must not have a null key");
      }
      if (value == null) {
        throw new InvalidDataException(type, id, field + "." + key, "must not be null");
      }
      copy.put(key, finite(type, id, field + "." + key, value.doubleValue()));
    });
    return Collections.unmodifiableMap(copy);
  }

  /**
   * A deep, sorted, unmodifiable copy of an engine's raw fields: JSON values, numbers widened to
   * {@code Long} or finite {@code Double} ({@link ItemValue#copyOfJson}).
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> attributes(String type, String id, Map<String, ?> values) {
    if (values == null || values.isEmpty()) {
      return Map.of();
    }
    return (Map<String, Object>) ItemValue.copyOfJson(type, id, "attributes", values);
  }

  /** Builds a record's {@link SourceRecord#fields()} map, leaving out absent values. */
  static final class Fields {
    /** Room for every record type's fields and the three common ones. */
    private static final int CAPACITY = 16;

    private Object[] slots = new Object[2 * CAPACITY];
    private int size;

    Fields put(String key, Object value) {
      if (value != null) {
        if (2 * size == slots.length) {
          slots = Arrays.copyOf(slots, 2 * slots.length);
        }
        slots[2 * size] = key;
        slots[2 * size + 1] = value;
        size++;
      }
      return this;
    }

    Map<String, Object> common(SourceRecord record) {
      put("tenantId", record.tenantId());
      put("facilityId", record.facilityId());
      if (!record.attributes().isEmpty()) {
        put("attributes", record.attributes());
      }
      return new FieldMap(slots, size);
    }
  }
}
