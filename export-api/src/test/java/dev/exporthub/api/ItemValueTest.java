package dev.exporthub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ItemValue.Kind;
import dev.exporthub.api.source.Alert;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The item-value domain: what is accepted, what is refused (naming field and class), what is normalised. */
class ItemValueTest {

  private static final Instant T = Instant.parse("2026-01-15T12:00:00Z");

  private static ExportItem item(Object... keysAndValues) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      data.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return new ExportItem("X-1", "audit-finding", T, data, List.of());
  }

  static Stream<Arguments> everyKind() {
    return Stream.of(
        Arguments.of(null, Kind.NULL),
        Arguments.of("text \uD800", Kind.STRING),
        Arguments.of(true, Kind.BOOLEAN),
        Arguments.of(7, Kind.INTEGER),
        Arguments.of(7L, Kind.LONG),
        Arguments.of(-0.0, Kind.DOUBLE),
        Arguments.of(T, Kind.INSTANT),
        Arguments.of(Arrays.asList(1, null, "a"), Kind.LIST),
        Arguments.of(new TreeMap<>(Map.of("a", 1L)), Kind.MAP));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("everyKind")
  @DisplayName("every kind is accepted, by kindOf and by an item, and kept equal")
  void everyKindIsAccepted(Object value, Kind kind) {
    assertEquals(kind, ItemValue.kindOf(value));
    assertEquals(value, item("v", value).data().get("v"));
  }

  static Stream<Arguments> outsideTheDomain() {
    return Stream.of(
        Arguments.of(1.5f, "java.lang.Float"),
        Arguments.of(new BigDecimal("1.25"), "java.math.BigDecimal"),
        Arguments.of('c', "java.lang.Character"),
        Arguments.of(LocalDate.of(2026, 1, 15), "java.time.LocalDate"),
        Arguments.of(new Object[] {"a"}, "[Ljava.lang.Object;"),
        Arguments.of((short) 1, "java.lang.Short"),
        Arguments.of(new StringBuilder("sb"), "java.lang.StringBuilder"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("outsideTheDomain")
  @DisplayName("anything else is refused by kindOf and by an item, naming the class and the field")
  void outsideIsRefused(Object value, String className) {
    IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> ItemValue.kindOf(value));
    assertTrue(kind.getMessage().startsWith(className + " is not an item value"), kind::getMessage);

    InvalidDataException top = assertThrows(InvalidDataException.class, () -> item("when", value));
    assertEquals("audit-finding", top.source());
    assertEquals("X-1", top.recordId());
    assertEquals("when", top.field());
    assertTrue(top.problem().endsWith("found " + className), top::getMessage);

    InvalidDataException nested = assertThrows(InvalidDataException.class,
        () -> item("zones", List.of("a", Map.of("b", List.of(value)))));
    assertEquals("zones[1].b[0]", nested.field());
    assertTrue(nested.getMessage().contains("'zones[1].b[0]'") && nested.getMessage().contains(className),
        nested::getMessage);
  }

  @Test
  @DisplayName("NaN, infinities, non-string keys and runaway nesting are refused, naming the field")
  void otherRefusals() {
    InvalidDataException nan = assertThrows(InvalidDataException.class, () -> item("m", Map.of("r", Double.NaN)));
    assertEquals("m.r", nan.field());
    assertTrue(nan.problem().contains("finite"), nan::getMessage);
    assertThrows(InvalidDataException.class, () -> item("inf", Double.NEGATIVE_INFINITY));

    InvalidDataException key = assertThrows(InvalidDataException.class, () -> item("m", Map.of(1, "x")));
    assertEquals("m", key.field());
    assertTrue(key.problem().contains("keys must be strings") && key.problem().contains("java.lang.Integer"),
        key::getMessage);
    Map<Object, Object> raw = new HashMap<>();
    raw.put(2, "x");
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) (Map<?, ?>) raw;
    InvalidDataException topKey = assertThrows(InvalidDataException.class,
        () -> new ExportItem("X-1", "alert", T, data, List.of()));
    assertTrue(topKey.problem().contains("java.lang.Integer"), topKey::getMessage);

    InvalidDataException deep = assertThrows(InvalidDataException.class, () -> item("d", nested(ItemValue.MAX_DEPTH + 1)));
    assertTrue(deep.problem().contains("levels"), deep::getMessage);
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertThrows(InvalidDataException.class, () -> item("c", cycle));
  }

  @Test
  @DisplayName("MAX_DEPTH levels of lists are accepted, one more is not")
  void depthLimit() {
    Object deepest = nested(ItemValue.MAX_DEPTH);
    assertEquals(deepest, item("d", deepest).data().get("d"));
    assertThrows(InvalidDataException.class, () -> item("d", nested(ItemValue.MAX_DEPTH + 1)));
  }

  /** A list of lists {@code levels} deep, holding 1L innermost. */
  private static Object nested(int levels) {
    Object value = 1L;
    for (int i = 0; i < levels; i++) {
      value = List.of(value);
    }
    return value;
  }

  @Test
  @DisplayName("nested maps are copied sorted by key; the data map keeps its order; everything is unmodifiable")
  void normalised() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("zeta", 1);
    inner.put("alpha", new LinkedList<>(List.of("b", "a")));
    HashMap<String, Object> hashed = new HashMap<>();
    for (String key : List.of("omega", "kappa", "beta", "mu")) {
      hashed.put(key, key.length());
    }
    inner.put("mid", hashed);
    ExportItem item = item("z", inner, "a", 1L, "m", List.of(inner));

    assertEquals(List.of("z", "a", "m"), List.copyOf(item.data().keySet()));
    @SuppressWarnings("unchecked")
    Map<String, Object> z = (Map<String, Object>) item.data().get("z");
    assertEquals(List.of("alpha", "mid", "zeta"), List.copyOf(z.keySet()));
    assertEquals(inner, z, "the same entries");
    assertEquals(List.of("b", "a"), z.get("alpha"), "lists keep their order");
    assertEquals(List.of("beta", "kappa", "mu", "omega"), List.copyOf(((Map<?, ?>) z.get("mid")).keySet()));
    assertEquals(List.of("alpha", "mid", "zeta"), List.copyOf(((Map<?, ?>) ((List<?>) item.data().get("m")).get(0)).keySet()));

    assertThrows(UnsupportedOperationException.class, () -> item.data().put("x", 1));
    assertThrows(UnsupportedOperationException.class, () -> z.put("x", 1));
    @SuppressWarnings("unchecked")
    List<Object> alpha = (List<Object>) z.get("alpha");
    assertThrows(UnsupportedOperationException.class, () -> alpha.add("c"));
    inner.put("late", true);
    assertEquals(3, z.size(), "a copy, not a view");
  }

  @Test
  @DisplayName("a record's fields are taken as they are; any other data map is copied")
  void recordFieldsAreTrusted() {
    Alert alert = new Alert("A-1", "low", "power", "open", T, null, null, "t-1", null, List.of(),
        Map.of("nested", Map.of("b", 2, "a", 1.5f)));
    Map<String, Object> fields = alert.fields();
    ExportItem fromRecord = new ExportItem(alert.id(), "alert", T, fields, List.of());
    assertSame(fields, fromRecord.data());
    ExportItem copied = new ExportItem(alert.id(), "alert", T, new LinkedHashMap<>(fields), List.of());
    assertEquals(fields, copied.data());
    assertEquals(fromRecord, copied);
  }

  @Test
  @DisplayName("JSON values (record attributes) widen numbers and refuse instants")
  void jsonValues() {
    Object copy = ItemValue.copyOfJson("Alert", "A-1", "attributes",
        Map.of("i", 1, "s", (short) 2, "f", 1.5f, "d", new BigDecimal("0.25"), "l", List.of((byte) 3)));
    assertEquals(Map.of("i", 1L, "s", 2L, "f", 1.5, "d", 0.25, "l", List.of(3L)), copy);
    InvalidDataException instant = assertThrows(InvalidDataException.class,
        () -> ItemValue.copyOfJson("Alert", "A-1", "attributes", Map.of("at", T)));
    assertEquals("attributes.at", instant.field());
    assertTrue(instant.problem().contains("java.time.Instant"), instant::getMessage);
    assertThrows(InvalidDataException.class,
        () -> ItemValue.copyOfJson("Alert", "A-1", "attributes", Map.of("x", new BigDecimal("1e400"))));
  }
}
