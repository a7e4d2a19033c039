package dev.exporthub.samples;

import dev.exporthub.api.ItemValue;
import dev.exporthub.api.source.SourceRecord;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * A small JSON encoder (RFC 8259) for the values a source record holds, so this module needs no
 * JSON library. Output is compact, UTF-8 safe and independent of the default locale, time zone and
 * JDK version.
 */
final class Json {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Json() {}

  /**
   * Appends a record as one JSON object: its components in declaration order, absent optional
   * values, empty {@code relatedIds} and empty {@code attributes} left out.
   */
  static void record(SourceRecord record, StringBuilder out) {
    out.append('{');
    boolean first = true;
    boolean relatedWritten = record.relatedIds().isEmpty();
    // fields() lists the components in declaration order except relatedIds, which comes just
    // before attributes (or last, when there are no attributes).
    for (Map.Entry<String, Object> field : record.fields().entrySet()) {
      if (!relatedWritten && field.getKey().equals("attributes")) {
        first = member("relatedIds", record.relatedIds(), first, out);
        relatedWritten = true;
      }
      first = member(field.getKey(), field.getValue(), first, out);
    }
    if (!relatedWritten) {
      member("relatedIds", record.relatedIds(), first, out);
    }
    out.append('}');
  }

  private static boolean member(String name, Object value, boolean first, StringBuilder out) {
    if (!first) {
      out.append(',');
    }
    string(name, out);
    out.append(':');
    value(value, out);
    return false;
  }

  /**
   * Appends an {@linkplain ItemValue item value}, the values a record's fields hold: {@code null},
   * a string, a boolean, an integral number, a finite double, an {@link Instant} (as an ISO-8601
   * UTC string), a list, or a map with string keys in its iteration order (key order, for every map
   * a record holds).
   *
   * @throws IllegalArgumentException for any other value, a non-finite double or a key that is not
   *         a string
   */
  static void value(Object value, StringBuilder out) {
    switch (ItemValue.kindOf(value)) {
      case NULL -> out.append("null");
      case STRING -> string((String) value, out);
      case BOOLEAN -> out.append((Boolean) value ? "true" : "false");
      case INTEGER, LONG -> out.append(((Number) value).longValue());
      case DOUBLE -> out.append(number((Double) value));
      case INSTANT -> string(DateTimeFormatter.ISO_INSTANT.format((Instant) value), out);
      case LIST -> {
        List<?> list = (List<?>) value;
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          value(list.get(i), out);
        }
        out.append(']');
      }
      case MAP -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          if (!(entry.getKey() instanceof String key)) {
            throw new IllegalArgumentException("JSON object keys must be strings, found " + entry.getKey());
          }
          first = member(key, entry.getValue(), first, out);
        }
        out.append('}');
      }
    }
  }

  /**
   * Appends a JSON string. Escapes {@code "} and {@code \}, every control character
   * U+0000..U+001F (short forms where JSON has them), DEL, U+2028 and U+2029 (which JavaScript
   * treats as line ends) and unpaired surrogates (which UTF-8 cannot encode); everything else is
   * written as is.
   */
  static void string(String text, StringBuilder out) {
    out.append('"');
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            unicodeEscape(c, out);
          } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            unicodeEscape(c, out);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void unicodeEscape(char c, StringBuilder out) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }

  /**
   * The shortest decimal that reads back as exactly {@code value} (the closest one when several
   * are as short), laid out as {@link Double#toString(double)} does from JDK 19 on: plain notation
   * with at least one fractional digit for magnitudes in [10<sup>-3</sup>, 10<sup>7</sup>), else
   * one digit, a fraction and an exponent ({@code 1.0E-5}, {@code 2.5E21}). Both layouts are valid
   * JSON numbers. The digits come from exact {@link BigDecimal} arithmetic, so the text is the same
   * on every JDK, even where an older {@code Double.toString} prints a needlessly long form.
   *
   * @throws IllegalArgumentException for NaN and infinities, which JSON cannot represent
   */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("JSON cannot represent " + value);
    }
    if (value == 0) {
      return (Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0";
    }
    String javaText = Double.toString(value);
    int bound = significantDigits(javaText);
    if (bound <= 15 && Math.abs(value) >= Double.MIN_NORMAL) {
      // Two decimals of at most 15 significant digits that read back as the same normal double
      // are equal (15 = DBL_DIG), so Double.toString's digits are then the only shortest ones.
      return relayout(javaText);
    }
    BigDecimal exact = new BigDecimal(value);
    // Double.toString always reads back exactly, so it bounds the digits needed; the shortest
    // length is then the smallest precision whose rounding still reads back (readability is
    // monotone in the precision: a p-digit decimal is also a (p+1)-digit one).
    BigDecimal best = shortestAt(exact, value, bound);
    if (best == null) {
      best = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
    for (int precision = bound - 1; precision >= 1; precision--) {
      BigDecimal shorter = shortestAt(exact, value, precision);
      if (shorter == null) {
        break;
      }
      best = shorter;
    }
    if (best.precision() == 1) {
      // The layout shows two digits anyway ("d.dE.."), so a closer two-digit decimal wins
      // (as Double.toString does from JDK 19 on: 4.9E-324, not 5.0E-324).
      BigDecimal two = shortestAt(exact, value, 2);
      if (two != null && two.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0) {
        best = two;
      }
    }
    BigDecimal stripped = best.stripTrailingZeros();
    String digits = stripped.unscaledValue().abs().toString();
    return layout(stripped.signum() < 0, digits, digits.length() - stripped.scale());
  }

  /** Lays out the digits of a {@code Double.toString} text ({@code [-]i.f} or {@code [-]i.fE[-]x}). */
  private static String relayout(String javaText) {
    boolean negative = javaText.charAt(0) == '-';
    int begin = negative ? 1 : 0;
    int e = javaText.indexOf('E');
    int mantissaEnd = e < 0 ? javaText.length() : e;
    int point = javaText.indexOf('.');
    int exponent = e < 0 ? 0 : Integer.parseInt(javaText, e + 1, javaText.length(), 10);
    StringBuilder digits = new StringBuilder(20);
    digits.append(javaText, begin, point).append(javaText, point + 1, mantissaEnd);
    int pointAt = point - begin + exponent;
    int lead = 0;
    while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
      lead++;
    }
    int end = digits.length();
    while (end > lead + 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    return layout(negative, digits.substring(lead, end), pointAt - lead);
  }

  /** The decimal of {@code precision} digits closest to {@code exact} that reads back as value. */
  private static BigDecimal shortestAt(BigDecimal exact, double value, int precision) {
    BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
    if (nearest.doubleValue() == value) {
      return nearest;
    }
    // Next to a power of two the rounding interval is lopsided: the other neighbour may fit.
    for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
      BigDecimal candidate = exact.round(new MathContext(precision, mode));
      if (candidate.doubleValue() == value) {
        return candidate;
      }
    }
    return null;
  }

  private static int significantDigits(String javaText) {
    int end = javaText.indexOf('E');
    String mantissa = end < 0 ? javaText : javaText.substring(0, end);
    String digits = mantissa.replace("-", "").replace(".", "");
    int from = 0;
    while (from < digits.length() - 1 && digits.charAt(from) == '0') {
      from++;
    }
    int to = digits.length();
    while (to > from + 1 && digits.charAt(to - 1) == '0') {
      to--;
    }
    return Math.max(1, Math.min(17, to - from));
  }

  /**
   * Lays out a decimal 0.{@code digits} &times; 10<sup>pointAt</sup> ({@code digits} without
   * leading or trailing zeros; {@code pointAt} is where the decimal point goes).
   */
  private static String layout(boolean negative, String digits, int pointAt) {
    int n = digits.length();
    int exponent = pointAt - 1;
    StringBuilder out = new StringBuilder(n + 8);
    if (negative) {
      out.append('-');
    }
    if (exponent >= -3 && exponent < 7) {
      if (pointAt <= 0) {
        out.append("0.");
        out.append("0".repeat(-pointAt));
        out.append(digits);
      } else if (pointAt < n) {
        out.append(digits, 0, pointAt).append('.').append(digits, pointAt, n);
      } else {
        out.append(digits).append("0".repeat(pointAt - n)).append(".0");
      }
    } else {
      out.append(digits.charAt(0)).append('.');
      out.append(n > 1 ? digits.substring(1) : "0");
      out.append('E').append(exponent);
    }
    return out.toString();
  }
}
