package dev.exporthub.testkit;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Arbitrary text with the cases that break exporters: code points of every Unicode plane,
 * combining marks, right-to-left marks and isolates, control characters, and CSV, HTML, Markdown
 * and spreadsheet-formula payloads.
 *
 * <p>Every arbitrary here yields well-formed UTF-16 (no lone surrogates) unless its name says
 * otherwise, so that any correct writer can encode it and two writes can be compared byte for byte.
 */
public final class Texts {

  /**
   * A fixed catalogue of nasty strings, one per hazard. Every string is non-blank. Useful as edge
   * cases and in example tests.
   */
  public static final List<String> NASTY = List.of(
      // CSV: delimiters, quotes, line ends, and formula injection.
      "a,b", "a;b", "say \"hi\"", "\"", "line1\nline2", "cr\rlf\r\n", "tab\there",
      "=1+2", "+1", "-1", "@SUM(A1:A2)", "=HYPERLINK(\"http://x.invalid\",\"click\")",
      "=cmd|' /C calc'!A0", "\t=1+2", "\r=1+2",
      // HTML
      "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "&amp; &lt; &#x27;", "</td></tr>",
      "<!-- comment -->", "'single'",
      // Markdown
      "| pipe | cell |", "**bold** _it_", "[link](javascript:alert(1))", "# heading", "```code```",
      "back\\slash", "`tick`", "---", "![img](x.png)", "1. list", "> quote", "<br>",
      // CSV Details escapes (docs/SPECIFICATION.md §5.4): backslash, semicolon, equals.
      "k=v;x\\y",
      // Bidirectional text and marks.
      "\u200Fright-to-left mark", "\u202Eoverride\u202C", "\u2067isolate\u2069", "\u061Carabic letter mark",
      "שלום עולם", "مرحبا بالعالم", "abc \u05D0\u05D1\u05D2 123",
      // Combining marks and clusters.
      "e\u0301", "Z\u0351\u0358\u0300\u0307\u0311", "\u0915\u094D\u0937", "\uD83D\uDC69\u200D\uD83D\uDCBB",
      "\uD83C\uDDE9\uD83C\uDDEA", "\uD83D\uDC4D\uD83C\uDFFD",
      // Control characters, invisible and special code points.
      "nul\u0000", "bell\u0007", "esc\u001B[31m", "del\u007F", "c1\u0085\u0090", "ls\u2028ps\u2029",
      "\uFEFFbom", "zw\u200Bsp", "x\uFFFD", "\uFFFF",
      // Beyond the Basic Multilingual Plane: planes 1, 2, 3, 14, 15 and 16.
      "\uD835\uDD73\uD835\uDD8A\uD835\uDD8B", "\uD840\uDC00\uD869\uDEDF", "\uD884\uDC00",
      "\uDB40\uDC01\uDB40\uDC20", "\uDB80\uDC00", "\uDBFF\uDFFD",
      // Case mapping traps (Turkish dotless i, German sharp s) and numbers in other scripts.
      "\u0130stanbul \u0131i", "stra\u00DFe", "\u0661\u0662\u0663", "\u00BD",
      // Long.
      "x".repeat(300));

  private static final List<Integer> PLANES = List.of(0, 1, 2, 3, 14, 15, 16);

  private Texts() {
  }

  /**
   * Any text, possibly empty or blank: plain words, entries of {@link #NASTY}, and mixes of code
   * points from every plane, combining marks, bidirectional marks, controls and payloads.
   */
  public static Arbitrary<String> any() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, words()),
        Tuple.of(3, Arbitraries.of(NASTY)),
        Tuple.of(4, mixes(10)));
  }

  /** Like {@link #any()} but never blank ({@link String#isBlank()}), as most record fields require. */
  public static Arbitrary<String> nonBlank() {
    return any().map(text -> text.isBlank() ? "x" + text : text);
  }

  /** Short, non-blank, nasty strings for ids, keys and names. */
  public static Arbitrary<String> names() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.strings().withCharRange('a', 'z').withChars('-', '_', '.').ofMinLength(1).ofMaxLength(12)
            .map(s -> s.isBlank() ? "x" : s)),
        Tuple.of(2, Arbitraries.of(NASTY)),
        Tuple.of(2, mixes(4).map(s -> s.isBlank() ? "k" + s : s)));
  }

  /** One code point, from any of the planes 0, 1, 2, 3, 14, 15 and 16 (assigned or not, never a surrogate). */
  public static Arbitrary<String> codePoints() {
    return Arbitraries.of(PLANES).flatMap(plane -> Arbitraries.integers()
            .between(plane << 16, (plane << 16) + 0xFFFF))
        .map(Integer.class::cast)
        .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
        .map(Character::toString);
  }

  /** Combining marks, alone or stacked on a base letter. */
  public static Arbitrary<String> combiningMarks() {
    Arbitrary<String> mark = Arbitraries.oneOf(
        Arbitraries.integers().between(0x0300, 0x036F),
        Arbitraries.integers().between(0x1AB0, 0x1AFF),
        Arbitraries.integers().between(0x20D0, 0x20FF),
        Arbitraries.integers().between(0xFE20, 0xFE2F)).map(Character::toString);
    Arbitrary<String> base = Arbitraries.of("", "a", "e", "Z", "\u0627", "\u05D0", " ");
    return Combinators.combine(base, mark.list().ofMinSize(1).ofMaxSize(8))
        .as((b, marks) -> b + String.join("", marks));
  }

  /** Bidirectional controls: marks, embeddings, overrides and isolates. */
  public static Arbitrary<String> bidiMarks() {
    return Arbitraries.of("\u200E", "\u200F", "\u061C", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E",
        "\u2066", "\u2067", "\u2068", "\u2069");
  }

  /** C0 and C1 control characters, DEL, and the line and paragraph separators. */
  public static Arbitrary<String> controls() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0x00, 0x1F),
        Arbitraries.integers().between(0x7F, 0x9F),
        Arbitraries.of(0x2028, 0x2029, 0xFEFF, 0x200B, 0x200D)).map(Character::toString);
  }

  /**
   * Like {@link #any()}, sometimes with lone surrogates (text UTF-16 allows and UTF-8 cannot
   * encode). A writer must not fail on them; what it writes for them is its own choice.
   */
  public static Arbitrary<String> withLoneSurrogates() {
    Arbitrary<String> lone = Arbitraries.chars().range(Character.MIN_SURROGATE, Character.MAX_SURROGATE)
        .map(String::valueOf);
    return Arbitraries.frequencyOf(
        Tuple.of(3, any()),
        Tuple.of(1, Arbitraries.oneOf(lone, any()).list().ofMaxSize(6).map(parts -> String.join("", parts))));
  }

  private static Arbitrary<String> words() {
    return Arbitraries.strings().alpha().numeric().withChars(' ').ofMaxLength(24);
  }

  /** Concatenations of up to {@code maxPieces} pieces of every kind. */
  private static Arbitrary<String> mixes(int maxPieces) {
    Arbitrary<String> piece = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.strings().alpha().numeric().withChars(' ', ',', ';', '"', '\'', '|', '<', '>', '&',
            '*', '_', '#', '`', '[', ']', '(', ')', '=', '+', '-', '@', '\\', '\t', '\n').ofMaxLength(6)),
        Tuple.of(2, codePoints()),
        Tuple.of(1, combiningMarks()),
        Tuple.of(1, bidiMarks()),
        Tuple.of(1, controls()),
        Tuple.of(1, Arbitraries.of(NASTY)));
    return piece.list().ofMaxSize(maxPieces).map(parts -> String.join("", parts));
  }
}
