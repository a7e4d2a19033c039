package dev.exporthub.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values an {@link ExportItem}'s {@code data} may hold. This is the one place they are defined:
 * the content digest, every writer and the data-directory writer handle exactly these, each kind
 * by a switch over {@link Kind}, and nothing else can reach them.
 *
 * <table>
 *   <caption>The domain</caption>
 *   <tr><th>kind</th><th>Java class</th><th>what holds</th></tr>
 *   <tr><td>{@link Kind#NULL}</td><td>{@code null}</td><td>an absent value inside the data</td></tr>
 *   <tr><td>{@link Kind#STRING}</td><td>{@link String}</td><td>any text (a writer that cannot encode an
 *       unpaired surrogate writes U+FFFD in its place)</td></tr>
 *   <tr><td>{@link Kind#BOOLEAN}</td><td>{@link Boolean}</td><td></td></tr>
 *   <tr><td>{@link Kind#INTEGER}</td><td>{@link Integer}</td><td>the records' counts</td></tr>
 *   <tr><td>{@link Kind#LONG}</td><td>{@link Long}</td><td>integral attributes</td></tr>
 *   <tr><td>{@link Kind#DOUBLE}</td><td>{@link Double}</td><td>finite: never NaN or infinite;
 *       {@code -0.0} is not {@code 0.0}</td></tr>
 *   <tr><td>{@link Kind#INSTANT}</td><td>{@link Instant}</td><td>written as ISO-8601 UTC</td></tr>
 *   <tr><td>{@link Kind#LIST}</td><td>{@link List}</td><td>of item values, in its order</td></tr>
 *   <tr><td>{@link Kind#MAP}</td><td>{@link Map}</td><td>{@code String} keys (never null) to item
 *       values, sorted by key ({@link String#compareTo})</td></tr>
 * </table>
 *
 * <p>Lists and maps nest at most {@link #MAX_DEPTH} levels. {@code INTEGER} and {@code LONG} are one
 * number to every consumer: {@code 3} and {@code 3L} have the same digest and the same text. Nothing
 * else is an item value: not {@code Float}, {@code Short}, {@code Byte}, {@code BigDecimal},
 * {@code BigInteger} or any other {@code Number}; not {@code Character} or any other
 * {@code CharSequence}; not enums, {@code LocalDate} or other {@code java.time} values, arrays, sets
 * or other collections. Their text would be the writer's guess (or depend on the JVM run), so they
 * are refused where items are made rather than written some way.
 *
 * <p>Where it is enforced: {@link ExportItem}'s constructor passes every value of its data through
 * {@link #copyOf}, which returns an unmodifiable copy in which every map is sorted by key, whatever
 * order the map it was given has (a {@code HashMap} is welcome). So maps are sorted by key
 * everywhere, by construction, and consumers write and hash them in their iteration order. The data
 * map itself is the exception: it keeps its own order, which is the record's field order. The
 * records' own {@link dev.exporthub.api.source.SourceRecord#fields() fields} are built from values
 * their constructors already checked (record attributes through {@link #copyOfJson}), so an item
 * takes them as they are.
 */
public final class ItemValue {

  /**
   * How deeply lists and maps may nest: a list holding a list holding {@code 1} is two levels. Deep
   * enough for any record's data, and shallow enough that every consumer's recursion (the digest,
   * the writers, a reader of their JSON) stays far inside a thread's stack and inside Jackson's
   * 1,000 levels together with the bundle document's own nesting. It stops a list that holds itself.
   */
  public static final int MAX_DEPTH = 100;

  private static final String KINDS =
      "text, a boolean, an Integer, a Long, a finite Double, an Instant, a list, a map with text keys, or null";
  private static final String JSON_KINDS = "text, a boolean, a number, a list or a map";

  /** The kinds of item value, one a Java class; see the {@linkplain ItemValue table}. */
  public enum Kind {
    /** {@code null}. */
    NULL,
    /** A {@link String}. */
    STRING,
    /** A {@link Boolean}. */
    BOOLEAN,
    /** An {@link Integer}; the same number to consumers as the {@link #LONG} of its value. */
    INTEGER,
    /** A {@link Long}. */
    LONG,
    /** A finite {@link Double}. */
    DOUBLE,
    /** An {@link Instant}. */
    INSTANT,
    /** A {@link List} of item values. */
    LIST,
    /** A {@link Map} from {@code String} keys to item values, sorted by key. */
    MAP
  }

  private ItemValue() {}

  /**
   * The kind of a value, by its class alone: consumers switch over it. It does not look inside
   * lists and maps, nor at a double's value; {@link #copyOf} checks those where items are made.
   *
   * @throws IllegalArgumentException naming the class, for anything outside the domain
   */
  public static Kind kindOf(Object value) {
    Kind kind = kindOrNull(value);
    if (kind == null) {
      throw new IllegalArgumentException(value.getClass().getName() + " is not an item value (use " + KINDS + ")");
    }
    return kind;
  }

  /** The kind of a value, or {@code null} outside the domain; the commonest kinds tested first. */
  private static Kind kindOrNull(Object value) {
    if (value instanceof String) {
      return Kind.STRING;
    } else if (value == null) {
      return Kind.NULL;
    } else if (value instanceof Instant) {
      return Kind.INSTANT;
    } else if (value instanceof Double) {
      return Kind.DOUBLE;
    } else if (value instanceof Long) {
      return Kind.LONG;
    } else if (value instanceof Integer) {
      return Kind.INTEGER;
    } else if (value instanceof Boolean) {
      return Kind.BOOLEAN;
    } else if (value instanceof Map<?, ?>) {
      return Kind.MAP;
    } else if (value instanceof List<?>) {
      return Kind.LIST;
    }
    return null;
  }

  /**
   * Checks a whole value tree and returns it as an item holds it: scalars as they are, every list
   * an unmodifiable copy, every map an unmodifiable copy sorted by key.
   *
   * @param source what the value belongs to, for the error (an item type or a record type)
   * @param id     the item's or record's id, for the error
   * @param field  the field holding the value, for the error
   * @throws InvalidDataException naming the field (with the path inside it, e.g.
   *         {@code attributes.zones[2]}) and the offending class, for a value outside the domain, a
   *         non-finite double, a key that is not a string, or nesting deeper than {@link #MAX_DEPTH}
   */
  public static Object copyOf(String source, String id, String field, Object value) {
    return copy(source, id, field, value, false);
  }

  /**
   * {@link #copyOf} for a value parsed from JSON or handed over as an engine's raw attributes: any
   * integral {@code Byte}, {@code Short}, {@code Integer} or {@code Long} becomes a {@code Long}, any
   * other {@code Number} a finite {@code Double}; an {@code Instant} is refused, as JSON has none
   * (so what a data directory holds reads back equal).
   *
   * @throws InvalidDataException as {@link #copyOf} does
   */
  public static Object copyOfJson(String source, String id, String field, Object value) {
    return copy(source, id, field, value, true);
  }

  private static Object copy(String source, String id, String field, Object value, boolean json) {
    try {
      return copy(value, json, 0);
    } catch (Refused refused) {
      throw new InvalidDataException(source, id, field + refused.path, refused.getMessage());
    }
  }

  private static Object copy(Object value, boolean json, int depth) {
    Object v = json ? widened(value) : value;
    Kind kind = kindOrNull(v);
    if (kind == null || json && kind == Kind.INSTANT) {
      throw new Refused("must be " + (json ? JSON_KINDS : KINDS) + ", found " + v.getClass().getName());
    }
    return switch (kind) {
      case NULL, STRING, BOOLEAN, INTEGER, LONG, INSTANT -> v;
      case DOUBLE -> finite((Double) v);
      case LIST -> list((List<?>) v, json, deeper(depth));
      case MAP -> map((Map<?, ?>) v, json, deeper(depth));
    };
  }

  private static Double finite(Double value) {
    if (!Double.isFinite(value)) {
      throw new Refused("must be a finite number, was " + value);
    }
    return value;
  }

  private static int deeper(int depth) {
    if (depth == MAX_DEPTH) {
      throw new Refused("must not nest lists and maps more than " + MAX_DEPTH + " levels deep");
    }
    return depth + 1;
  }

  private static Object widened(Object value) {
    if (value instanceof Number number && !(value instanceof Long) && !(value instanceof Double)) {
      return number instanceof Integer || number instanceof Short || number instanceof Byte
          ? (Object) number.longValue()
          : (Object) number.doubleValue();
    }
    return value;
  }

  private static List<Object> list(List<?> list, boolean json, int depth) {
    Object[] copy = new Object[list.size()];
    int i = 0;
    for (Object element : list) {
      try {
        copy[i] = copy(element, json, depth);
      } catch (Refused refused) {
        throw refused.at("[" + i + "]");
      }
      i++;
    }
    return Collections.unmodifiableList(Arrays.asList(copy));
  }

  private static Map<String, Object> map(Map<?, ?> map, boolean json, int depth) {
    TreeMap<String, Object> copy = new TreeMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw new Refused("keys must be strings, found " + describe(entry.getKey()));
      }
      try {
        copy.put(key, copy(entry.getValue(), json, depth));
      } catch (Refused refused) {
        throw refused.at("." + key);
      }
    }
    return Collections.unmodifiableMap(copy);
  }

  private static String describe(Object key) {
    return key == null ? "null" : key + " (" + key.getClass().getName() + ")";
  }

  /**
   * A value refused somewhere inside a tree; the path to it is built as it propagates, so nothing is
   * spent on paths while all is well.
   */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private String path = "";

    Refused(String problem) {
      super(problem, null, false, false);
    }

    Refused at(String step) {
      path = step + path;
      return this;
    }
  }
}
