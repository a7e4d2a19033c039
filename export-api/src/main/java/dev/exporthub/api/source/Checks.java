package dev.exporthub.api.source;

import dev.exporthub.api.InvalidDataException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
    List<String> copy = new ArrayList<>(values.size());
    for (String value : values) {
      if (value == null || value.isBlank()) {
        throw new InvalidDataException(type, id, field, "must not contain a blank id");
      }
      copy.add(value);
    }
    return Collections.unmodifiableList(copy);
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
    private final LinkedHashMap<String, Object> map = new LinkedHashMap<>(16);

    Fields put(String key, Object value) {
      if (value != null) {
        map.put(key, value);
      }
      return this;
    }

    Map<String, Object> common(SourceRecord record) {
      put("tenantId", record.tenantId());
      put("facilityId", record.facilityId());
      if (!record.attributes().isEmpty()) {
        map.put("attributes", record.attributes());
      }
      return Collections.unmodifiableMap(map);
    }
  }
}
