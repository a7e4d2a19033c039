package dev.exporthub.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the {@code related_ids}, {@code metrics} and {@code attributes} columns, read and
 * written without a JSON library (the module depends on {@code java.sql} only). Values are
 * read as the data-directory source reads them: whole numbers as {@code Long} (or
 * {@code BigInteger} when larger), others as {@code Double}, so the same records give the same
 * items. Doubles are written in plain notation with a fractional part ({@code 1.0}, never
 * {@code 1E+1}), which a {@code jsonb} column keeps as written, so a double never comes back as
 * a whole number.
 */
final class Jsonb {

  /** Nesting beyond the record's own levels ({@link dev.exporthub.api.ItemValue#MAX_DEPTH}) is refused. */
  private static final int MAX_DEPTH = dev.exporthub.api.ItemValue.MAX_DEPTH;

  private final String text;
  private int at;

  private Jsonb(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON value.
   *
   * @throws IllegalArgumentException saying what is wrong and where, for text that is not JSON
   */
  static Object parse(String text) {
    Jsonb parser = new Jsonb(text);
    Object value = parser.value(0);
    parser.space();
    if (parser.at != text.length()) {
      throw parser.error("unexpected text after the value");
    }
    return value;
  }

  private Object value(int depth) {
    space();
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(at);
    if (c == '{' || c == '[') {
      if (depth >= MAX_DEPTH) {
        throw error("nested deeper than " + MAX_DEPTH + " levels");
      }
      return c == '{' ? object(depth + 1) : array(depth + 1);
    }
    if (c == '"') {
      return string();
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    if (text.startsWith("true", at)) {
      at += 4;
      return Boolean.TRUE;
    }
    if (text.startsWith("false", at)) {
      at += 5;
      return Boolean.FALSE;
    }
    if (text.startsWith("null", at)) {
      at += 4;
      return null;
    }
    throw error("unexpected character '" + c + "'");
  }

  private Map<String, Object> object(int depth) {
    at++;
    Map<String, Object> map = new LinkedHashMap<>();
    space();
    if (peek('}')) {
      return map;
    }
    do {
      space();
      if (at >= text.length() || text.charAt(at) != '"') {
        throw error("expected a key");
      }
      String key = string();
      space();
      expect(':');
      Object value = value(depth);
      if (map.containsKey(key)) {
        throw error("duplicate key \"" + key + "\"");
      }
      map.put(key, value);
      space();
    } while (peek(','));
    expect('}');
    return map;
  }

  private List<Object> array(int depth) {
    at++;
    List<Object> list = new ArrayList<>();
    space();
    if (peek(']')) {
      return list;
    }
    do {
      list.add(value(depth));
      space();
    } while (peek(','));
    expect(']');
    return list;
  }

  private String string() {
    at++;
    // most strings hold no escape: one substring, no builder
    for (int i = at; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        String plain = text.substring(at, i);
        at = i + 1;
        return plain;
      }
      if (c == '\\' || c < 0x20) {
        break;
      }
    }
    StringBuilder s = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == '"') {
        return s.toString();
      }
      if (c == '\\') {
        if (at >= text.length()) {
          break;
        }
        char e = text.charAt(at++);
        switch (e) {
          case '"', '\\', '/' -> s.append(e);
          case 'b' -> s.append('\b');
          case 'f' -> s.append('\f');
          case 'n' -> s.append('\n');
          case 'r' -> s.append('\r');
          case 't' -> s.append('\t');
          case 'u' -> {
            if (at + 4 > text.length()) {
              throw error("truncated \\u escape");
            }
            try {
              s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            } catch (NumberFormatException bad) {
              throw error("bad \\u escape");
            }
            at += 4;
          }
          default -> throw error("bad escape \\" + e);
        }
      } else if (c < 0x20) {
        throw error("control character in a string");
      } else {
        s.append(c);
      }
    }
    throw error("unterminated string");
  }

  private Object number() {
    int start = at;
    boolean integral = true;
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '.' || c == 'e' || c == 'E') {
        integral = false;
      } else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) {
        break;
      }
      at++;
    }
    String digits = text.substring(start, at);
    try {
      if (integral) {
        BigInteger value = new BigInteger(digits);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
      }
      new BigDecimal(digits); // JSON's grammar, which Double.parseDouble is looser than
      return Double.parseDouble(digits);
    } catch (NumberFormatException e) {
      at = start;
      throw error("malformed number '" + digits + "'");
    }
  }

  private void space() {
    while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
  }

  private boolean peek(char c) {
    if (at < text.length() && text.charAt(at) == c) {
      at++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    space();
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException("is not valid JSON: " + problem + " at character " + (at + 1));
  }

  /**
   * JSON text of a value: text, a boolean, a whole number, a finite double, a list or a map with
   * text keys, or {@code null}.
   *
   * @throws IllegalArgumentException for anything else
   */
  static String write(Object value) {
    StringBuilder s = new StringBuilder();
    write(value, s);
    return s.toString();
  }

  private static void write(Object value, StringBuilder s) {
    if (value == null) {
      s.append("null");
    } else if (value instanceof String text) {
      quote(text, s);
    } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer
        || value instanceof BigInteger) {
      s.append(value);
    } else if (value instanceof Double d) {
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("JSON has no " + d);
      }
      String plain = BigDecimal.valueOf(d).toPlainString();
      s.append(plain).append(plain.indexOf('.') < 0 ? ".0" : "");
    } else if (value instanceof List<?> list) {
      s.append('[');
      for (int i = 0; i < list.size(); i++) {
        s.append(i == 0 ? "" : ",");
        write(list.get(i), s);
      }
      s.append(']');
    } else if (value instanceof Map<?, ?> map) {
      s.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        s.append(first ? "" : ",");
        first = false;
        quote((String) e.getKey(), s);
        s.append(':');
        write(e.getValue(), s);
      }
      s.append('}');
    } else {
      throw new IllegalArgumentException("cannot be stored as JSON: a " + value.getClass().getName());
    }
  }

  private static void quote(String text, StringBuilder s) {
    s.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    s.append('"');
  }
}
