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

  /** {@code text}, escaped. */
  static String escape(String text) {
    StringBuilder s = new StringBuilder(text.length() + 16);
    int n = text.length();
    for (int i = 0; i < n; ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '&' -> s.append("&amp;");
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '"' -> s.append("&quot;");
        case '\'' -> s.append("&#39;");
        case '\t', '\n' -> s.append((char) c);
        default -> {
          if (c < 0x20) {
            s.append((char) (0x2400 + c));
          } else if (c == 0x7F) {
            s.append('\u2421');
          } else if (isForbidden(c)) {
            s.append('\uFFFD');
          } else {
            s.appendCodePoint(c);
          }
        }
      }
    }
    return s.toString();
  }

  private static boolean isForbidden(int c) {
    return c >= 0x80 && c <= 0x9F // C1 controls
        || c >= 0xFDD0 && c <= 0xFDEF || (c & 0xFFFE) == 0xFFFE // noncharacters
        || c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE; // unpaired: codePointAt yields them alone
  }
}
