package dev.exporthub.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.NumberOutput;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.InvalidDataException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How every writer turns item data into text or JSON, so the four formats agree on each value.
 *
 * <p>Supported values: text ({@link CharSequence}, {@link Character}), {@link Boolean}, integral
 * numbers, {@link Double}, {@link Float}, {@link BigDecimal}, {@link BigInteger}, {@link Instant}
 * (ISO-8601 UTC), other {@code java.time} values and {@link UUID} (their ISO {@code toString}),
 * enums (their name), and maps, collections and arrays of these. Anything else is refused: its text
 * could depend on the JVM run.
 *
 * <p>Determinism: doubles use Jackson's shortest-representation writer (identical on every JDK,
 * unlike {@link Double#toString} before JDK 19); maps and sets whose class promises no iteration
 * order ({@link HashMap}, {@code Map.of}, ...) are written sorted by key text; every other map and
 * collection in its own iteration order. Unpaired surrogates, which UTF-8 cannot encode, become
 * U+FFFD.
 */
final class DataValues {

  private DataValues() {
  }

  /** An instant as ISO-8601 UTC, e.g. {@code 2026-01-31T12:00:00Z}: {@link DateTimeFormatter#ISO_INSTANT}'s text. */
  static String instant(Instant instant) {
    return IsoInstant.format(instant);
  }

  /** Writes an instant as an ISO-8601 UTC string value, without making a {@code String} of it. */
  static void writeInstant(JsonGenerator generator, Instant instant) throws IOException {
    char[] text = new char[IsoInstant.MAX_LENGTH];
    int length = IsoInstant.write(instant, text, 0);
    if (length < 0) {
      generator.writeString(IsoInstant.format(instant));
    } else {
      generator.writeString(text, 0, length);
    }
  }

  /** {@code text} with every unpaired surrogate replaced by U+FFFD. */
  static String wellFormed(String text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return repairSurrogates(text, i);
      }
    }
    return text;
  }

  private static String repairSurrogates(String text, int from) {
    StringBuilder s = new StringBuilder(text.length()).append(text, 0, from);
    int n = text.length();
    for (int i = from; i < n; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
        s.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        s.append('\uFFFD');
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }

  /**
   * The text of one data value: scalars as described above, maps, collections and arrays as
   * compact JSON.
   *
   * @throws IllegalArgumentException on an unsupported value type
   */
  static String text(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof CharSequence || value instanceof Character) {
      return wellFormed(value.toString());
    }
    if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Object[]) {
      return compactJson(value);
    }
    return scalarText(value);
  }

  /**
   * {@link DataValues#text} for many values in a row, as a writer renders items: nested values go
   * through one compact JSON generator kept for the whole export instead of a new generator and
   * writer for each. Not thread-safe; one per export.
   */
  static final class Texts {
    private final StringBuilder json = new StringBuilder(256);
    private final Writer sink = new Writer() {
      @Override
      public void write(char[] text, int offset, int length) {
        json.append(text, offset, length);
      }

      @Override
      public void write(String text, int offset, int length) {
        json.append(text, offset, offset + length);
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    private JsonGenerator generator;

    /** Exactly {@link DataValues#text}{@code (value)}. */
    String text(Object value) {
      if (value instanceof String text) {
        return wellFormed(text);
      }
      if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Object[]) {
        return compact(value);
      }
      return DataValues.text(value);
    }

    private String compact(Object value) {
      json.setLength(0);
      if (appendJson(value, json)) {
        return json.toString();
      }
      json.setLength(0);
      try {
        if (generator == null) {
          generator = Json.compactGenerator(sink);
          // Each value is a root value of its own, with nothing between them.
          generator.setRootValueSeparator(null);
        }
        writeJson(generator, value);
        generator.flush();
      } catch (StreamConstraintsException e) {
        generator = null;
        throw tooDeep(e);
      } catch (IOException e) {
        throw new UncheckedIOException("A StringBuilder does not fail", e);
      } catch (RuntimeException e) {
        // An unsupported value left the generator inside a container: never reuse it.
        generator = null;
        throw e;
      }
      return json.toString();
    }
  }

  /**
   * Appends the compact JSON of the common values (text, booleans, integral numbers, finite
   * doubles, instants, maps, collections and arrays of these) exactly as the Jackson generator of
   * {@link #compactJson} writes them, without its per-call overhead.
   *
   * @return {@code false} when the value holds anything else: the caller then writes it with
   *         Jackson (what was appended is to be discarded)
   */
  private static boolean appendJson(Object value, StringBuilder into) {
    return appendJson(value, into, 0);
  }

  /**
   * Jackson's limit on nesting ({@code StreamWriteConstraints.DEFAULT_MAX_DEPTH}): deeper values go
   * to Jackson, which refuses them exactly as every other path does.
   */
  private static final int MAX_DEPTH = StreamWriteConstraints.DEFAULT_MAX_DEPTH;

  private static boolean appendJson(Object value, StringBuilder into, int depth) {
    if (value instanceof String text) {
      quote(wellFormed(text), into);
    } else if (value == null) {
      into.append("null");
    } else if (value instanceof Boolean b) {
      into.append(b ? "true" : "false");
    } else if (isIntegral(value)) {
      into.append(((Number) value).longValue());
    } else if (value instanceof Double d) {
      if (!Double.isFinite(d)) {
        return false;
      }
      into.append(NumberOutput.toString(d, true));
    } else if (value instanceof Instant instant) {
      // ISO-8601 text needs no escaping.
      into.append('"').append(instant(instant)).append('"');
    } else if (depth >= MAX_DEPTH && (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Object[])) {
      return false;
    } else if (value instanceof Map<?, ?> map) {
      into.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : orderedEntries(map)) {
        if (!first) {
          into.append(',');
        }
        first = false;
        quote(key(entry), into);
        into.append(':');
        if (!appendJson(entry.getValue(), into, depth + 1)) {
          return false;
        }
      }
      into.append('}');
    } else if (value instanceof Collection<?> || value instanceof Object[]) {
      into.append('[');
      boolean first = true;
      for (Object element : value instanceof List<?> list ? list : elements(value)) {
        if (!first) {
          into.append(',');
        }
        first = false;
        if (!appendJson(element, into, depth + 1)) {
          return false;
        }
      }
      into.append(']');
    } else {
      return false;
    }
    return true;
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** A JSON string as Jackson escapes it: quotes, backslashes and control characters; nothing else. */
  private static void quote(String text, StringBuilder into) {
    into.append('"');
    int start = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      into.append(text, start, i).append('\\');
      switch (c) {
        case '"', '\\' -> into.append(c);
        case '\b' -> into.append('b');
        case '\t' -> into.append('t');
        case '\f' -> into.append('f');
        case '\n' -> into.append('n');
        case '\r' -> into.append('r');
        default -> into.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
      start = i + 1;
    }
    into.append(text, start, length).append('"');
  }

  private static String scalarText(Object value) {
    if (value instanceof Boolean b) {
      return b ? "true" : "false";
    }
    if (isIntegral(value)) {
      return Long.toString(((Number) value).longValue());
    }
    if (value instanceof Double d) {
      return NumberOutput.toString(d, true);
    }
    if (value instanceof Float f) {
      return NumberOutput.toString(f, true);
    }
    if (value instanceof BigDecimal || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof Instant i) {
      return instant(i);
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    // java.time values print ISO-8601 without any locale; UUIDs are fixed hex.
    if (value instanceof UUID || (value instanceof TemporalAccessor || value instanceof TemporalAmount)
        && value.getClass().getName().startsWith("java.time.")) {
      return value.toString();
    }
    throw unsupported(value);
  }

  private static boolean isIntegral(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte;
  }

  /** A value as compact JSON (no spaces), the form of nested values in the text formats. */
  static String compactJson(Object value) {
    StringWriter text = new StringWriter();
    try (var generator = Json.compactGenerator(text)) {
      writeJson(generator, value);
    } catch (StreamConstraintsException e) {
      throw tooDeep(e);
    } catch (IOException e) {
      throw new UncheckedIOException("A StringWriter does not fail", e);
    }
    return text.toString();
  }

  private static IllegalArgumentException tooDeep(StreamConstraintsException e) {
    return new IllegalArgumentException("a nested value deeper than " + MAX_DEPTH + " levels (" + e.getOriginalMessage() + ")", e);
  }

  /**
   * Writes one data value with {@code generator}.
   *
   * @throws IllegalArgumentException on an unsupported value type
   */
  static void writeJson(JsonGenerator generator, Object value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else if (value instanceof String text) {
      generator.writeString(wellFormed(text));
    } else if (value instanceof Instant instant) {
      writeInstant(generator, instant);
    } else if (value instanceof CharSequence || value instanceof Character) {
      generator.writeString(wellFormed(value.toString()));
    } else if (value instanceof Boolean b) {
      generator.writeBoolean(b);
    } else if (isIntegral(value)) {
      generator.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double d) {
      generator.writeNumber(d);
    } else if (value instanceof Float f) {
      generator.writeNumber(f);
    } else if (value instanceof BigDecimal d) {
      generator.writeNumber(d);
    } else if (value instanceof BigInteger i) {
      generator.writeNumber(i);
    } else if (value instanceof Map<?, ?> map) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> entry : orderedEntries(map)) {
        generator.writeFieldName(key(entry));
        writeJson(generator, entry.getValue());
      }
      generator.writeEndObject();
    } else if (value instanceof Collection<?> || value instanceof Object[]) {
      generator.writeStartArray();
      for (Object element : elements(value)) {
        writeJson(generator, element);
      }
      generator.writeEndArray();
    } else {
      generator.writeString(scalarText(value));
    }
  }

  /**
   * The entries of a map in writing order: the map's own entries when it has an iteration order,
   * else (as {@link #entries}) sorted by key. Read each key with {@link #key}.
   */
  static Iterable<? extends Map.Entry<?, ?>> orderedEntries(Map<?, ?> map) {
    return hasNoOrder(map) ? entries(map) : map.entrySet();
  }

  /** An entry's key as well-formed text. */
  static String key(Map.Entry<?, ?> entry) {
    Object key = entry.getKey();
    return wellFormed(key instanceof String text ? text : String.valueOf(key));
  }

  /**
   * The entries of a map in writing order, keys as well-formed text: iteration order, or sorted by
   * key when the map's class promises no order.
   */
  static List<Map.Entry<String, Object>> entries(Map<?, ?> map) {
    List<Map.Entry<String, Object>> list = new ArrayList<>(map.size());
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      list.add(new AbstractMap.SimpleImmutableEntry<>(wellFormed(String.valueOf(entry.getKey())), entry.getValue()));
    }
    if (hasNoOrder(map)) {
      list.sort(Map.Entry.comparingByKey());
    }
    return list;
  }

  /** The elements of a collection or array in writing order (see {@link #entries}). */
  static List<Object> elements(Object collectionOrArray) {
    List<Object> list = collectionOrArray instanceof Object[] array
        ? new ArrayList<>(Arrays.asList(array))
        : new ArrayList<>((Collection<?>) collectionOrArray);
    if (hasNoOrder(collectionOrArray)) {
      list.sort(Comparator.comparing(DataValues::text));
    }
    return list;
  }

  /** Whether a container's class promises no iteration order; a function of the class alone, so cached. */
  private static final ClassValue<Boolean> NO_ORDER = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return hasNoOrder(type);
    }
  };

  private static boolean hasNoOrder(Object container) {
    return container instanceof Object[] ? false : NO_ORDER.get(container.getClass());
  }

  private static boolean hasNoOrder(Class<?> type) {
    if (List.class.isAssignableFrom(type) || SortedMap.class.isAssignableFrom(type)
        || SortedSet.class.isAssignableFrom(type) || LinkedHashMap.class.isAssignableFrom(type)
        || LinkedHashSet.class.isAssignableFrom(type)) {
      return false;
    }
    return type == HashMap.class || type == HashSet.class || type == Hashtable.class
        || type == WeakHashMap.class || type == IdentityHashMap.class || type == ConcurrentHashMap.class
        || ConcurrentHashMap.KeySetView.class.isAssignableFrom(type)
        // Map.of, Set.of and their copyOf: iteration order changes from one JVM run to the next.
        || type.getName().startsWith("java.util.ImmutableCollections$");
  }

  private static IllegalArgumentException unsupported(Object value) {
    return new IllegalArgumentException("unsupported data value type " + value.getClass().getName()
        + " (use text, booleans, numbers, instants, lists or maps)");
  }

  /** The typed error for a data value no writer can render. */
  static InvalidDataException invalid(ExportItem item, String key, IllegalArgumentException cause) {
    return new InvalidDataException(item.itemType(), item.itemId(), key, cause.getMessage(), cause);
  }
}
