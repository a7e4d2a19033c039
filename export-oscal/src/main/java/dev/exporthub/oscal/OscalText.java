package dev.exporthub.oscal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Turns Export Hub text into the text types of OSCAL's JSON schemas, which are stricter than
 * arbitrary Unicode: {@code markup-line} (one line of CommonMark), {@code markup-multiline}
 * (CommonMark), {@code string} (no leading or trailing whitespace, no line breaks), {@code token}
 * (an XML NCName) and {@code date-time-with-timezone} (years 1900 to 2999).
 */
final class OscalText {

  /** Characters CommonMark may read as syntax anywhere in a line (raw HTML included). */
  private static final String INLINE_SYNTAX = "\\`*_[]<>&~|";
  /** Characters CommonMark may read as a block marker at the start of a line. */
  private static final String LINE_START_SYNTAX = "#-+=>";
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);

  private OscalText() {
  }

  /**
   * Plain text as CommonMark that renders as that text: syntax characters are backslash-escaped
   * (so {@code <script>} is text, never HTML). Removing the backslash before every ASCII punctuation
   * character gives the text back.
   */
  static String markdown(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    boolean lineStart = true;
    boolean leadingDigits = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        b.append(c);
        lineStart = true;
        leadingDigits = false;
        continue;
      }
      if (INLINE_SYNTAX.indexOf(c) >= 0
          || lineStart && LINE_START_SYNTAX.indexOf(c) >= 0
          || leadingDigits && (c == '.' || c == ')')) {
        b.append('\\');
      }
      b.append(c);
      if (lineStart && c >= '0' && c <= '9') {
        leadingDigits = true;
      } else if (!(lineStart && (c == ' ' || c == '\t'))) {
        leadingDigits = leadingDigits && c >= '0' && c <= '9';
      }
      lineStart = lineStart && (c == ' ' || c == '\t');
    }
    return b.toString();
  }

  /** One line of CommonMark: {@link #markdown} with every line break a space. */
  static String markdownLine(String text) {
    return markdown(oneLine(text));
  }

  /**
   * OSCAL's {@code string}: one line without leading or trailing whitespace (in the JDK's and in
   * ECMAScript's sense of {@code \s}); {@code null} when nothing is left.
   */
  static String string(String text) {
    if (text == null) {
      return null;
    }
    String line = oneLine(text);
    int start = 0;
    int end = line.length();
    while (start < end && isSpace(line.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(line.charAt(end - 1))) {
      end--;
    }
    return start == end ? null : line.substring(start, end);
  }

  /**
   * OSCAL's {@code token}: the text itself when it is an ASCII NCName, otherwise {@code _} and the
   * hex digits of its UTF-8 bytes, so that distinct texts stay distinct tokens.
   */
  static String token(String text) {
    if (text.matches("[A-Za-z_][A-Za-z0-9._-]*")) {
      return text;
    }
    StringBuilder b = new StringBuilder("_");
    for (byte x : OscalUuids.utf8(text)) {
      b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
    }
    return b.toString();
  }

  /**
   * An item value as text, the same on every JDK: instants in ISO-8601 UTC, doubles as the shortest
   * decimal that reads back as the same double (computed with {@link BigDecimal}, not
   * {@code Double.toString}, whose digits changed in JDK 19), lists as {@code [a, b]}, maps (sorted
   * by key) as {@code {k=v}}.
   */
  static String value(Object value) {
    if (value instanceof Instant at) {
      return dateTime(at);
    } else if (value instanceof Double d) {
      return number(d);
    } else if (value instanceof List<?> list) {
      StringBuilder b = new StringBuilder("[");
      for (Object element : list) {
        b.append(b.length() == 1 ? "" : ", ").append(value(element));
      }
      return b.append(']').toString();
    } else if (value instanceof Map<?, ?> map) {
      StringBuilder b = new StringBuilder("{");
      for (Map.Entry<?, ?> e : map.entrySet()) {
        b.append(b.length() == 1 ? "" : ", ").append(e.getKey()).append('=').append(value(e.getValue()));
      }
      return b.append('}').toString();
    }
    return String.valueOf(value);
  }

  private static String number(double d) {
    if (d == 0) {
      return 1 / d < 0 ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(d);
    for (int digits = 1; digits < 17; digits++) {
      BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == d) {
        return rounded.stripTrailingZeros().toString();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros().toString();
  }

  /** OSCAL's {@code date-time-with-timezone}: ISO-8601 in UTC, seconds always present. */
  static String dateTime(Instant instant) {
    return ISO.format(instant);
  }

  /** Whether OSCAL's date-time pattern can hold the instant (it allows years 1900 to 2999). */
  static boolean representable(Instant instant) {
    int year = instant.atOffset(ZoneOffset.UTC).getYear();
    return year >= 1900 && year <= 2999;
  }

  private static String oneLine(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      b.append(c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029' ? ' ' : c);
    }
    return b.toString();
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u00a0' || c == '\ufeff'
        || c == '\u180e' || c == '\u0085' || Character.getType(c) == Character.CONTROL;
  }

}
