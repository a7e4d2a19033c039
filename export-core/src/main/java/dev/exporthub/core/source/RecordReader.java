package dev.exporthub.core.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.core.internal.Json;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one JSON object into a source record, by the record's own components: the camelCase
 * field names of {@code docs/SPECIFICATION.md} §2.3 plus {@code tenantId}, {@code facilityId},
 * {@code relatedIds} and {@code attributes} (§2.4). Unknown fields are refused, so a misspelt field
 * is never silently dropped. Every error names the file and line, the record id and the field.
 */
final class RecordReader {

  private final SourceType type;
  private final RecordComponent[] components;
  private final Constructor<? extends SourceRecord> constructor;
  private final Set<String> names = new LinkedHashSet<>();
  private final Kind[] kinds;
  private final Map<String, Integer> indexes = new HashMap<>();

  /** What a record component holds, by its declared type: how it is read and spilled. */
  enum Kind { STRING, INSTANT, DOUBLE, INT, IDS, METRICS, VALUES }

  /** The quick path's answer for "leave this record to the careful path". */
  private static final Object GIVE_UP = new Object();

  RecordReader(SourceType type) {
    this.type = type;
    this.components = type.recordType().getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    kinds = new Kind[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      names.add(components[i].getName());
      indexes.put(components[i].getName(), i);
      kinds[i] = kind(components[i]);
    }
    try {
      this.constructor = type.recordType().getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("record without canonical constructor: " + type.recordType(), e);
    }
  }

  /**
   * A record text of a data file, parsed strictly; {@code file} names the file for errors. A
   * well-formed record takes the quick path; anything else, and anything the quick path is unsure
   * of, the careful one, which builds the tree and names the problem.
   */
  SourceRecord read(RecordTexts.RecordText text, String file) {
    SourceRecord quick = quick(text.bytes());
    return quick != null ? quick : read(StrictJson.parse(text, file), file + ":" + text.line());
  }

  /**
   * The record of a text read token by token, without a tree, or {@code null} to leave it to the
   * careful path: on anything unusual (a field twice, an unknown field, a value of another type, a
   * missing required field, a number too large, a record its constructor refuses, any JSON error).
   * What it returns is what the careful path would: the same values into the same constructor.
   */
  SourceRecord quick(byte[] bytes) {
    try (JsonParser parser = StrictJson.quickParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Object[] args = new Object[components.length];
      boolean[] seen = new boolean[components.length];
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
        Integer index = indexes.get(parser.currentName());
        if (index == null || seen[index]) {
          return null;
        }
        seen[index] = true;
        parser.nextToken();
        Object value = quickValue(kinds[index], parser);
        if (value == GIVE_UP) {
          return null;
        }
        args[index] = value;
      }
      if (parser.nextToken() != null) {
        return null;
      }
      for (int i = 0; i < components.length; i++) {
        if (args[i] == null && (kinds[i] == Kind.DOUBLE || kinds[i] == Kind.INT)) {
          return null;
        }
      }
      return constructor.newInstance(args);
    } catch (IOException | ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** The quick path's value of a component whose first token is current, or {@link #GIVE_UP}. */
  private static Object quickValue(Kind kind, JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return kind == Kind.DOUBLE || kind == Kind.INT ? GIVE_UP : null;
    }
    switch (kind) {
      case STRING:
        return token == JsonToken.VALUE_STRING ? parser.getText() : GIVE_UP;
      case INSTANT:
        return token == JsonToken.VALUE_STRING ? IsoInstants.parse(parser.getText()) : GIVE_UP;
      case DOUBLE:
        return token.isNumeric() && smallNumber(parser) ? (Object) parser.getDoubleValue() : GIVE_UP;
      case INT:
        return token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT
            ? (Object) parser.getIntValue() : GIVE_UP;
      case IDS: {
        if (token != JsonToken.START_ARRAY) {
          return GIVE_UP;
        }
        List<String> ids = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          if (t != JsonToken.VALUE_STRING) {
            return GIVE_UP;
          }
          ids.add(parser.getText());
        }
        return ids;
      }
      case METRICS: {
        if (token != JsonToken.START_OBJECT) {
          return GIVE_UP;
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String key = parser.currentName();
          JsonToken v = parser.nextToken();
          if (metrics.containsKey(key) || !v.isNumeric() || !smallNumber(parser)) {
            return GIVE_UP;
          }
          metrics.put(key, parser.getDoubleValue());
        }
        return metrics;
      }
      default:
        return token == JsonToken.START_OBJECT ? jsonValue(parser) : GIVE_UP;
    }
  }

  /**
   * A JSON value as {@code convertValue} would give it and {@link dev.exporthub.api.ItemValue#copyOfJson}
   * keep it: integers as {@code Long}, other numbers as {@code Double}; {@link #GIVE_UP} for a key
   * twice or a number beyond {@code long} or {@code double}.
   */
  private static Object jsonValue(JsonParser parser) throws IOException {
    switch (parser.currentToken()) {
      case VALUE_STRING:
        return parser.getText();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        if (!smallNumber(parser)) {
          return GIVE_UP;
        }
        return parser.currentToken() == JsonToken.VALUE_NUMBER_INT ? (Object) parser.getLongValue()
            : (Object) parser.getDoubleValue();
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          Object element = jsonValue(parser);
          if (element == GIVE_UP) {
            return GIVE_UP;
          }
          list.add(element);
        }
        return list;
      }
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String key = parser.currentName();
          parser.nextToken();
          Object element = jsonValue(parser);
          if (element == GIVE_UP || map.containsKey(key)) {
            return GIVE_UP;
          }
          map.put(key, element);
        }
        return map;
      }
      default:
        return GIVE_UP;
    }
  }

  /** An integer within {@code long}, or a floating-point number Jackson reads as a {@code double}. */
  private static boolean smallNumber(JsonParser parser) throws IOException {
    JsonParser.NumberType type = parser.getNumberType();
    return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG
        || type == JsonParser.NumberType.DOUBLE;
  }

  static Kind kind(RecordComponent component) {
    Class<?> t = component.getType();
    if (t == String.class) {
      return Kind.STRING;
    } else if (t == Instant.class) {
      return Kind.INSTANT;
    } else if (t == double.class) {
      return Kind.DOUBLE;
    } else if (t == int.class) {
      return Kind.INT;
    } else if (t == List.class) {
      return Kind.IDS;
    } else if (t == Map.class) {
      return component.getName().equals("metrics") ? Kind.METRICS : Kind.VALUES;
    }
    throw new IllegalStateException("unsupported field type " + t + " of " + component.getName());
  }

  /**
   * @param location where it came from, e.g. {@code alerts.jsonl:12}
   */
  SourceRecord read(JsonNode node, String location) {
    if (node == null || !node.isObject()) {
      throw new InvalidDataException(location, null, null, "expected a JSON object for a " + type.id() + " record");
    }
    JsonNode idNode = node.get(type.idField());
    String id = idNode != null && idNode.isTextual() ? idNode.asText() : null;
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!names.contains(field)) {
        throw new InvalidDataException(location, id, field, "unknown field; a " + type.id() + " record has: "
            + String.join(", ", names));
      }
    }
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      args[i] = value(components[i], node.get(components[i].getName()), location, id);
    }
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof InvalidDataException invalid) {
        throw new InvalidDataException(location, invalid.recordId(), invalid.field(), invalid.problem(), invalid);
      }
      throw new IllegalStateException("constructing a " + type.id() + " record failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("constructing a " + type.id() + " record failed", e);
    }
  }

  private static Object value(RecordComponent component, JsonNode node, String location, String id) {
    String field = component.getName();
    Class<?> t = component.getType();
    boolean absent = node == null || node.isNull();
    if (t == double.class) {
      if (absent || !node.isNumber()) {
        throw new InvalidDataException(location, id, field, absent ? "is required" : "must be a number");
      }
      return node.doubleValue();
    }
    if (t == int.class) {
      if (absent || !node.isIntegralNumber() || !node.canConvertToInt()) {
        throw new InvalidDataException(location, id, field, absent ? "is required" : "must be a whole number");
      }
      return node.intValue();
    }
    if (absent) {
      return null;
    }
    if (t == String.class) {
      if (!node.isTextual()) {
        throw new InvalidDataException(location, id, field, "must be text");
      }
      return node.asText();
    }
    if (t == Instant.class) {
      if (!node.isTextual()) {
        throw new InvalidDataException(location, id, field, "must be an ISO-8601 instant such as 2026-01-15T12:00:00Z");
      }
      try {
        return IsoInstants.parse(node.asText());
      } catch (DateTimeParseException e) {
        throw new InvalidDataException(location, id, field,
            "must be an ISO-8601 instant such as 2026-01-15T12:00:00Z, was '" + node.asText() + "'");
      }
    }
    if (t == List.class) {
      if (!node.isArray()) {
        throw new InvalidDataException(location, id, field, "must be an array of ids");
      }
      List<String> ids = new ArrayList<>(node.size());
      for (JsonNode element : node) {
        if (!element.isTextual()) {
          throw new InvalidDataException(location, id, field, "must be an array of ids (text)");
        }
        ids.add(element.asText());
      }
      return ids;
    }
    if (t == Map.class) {
      if (!node.isObject()) {
        throw new InvalidDataException(location, id, field, "must be a JSON object");
      }
      if (field.equals("metrics")) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          if (!e.getValue().isNumber()) {
            throw new InvalidDataException(location, id, field + "." + e.getKey(), "must be a number");
          }
          metrics.put(e.getKey(), e.getValue().doubleValue());
        }
        return metrics;
      }
      return Json.MAPPER.convertValue(node, Map.class);
    }
    throw new IllegalStateException("unsupported field type " + t + " of " + field);
  }
}
