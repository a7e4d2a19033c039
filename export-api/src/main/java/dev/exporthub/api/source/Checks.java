package dev.exporthub.api.source;

import dev.exporthub.api.InvalidDataException;
import java.util.ArrayList;
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

  /** A deep, sorted, unmodifiable copy of JSON-like values: text, booleans, finite numbers, lists, maps. */
  static Map<String, Object> attributes(String type, String id, Map<String, ?> values) {
    if (values == null || values.isEmpty()) {
      return Map.of();
    }
    return sortedMap(type, id, "attributes", values);
  }

  private static Map<String, Object> sortedMap(String type, String id, String path, Map<?, ?> values) {
    TreeMap<String, Object> copy = new TreeMap<>();
    values.forEach((key, value) -> {
      if (!(key instanceof String name)) {
        throw new InvalidDataException(type, id, path, "keys must be strings, found " + key);
      }
      copy.put(name, value(type, id, path + "." + name, value));
    });
    return Collections.unmodifiableMap(copy);
  }

  private static Object value(String type, String id, String path, Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Number number) {
      double d = number.doubleValue();
      if (!Double.isFinite(d)) {
        throw new InvalidDataException(type, id, path, "must be a finite number, was " + d);
      }
      return d;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(value(type, id, path + "[" + i + "]", list.get(i)));
      }
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof Map<?, ?> map) {
      return sortedMap(type, id, path, map);
    }
    throw new InvalidDataException(type, id, path,
        "must be text, a boolean, a number, a list or a map, found " + value.getClass().getSimpleName());
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
