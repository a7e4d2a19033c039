package dev.exporthub.samples;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the data-directory files back with Jackson, independently of the module's encoder: each
 * line becomes a map, and the map becomes a record through the record's canonical constructor.
 */
final class JsonRecords {

  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonRecords() {}

  /** The lines of a JSON Lines file, each parsed as an object with its keys in file order. */
  static List<Map<String, Object>> readObjects(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<Map<String, Object>> objects = new ArrayList<>();
    if (text.isEmpty()) {
      return objects;
    }
    if (!text.endsWith("\n")) {
      throw new AssertionError(file + " does not end with a line feed");
    }
    for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
      objects.add(readObject(line));
    }
    return objects;
  }

  static Map<String, Object> readObject(String json) throws IOException {
    LinkedHashMap<String, Object> map = new LinkedHashMap<>();
    MAPPER.readerForUpdating(map).readValue(json);
    return map;
  }

  /** The record of {@code type} with the components named in {@code object}; absent ones null. */
  static SourceRecord toRecord(SourceType type, Map<String, Object> object) {
    RecordComponent[] components = type.recordType().getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] arguments = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      types[i] = component.getType();
      Object value = object.get(component.getName());
      if (types[i] == Instant.class) {
        arguments[i] = value == null ? null : Instant.parse((String) value);
      } else if (types[i] == double.class) {
        if (!(value instanceof Double)) {
          throw new AssertionError(component.getName() + " is not written as a floating-point number: " + value);
        }
        arguments[i] = value;
      } else if (types[i] == int.class) {
        arguments[i] = ((Number) value).intValue();
      } else {
        arguments[i] = value;
      }
    }
    try {
      Constructor<? extends SourceRecord> constructor = type.recordType().getDeclaredConstructor(types);
      return constructor.newInstance(arguments);
    } catch (InvocationTargetException e) {
      throw new AssertionError("Cannot rebuild a " + type + " from " + object, e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** The value of every component of a record, by name, in declaration order. */
  static Map<String, Object> components(SourceRecord record) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      try {
        values.put(component.getName(), component.getAccessor().invoke(record));
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    return values;
  }
}
