package dev.exporthub.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.exporthub.api.ExportItem;
import dev.exporthub.api.InvalidDataException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The items' binary encoding is unambiguous: different content, different digests; same content, same digest. */
class ContentDigestTest {

  private static final Instant AT = Instant.parse("2026-01-15T12:00:00Z");

  private static String digest(ExportItem... items) {
    try (ContentDigest digest = new ContentDigest()) {
      for (ExportItem item : items) {
        digest.item(item);
      }
      return digest.hex();
    }
  }

  private static ExportItem item(String id, Map<String, Object> data, String... references) {
    return new ExportItem(id, "alert", AT, data, List.of(references));
  }

  private static Map<String, Object> data(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  @DisplayName("values that print alike but differ in type, boundaries or order give different digests")
  void distinctContent() {
    List<ExportItem[]> variants = List.of(
        new ExportItem[] {item("a", data("k", "1"))},
        new ExportItem[] {item("a", data("k", 1L))},
        new ExportItem[] {item("a", data("k", 1.0))},
        new ExportItem[] {item("a", data("k", true))},
        new ExportItem[] {item("a", data("k", "true"))},
        new ExportItem[] {item("a", data("k", null))},
        new ExportItem[] {item("a", data("k", "null"))},
        new ExportItem[] {item("a", data("k", AT))},
        new ExportItem[] {item("a", data("k", AT.toString()))},
        new ExportItem[] {item("a", data("k", List.of("x", "y")))},
        new ExportItem[] {item("a", data("k", List.of("xy")))},
        new ExportItem[] {item("a", data("k", Map.of("x", "y")))},
        new ExportItem[] {item("a", data("kx", "y"))},
        new ExportItem[] {item("a", data("k", "xy"))},
        new ExportItem[] {item("a", data("k", "x", "y", ""))},
        new ExportItem[] {item("a", data("y", "", "k", "x"))},
        new ExportItem[] {item("a", data())},
        new ExportItem[] {item("a", data(), "r")},
        new ExportItem[] {item("a", data("r", List.of()))},
        new ExportItem[] {item("ab", data())},
        new ExportItem[] {item("a", data()), item("b", data())},
        new ExportItem[] {item("a", data("k", "\u00e9"))},
        new ExportItem[] {item("a", data("k", "\u00c3\u00a9"))},
        new ExportItem[] {item("a", data("k", "\u0100"))},
        new ExportItem[] {item("a", data("k", "\u0001\u0000"))},
        new ExportItem[] {new ExportItem("a", "alert", AT.plusNanos(1), data(), List.of())},
        new ExportItem[] {new ExportItem("a", "task", AT, data(), List.of())});
    Set<String> digests = new HashSet<>();
    for (ExportItem[] variant : variants) {
      digests.add(digest(variant));
    }
    assertEquals(variants.size(), digests.size());
  }

  @Test
  @DisplayName("equal content gives the same digest whatever the map or integral number class; a Float is no item value")
  void equalContent() {
    assertEquals(digest(item("a", data("k", 1L, "m", Map.of("x", 2L, "y", 3L)))),
        digest(item("a", new TreeMap<>(data("k", 1, "m", data("y", 3, "x", 2))))));
    assertThrows(InvalidDataException.class, () -> item("a", data("k", 1.5f)));
    assertNotEquals(digest(item("a", data("k", 0.0))), digest(item("a", data("k", -0.0))));
  }

  @Test
  @DisplayName("strings longer than the buffer, ASCII or not, hash as their content")
  void longStrings() {
    String ascii = "x".repeat(20_000);
    String wide = "\u20ac".repeat(20_000);
    List<String> digests = new ArrayList<>();
    for (String text : List.of(ascii, ascii + "y", wide, wide + "y", "y" + ascii)) {
      digests.add(digest(item("a", data("k", text))));
    }
    assertEquals(5, new HashSet<>(digests).size());
    assertEquals(digests.get(0), digest(item("a", data("k", new String(ascii)))));
  }
}
