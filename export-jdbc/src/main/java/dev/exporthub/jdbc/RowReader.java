package dev.exporthub.jdbc;

import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.source.SourceRecord;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one row of a source's query into its record, the columns in the order of
 * {@link JdbcDataSource}'s select list. A row the record refuses (a NULL in a required column, a
 * NaN, JSON that is not an array of ids or an object) is an {@link InvalidDataException} naming the
 * table, the row's id and the column, as a data file's errors name the file, line and field.
 */
final class RowReader {

  private final SourceMapping mapping;
  private final List<SourceMapping.Field> fields;
  private final Constructor<? extends SourceRecord> constructor;
  private final int idColumn; // 1-based position of the id in the select list
  private final String source;

  RowReader(SourceMapping mapping) {
    this.mapping = mapping;
    this.fields = mapping.fields();
    this.source = "table " + mapping.table();
    Class<?>[] types = fields.stream().map(SourceMapping.Field::javaType).toArray(Class<?>[]::new);
    try {
      this.constructor = mapping.type().recordType().getConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("record without canonical constructor: " + mapping.type().recordType(), e);
    }
    this.idColumn = position(mapping.type().idField());
  }

  /** The mapped fields, in select-list order. */
  List<SourceMapping.Field> selected() {
    return fields.stream().filter(f -> f.column() != null).toList();
  }

  private int position(String field) {
    return selected().indexOf(mapping.field(field)) + 1;
  }

  SourceRecord read(ResultSet row) throws SQLException {
    String id = row.getString(idColumn);
    Object[] args = new Object[fields.size()];
    int column = 0;
    for (int i = 0; i < fields.size(); i++) {
      SourceMapping.Field field = fields.get(i);
      if (field.column() != null) {
        args[i] = value(row, ++column, field, id);
        if (args[i] == null && field.required() && !field.name().equals("metrics")) {
          throw new InvalidDataException(source, id, field.column(), "is NULL, but " + field.name() + " is required");
        }
      }
    }
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof InvalidDataException invalid) {
        throw new InvalidDataException(source, id, columnOf(invalid.field()), invalid.problem(), invalid);
      }
      throw new IllegalStateException("constructing a " + mapping.type().id() + " record failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("constructing a " + mapping.type().id() + " record failed", e);
    }
  }

  /** The column of a record's field as a record's check names it; other names as they are. */
  private String columnOf(String field) {
    if (field == null) {
      return null;
    }
    return fields.stream().filter(f -> f.name().equals(field) && f.column() != null).map(SourceMapping.Field::column)
        .findFirst().orElse(field);
  }

  private Object value(ResultSet row, int column, SourceMapping.Field field, String id) throws SQLException {
    Class<?> type = field.javaType();
    if (type == String.class) {
      return row.getString(column);
    }
    if (type == Instant.class) {
      OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
      return time == null ? null : time.toInstant();
    }
    if (type == double.class) {
      double value = row.getDouble(column);
      return row.wasNull() ? null : value;
    }
    if (type == int.class) {
      long value = row.getLong(column);
      if (row.wasNull()) {
        return null;
      }
      if (value != (int) value) {
        throw new InvalidDataException(source, id, field.column(), "must be a whole number of at most "
            + Integer.MAX_VALUE + ", was " + value);
      }
      return (int) value;
    }
    String json = row.getString(column);
    if (json == null) {
      return null;
    }
    Object parsed;
    try {
      parsed = Jsonb.parse(json);
    } catch (IllegalArgumentException e) {
      throw new InvalidDataException(source, id, field.column(), e.getMessage());
    }
    if (type == List.class) {
      if (!(parsed instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
        throw new InvalidDataException(source, id, field.column(), "must be a JSON array of ids (text)");
      }
      return new ArrayList<>(list);
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new InvalidDataException(source, id, field.column(), "must be a JSON object");
    }
    if (field.name().equals("metrics")) {
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getValue() instanceof Number number)) {
          throw new InvalidDataException(source, id, field.column() + "." + e.getKey(), "must be a number");
        }
        metrics.put((String) e.getKey(), number.doubleValue());
      }
      return metrics;
    }
    return map;
  }
}
