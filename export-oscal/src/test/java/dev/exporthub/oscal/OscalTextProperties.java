package dev.exporthub.oscal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.testkit.Texts;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class OscalTextProperties {

  // The patterns of NIST's schema (oscal-ar_schema.json: StringDatatype, TokenDatatype, MarkupLineDatatype).
  private static final Pattern STRING = Pattern.compile("^\\S(.*\\S)?$");
  private static final Pattern TOKEN = Pattern.compile("^(\\p{L}|_)(\\p{L}|\\p{N}|[.\\-_])*$");
  private static final Pattern LINE = Pattern.compile("^[^\n]+$");

  @Property(tries = 300)
  @Label("CommonMark escaping loses nothing: removing the escapes gives the text back")
  void markdownRoundTrips(@ForAll("texts") String text) {
    assertEquals(text, OscalFixtures.plain(OscalText.markdown(text)));
    assertFalse(OscalText.markdown(text).matches("(?s).*(?<!\\\\)<.*"), "an unescaped < could open HTML");
  }

  @Property(tries = 300)
  @Label("string, token and line texts match NIST's patterns")
  void textsMatchTheSchemasPatterns(@ForAll("texts") String text) {
    String string = OscalText.string(text);
    assertTrue(string == null || STRING.matcher(string).matches(), () -> "string: " + string);
    String token = OscalText.token(text.isEmpty() ? "x" : text);
    assertTrue(TOKEN.matcher(token).matches(), token);
    String line = OscalText.markdownLine("Audit finding " + text);
    assertTrue(LINE.matcher(line).matches(), line);
  }

  @Example
  void doublesAreTheShortestRoundTripOnEveryJdk() {
    assertEquals("0.30000000000000004", OscalText.value(0.1 + 0.2));
    assertEquals("1E+21", OscalText.value(1e21));
    assertEquals("-0.0", OscalText.value(-0.0));
    assertEquals("1.005", OscalText.value(1.005));
    // JDK 17's Double.toString gives 2.82879384806159008E17: not the shortest (fixed in JDK 19).
    assertEquals("2.82879384806159E+17", OscalText.value(2.82879384806159E17));
    assertEquals("5E-324", OscalText.value(Double.MIN_VALUE)); // one digit reads back as MIN_VALUE
    assertEquals("{a=[1, 2.5], b=x}", OscalText.value(new java.util.TreeMap<>(java.util.Map.of("a",
        java.util.List.of(1L, 2.5), "b", "x"))));
  }

  @Provide
  Arbitrary<String> texts() {
    return Texts.any();
  }
}
