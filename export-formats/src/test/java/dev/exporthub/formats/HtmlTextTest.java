package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@link HtmlText} escapes exactly as its one-code-point-at-a-time definition says. */
class HtmlTextTest {

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30),
        Arbitraries.strings().withChars("&<>\"'\t\n\r\0\u007f\u0085\ufdd0\uffff\ud800\udc00ab").ofMaxLength(30),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60));
  }

  @Property(tries = 2000)
  void sameAsTheDefinition(@ForAll("texts") String text) {
    assertEquals(reference(text), HtmlText.escape(text));
    StringBuilder into = new StringBuilder("x");
    HtmlText.escape(text, into);
    assertEquals("x" + reference(text), into.toString());
  }

  @Test
  void textThatNeedsNothingIsReturnedAsIs() {
    String text = "plain text, with spaces\tand\nlines";
    assertSame(text, HtmlText.escape(text));
  }

  /** The escaping as first written: one code point at a time. */
  private static String reference(String text) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
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
          } else if (c >= 0x80 && c <= 0x9F || c >= 0xFDD0 && c <= 0xFDEF || (c & 0xFFFE) == 0xFFFE
              || c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
            s.append('\uFFFD');
          } else {
            s.appendCodePoint(c);
          }
        }
      }
    }
    return s.toString();
  }
}
