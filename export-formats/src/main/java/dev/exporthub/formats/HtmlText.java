package dev.exporthub.formats;

/**
 * Escapes text for HTML5 element content and quoted attribute values, so that no data can become
 * markup and the document stays free of parse errors.
 *
 * <p>{@code & < > " '} become character references. Characters HTML5 does not allow in a document,
 * not even as references, are shown instead of written: C0 controls other than TAB and LF (so also
 * CR and NUL) and DEL as their Unicode Control Pictures (U+2400 to U+2421, e.g. NUL as
 * {@code ␀}); C1 controls, noncharacters and unpaired surrogates as U+FFFD.
 */
final class HtmlText {

  private HtmlText() {
  }

  /** {@code text}, escaped; {@code text} itself when nothing in it needs escaping. */
  static String escape(String text) {
    int safe = safeRun(text, 0);
    if (safe == text.length()) {
      return text;
    }
    StringBuilder s = new StringBuilder(text.length() + 16);
    escape(text, s);
    return s.toString();
  }

  static void escape(String text, StringBuilder into) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      // Runs of printable ASCII that needs no reference go in one piece.
      int run = safeRun(text, i);
      if (run > i) {
        into.append(text, i, run);
      }
      if (run == n) {
        return;
      }
      int c = text.codePointAt(run);
      i = run + Character.charCount(c);
      switch (c) {
        case '&' -> into.append("&amp;");
        case '<' -> into.append("&lt;");
        case '>' -> into.append("&gt;");
        case '"' -> into.append("&quot;");
        case '\'' -> into.append("&#39;");
        default -> {
          if (c < 0x20) {
            into.append((char) (0x2400 + c));
          } else if (c == 0x7F) {
            into.append('\u2421');
          } else if (isForbidden(c)) {
            into.append('\uFFFD');
          } else {
            into.appendCodePoint(c);
          }
        }
      }
    }
  }

  /** The end of the run from {@code from} of characters that stand for themselves: printable ASCII but {@code & < > " '}, TAB and LF. */
  private static int safeRun(String text, int from) {
    int n = text.length();
    int i = from;
    while (i < n) {
      char c = text.charAt(i);
      if (c >= 0x7F || c < 0x20 && c != '\t' && c != '\n' || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'') {
        return i;
      }
      i++;
    }
    return i;
  }

  private static boolean isForbidden(int c) {
    return c >= 0x80 && c <= 0x9F // C1 controls
        || c >= 0xFDD0 && c <= 0xFDEF || (c & 0xFFFE) == 0xFFFE // noncharacters
        || c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE; // unpaired: codePointAt yields them alone
  }
}
