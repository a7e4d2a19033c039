package dev.exporthub.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.core.internal.Json;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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

  RecordReader(SourceType type) {
    this.type = type;
    this.components = type.recordType().getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      names.add(components[i].getName());
    }
    try {
      this.constructor = type.recordType().getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("record without canonical constructor: " + type.recordType(), e);
    }
  }

  /** A record text of a data file, parsed strictly; {@code file} names the file for errors. */
  SourceRecord read(RecordTexts.RecordText text, String file) {
    return read(StrictJson.parse(text, file), file + ":" + text.line());
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
        return Instant.parse(node.asText());
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
