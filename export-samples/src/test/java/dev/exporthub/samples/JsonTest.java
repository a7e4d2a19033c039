package dev.exporthub.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.source.Alert;
import dev.exporthub.api.source.Report;
import dev.exporthub.api.source.SourceType;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

  /** RFC 8259's number grammar. */
  private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private static String string(String text) {
    StringBuilder out = new StringBuilder();
    Json.string(text, out);
    return out.toString();
  }

  private static String value(Object value) {
    StringBuilder out = new StringBuilder();
    Json.value(value, out);
    return out.toString();
  }

  @Test
  @DisplayName("every control character is escaped, with the short forms JSON has")
  void controlCharacters() throws IOException {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      all.append(c);
    }
    String json = string(all.toString());
    assertTrue(json.chars().allMatch(c -> c >= 0x20 && c < 0x7f), json);
    assertEquals("\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
        + "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e"
        + "\\u001f\"", json);
    assertEquals(all.toString(), JsonRecords.MAPPER.readValue(json, String.class));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
    "plain | \"plain\"",
    "say \"hi\" | \"say \\\"hi\\\"\"",
    "back\\slash | \"back\\\\slash\"",
    "a/b | \"a/b\"",
    "°C — Müller, Yılmaz | \"°C — Müller, Yılmaz\"",
  })
  @DisplayName("quotes and backslashes are escaped, other text is kept as is")
  void strings(String text, String json) throws IOException {
    assertEquals(json, string(text));
    assertEquals(text, JsonRecords.MAPPER.readValue(json, String.class));
  }

  @Test
  @DisplayName("U+2028, U+2029 and DEL are escaped; surrogate pairs are kept; lone surrogates are escaped")
  void specialCharacters() throws IOException {
    assertEquals("\"a\\u2028b\\u2029c\\u007f\"", string("a\u2028b\u2029c\u007f"));
    assertEquals("\"\uD83D\uDE00\"", string("\uD83D\uDE00"));
    assertEquals("\"x\\ud800y\\udc00\"", string("x\uD800y\uDC00"));
    for (String text : List.of("a\u2028b\u2029c\u007f", "\uD83D\uDE00 ok")) {
      assertEquals(text, JsonRecords.MAPPER.readValue(string(text), String.class));
    }
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "0.0, 0.0", "-0.0, -0.0", "1.0, 1.0", "12.0, 12.0", "100.0, 100.0", "-123.456, -123.456",
    "9999999.0, 9999999.0", "1.0E7, 1.0E7", "0.001, 0.001", "0.0001, 1.0E-4", "4.2E-4, 4.2E-4",
    "1.0E21, 1.0E21", "1.0E23, 1.0E23", "2.0E23, 2.0E23", "8.41E21, 8.41E21",
    "0.30000000000000004, 0.30000000000000004", "4.9E-324, 4.9E-324", "1.0E-323, 9.9E-324",
    "1.7976931348623157E308, 1.7976931348623157E308", "2.2250738585072014E-308, 2.2250738585072014E-308",
    "2.82879384806159E17, 2.82879384806159E17",
  })
  @DisplayName("doubles are written as the shortest decimal that reads back, laid out as JDK 19+ Double.toString")
  void doubles(double value, String json) throws IOException {
    assertEquals(json, Json.number(value));
    assertTrue(JSON_NUMBER.matcher(json).matches(), json);
    assertEquals(value, JsonRecords.MAPPER.readValue(json, Double.class));
  }

  @Property(tries = 100)
  @Label("any finite double is a valid JSON number that reads back exactly, never longer than Double.toString")
  void anyDouble(@ForAll double value) throws IOException {
    if (!Double.isFinite(value)) {
      return;
    }
    String json = Json.number(value);
    assertTrue(JSON_NUMBER.matcher(json).matches(), json);
    assertEquals(value, Double.parseDouble(json));
    assertEquals(value, JsonRecords.MAPPER.readValue(json, Double.class));
    assertTrue(json.length() <= Double.toString(value).length(), json + " vs " + value);
    if (Runtime.version().feature() >= 19) {
      assertEquals(Double.toString(value), json);
    }
  }

  @Property(tries = 100)
  @Label("any double from raw bits, including subnormals, reads back exactly")
  void anyBits(@ForAll long bits) {
    double value = Double.longBitsToDouble(bits);
    if (Double.isFinite(value)) {
      String json = Json.number(value);
      assertTrue(JSON_NUMBER.matcher(json).matches(), json);
      assertEquals(value, Double.parseDouble(json));
    }
  }

  @Test
  @DisplayName("a record is an object of its components in declaration order, absent ones left out")
  void record() throws IOException {
    Alert alert = new Alert("AL-000001", "High", "sla", "open", Instant.parse("2026-01-01T00:00:00Z"), null,
        Instant.parse("2026-01-01T04:00:00Z"), "tenant-1", null, List.of("TK-000002", "DR-000003"), null);
    StringBuilder out = new StringBuilder();
    Json.record(alert, out);
    assertEquals("{\"alertId\":\"AL-000001\",\"severity\":\"high\",\"category\":\"sla\",\"status\":\"open\","
        + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"slaDeadline\":\"2026-01-01T04:00:00Z\",\"tenantId\":\"tenant-1\","
        + "\"relatedIds\":[\"TK-000002\",\"DR-000003\"]}", out.toString());
    Report report = new Report("RP-1", "audit", "Q1 \"draft\"", 0, Instant.parse("2026-01-01T00:00:00.5Z"), "t",
        "t-fac-a", List.of(), Map.of("pages", 3, "ratio", 1.0E-5, "tags", List.of("a", "b")));
    out.setLength(0);
    Json.record(report, out);
    assertEquals("{\"reportId\":\"RP-1\",\"category\":\"audit\",\"title\":\"Q1 \\\"draft\\\"\",\"sectionsCount\":0,"
        + "\"generatedAt\":\"2026-01-01T00:00:00.500Z\",\"tenantId\":\"t\",\"facilityId\":\"t-fac-a\","
        + "\"attributes\":{\"pages\":3,\"ratio\":1.0E-5,\"tags\":[\"a\",\"b\"]}}", out.toString());
    assertEquals(report, JsonRecords.toRecord(SourceType.REPORTS, JsonRecords.readObject(out.toString())));
  }

  @Test
  @DisplayName("NaN and infinities are refused")
  void nonFinite() {
    for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertThrows(IllegalArgumentException.class, () -> Json.number(value));
    }
  }

  @Test
  @DisplayName("values: null, booleans, integers, doubles, instants, lists and maps in iteration order")
  void values() throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("z", 1L);
    map.put("a", List.of(true, false, 2.5, 3));
    map.put("n", null);
    map.put("at", Instant.parse("2026-01-15T12:00:00.120Z"));
    String json = value(map);
    assertEquals("{\"z\":1,\"a\":[true,false,2.5,3],\"n\":null,\"at\":\"2026-01-15T12:00:00.120Z\"}", json);
    Map<String, Object> parsed = JsonRecords.readObject(json);
    assertEquals(Arrays.asList("z", "a", "n", "at"), List.copyOf(parsed.keySet()));
    assertThrows(IllegalArgumentException.class, () -> value(new Object()));
    assertThrows(IllegalArgumentException.class, () -> value(Map.of(1, "x")));
  }
}
