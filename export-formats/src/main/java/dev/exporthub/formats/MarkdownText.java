package dev.exporthub.formats;

/**
 * Escapes text so that CommonMark reads it back as exactly that text, wherever the writer places it
 * in a line: at the start of a paragraph, heading or list item, or after other inline content.
 * Nothing in the text can open a link, image, autolink, raw HTML, code, emphasis, heading, list,
 * block quote, thematic break, table (GFM) or strikethrough (GFM).
 *
 * <p>The rules, each backed by the CommonMark spec:
 * <ul>
 *   <li>{@code \ ` * [ ] < | ~ #} are always backslash-escaped (any ASCII punctuation may be, and an
 *       escaped character is always literal text). Escaping {@code [} and {@code ]} is what rules
 *       out links, images and link reference definitions; {@code <} rules out HTML and autolinks.</li>
 *   <li>{@code _} is escaped unless it stands between two ASCII letters or digits: an intraword
 *       {@code _} can neither open nor close emphasis.</li>
 *   <li>{@code &} is escaped when an entity or numeric reference could follow (a letter, digit or
 *       {@code #}).</li>
 *   <li>Block syntax only counts at the start of a line. The text never contains a raw line end
 *       (see below), so only its first characters matter: a leading {@code - = >} is escaped,
 *       and a leading {@code +}, or the {@code .} or {@code )} after leading digits, when a space or
 *       the end follows ({@code 1. } would open a list).</li>
 *   <li>Control characters (CR and LF included) become numeric references ({@code &#10;}), which
 *       CommonMark turns back into the character without ever starting a new line. NUL becomes
 *       U+FFFD, as CommonMark requires; unpaired surrogates become U+FFFD too.</li>
 *   <li>Whitespace at the start or end becomes a numeric reference, because CommonMark strips it
 *       from lines, and whitespace next to the writer's {@code **} would break its emphasis.</li>
 * </ul>
 *
 * <p>Bare URLs such as {@code https://example.com} are plain text in CommonMark and stay so here; a
 * renderer with GitHub's autolink extension may still make them clickable.
 */
final class MarkdownText {

  private static final String ALWAYS = "\\`*[]<|~#";

  private MarkdownText() {
  }

  static String escape(String text) {
    String value = DataValues.wellFormed(text);
    int n = value.length();
    StringBuilder s = new StringBuilder(n + 16);
    int digits = leadingDigits(value);
    for (int i = 0; i < n; ) {
      int c = value.codePointAt(i);
      int next = i + Character.charCount(c);
      boolean edge = i == 0 || next == n;
      if (c == 0) {
        s.append('\uFFFD');
      } else if (c < 0x20 || c == 0x7F || edge && isWhitespace(c)) {
        s.append("&#").append(c).append(';');
      } else if (c < 0x80 && needsBackslash(value, i, (char) c, digits)) {
        s.append('\\').append((char) c);
      } else {
        s.appendCodePoint(c);
      }
      i = next;
    }
    return s.toString();
  }

  private static boolean needsBackslash(String text, int i, char c, int digits) {
    if (ALWAYS.indexOf(c) >= 0) {
      return true;
    }
    return switch (c) {
      case '_' -> !(i > 0 && isAsciiAlphanumeric(text.charAt(i - 1))
          && i + 1 < text.length() && isAsciiAlphanumeric(text.charAt(i + 1)));
      case '&' -> i + 1 < text.length() && (text.charAt(i + 1) == '#' || isAsciiAlphanumeric(text.charAt(i + 1)));
      case '-', '=', '>' -> i == 0;
      case '+' -> i == 0 && opensListItem(text, 1);
      case '.', ')' -> digits > 0 && i == digits && opensListItem(text, i + 1);
      default -> false;
    };
  }

  /** Whether a list marker ending before {@code next} would open a list item: a space or the end follows. */
  private static boolean opensListItem(String text, int next) {
    return next >= text.length() || text.charAt(next) == ' ';
  }

  private static int leadingDigits(String text) {
    int i = 0;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  private static boolean isAsciiAlphanumeric(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  private static boolean isWhitespace(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
