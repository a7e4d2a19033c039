package dev.exporthub.api.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.InvalidDataException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record type rejects every kind of bad field, with a message naming the type, the field and
 * the id. Driven by reflection over the record components, so a new field cannot escape the check.
 */
class SourceRecordValidationTest {

  private static final Instant T = Instant.parse("2026-01-10T08:00:00Z");

  /** A valid value for each component type; ids get the record's own id. */
  private static Object valid(RecordComponent c, int index) {
    Class<?> t = c.getType();
    if (index == 0) {
      return "ID-1";
    }
    if (t == String.class) {
      return switch (c.getName()) {
        case "facilityId", "assignedTo" -> null;
        case "severity", "status", "priority", "riskLevel" -> "High";
        default -> "value of " + c.getName();
      };
    }
    if (t == Instant.class) {
      return c.getName().equals("windowEnd") ? T.plusSeconds(3600) : T;
    }
    if (t == double.class) {
      return 0.5;
    }
    if (t == int.class) {
      return 3;
    }
    if (t == List.class) {
      return List.of("REL-1");
    }
    if (t == Map.class) {
      return c.getName().equals("metrics") ? Map.of("revenue", 1.5) : Map.of("raw", "x");
    }
    throw new AssertionError("no valid value for " + c);
  }

  static Stream<Class<? extends SourceRecord>> recordTypes() {
    return Stream.of(SourceType.values()).map(SourceType::recordType);
  }

  private static SourceRecord construct(Class<? extends SourceRecord> type, Object[] args) throws Throwable {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    Constructor<? extends SourceRecord> constructor = type.getDeclaredConstructor(types);
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Object[] validArgs(Class<? extends SourceRecord> type) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      args[i] = valid(components[i], i);
    }
    return args;
  }

  @ParameterizedTest
  @MethodSource("recordTypes")
  @DisplayName("a valid record keeps its values, lower-cases levels and knows its type")
  void validRecord(Class<? extends SourceRecord> type) throws Throwable {
    SourceRecord record = construct(type, validArgs(type));
    assertEquals("ID-1", record.id());
    assertEquals(type, record.type().recordType());
    assertEquals(T, record.timestamp());
    for (String level : List.of("severity", "status", "priority", "riskLevel")) {
      if (record.fields().containsKey(level)) {
        assertEquals("high", record.fields().get(level));
      }
    }
    assertEquals(record.type().idField(), record.fields().keySet().iterator().next());
    assertEquals(record.timestamp(), record.fields().get(record.type().timeField()));
  }

  /** One bad value for one component, and what the error must say. */
  record Bad(Class<? extends SourceRecord> type, int index, String field, Object value, String problem) {
    @Override
    public String toString() {
      return type.getSimpleName() + "." + field + " = " + value;
    }
  }

  static Stream<Arguments> badFields() {
    List<Arguments> cases = new ArrayList<>();
    recordTypes().forEach(type -> {
      RecordComponent[] components = type.getRecordComponents();
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        String name = c.getName();
        Class<?> t = c.getType();
        boolean optional = name.equals("facilityId") || name.equals("assignedTo") || name.equals("resolvedAt")
            || name.equals("completedAt") || name.equals("slaDeadline") || name.equals("relatedIds")
            || name.equals("attributes") || name.equals("metrics");
        if (t == String.class) {
          cases.add(Arguments.of(new Bad(type, i, name, " ", "must not be blank")));
          if (!optional) {
            cases.add(Arguments.of(new Bad(type, i, name, null, "must not be blank")));
          }
        } else if (t == Instant.class && !optional) {
          cases.add(Arguments.of(new Bad(type, i, name, null, "must not be null")));
        } else if (t == double.class) {
          cases.add(Arguments.of(new Bad(type, i, name, Double.NaN, "finite")));
          cases.add(Arguments.of(new Bad(type, i, name, Double.POSITIVE_INFINITY, "finite")));
        } else if (t == int.class) {
          cases.add(Arguments.of(new Bad(type, i, name, -1, "negative")));
        } else if (t == List.class) {
          cases.add(Arguments.of(new Bad(type, i, name, List.of(" "), "blank id")));
        } else if (name.equals("metrics")) {
          cases.add(Arguments.of(new Bad(type, i, name, Map.of("m", Double.NaN), "finite")));
        } else if (name.equals("attributes")) {
          cases.add(Arguments.of(new Bad(type, i, name, Map.of("when", new Object()), "must be text")));
          cases.add(Arguments.of(new Bad(type, i, name, Map.of("ratio", Double.NaN), "finite")));
        }
      }
    });
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFields")
  @DisplayName("a bad field is rejected naming the type, the field and the id")
  void badField(Bad bad) {
    Object[] args = validArgs(bad.type());
    args[bad.index()] = bad.value();
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> construct(bad.type(), args));
    assertEquals(bad.type().getSimpleName(), e.source());
    assertTrue(e.field().startsWith(bad.field()), () -> e.field() + " should name " + bad.field());
    assertTrue(e.getMessage().contains(bad.type().getSimpleName()), e::getMessage);
    assertTrue(e.getMessage().contains("'" + bad.field()), e::getMessage);
    assertTrue(e.getMessage().contains(bad.problem()), e::getMessage);
    if (bad.index() == 0) {
      assertNull(e.recordId());
    } else {
      assertEquals("ID-1", e.recordId());
      assertTrue(e.getMessage().contains("'ID-1'"), e::getMessage);
    }
    assertEquals("INVALID_DATA", e.errorCode());
  }

  @Test
  @DisplayName("a capacity window may not end before it starts")
  void invertedCapacityWindow() {
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> new CapacityProjection("CP-1", "cpu",
        10, "low", T, T.minusSeconds(1), "t-1", null, null, null));
    assertEquals("windowEnd", e.field());
    assertEquals("CP-1", e.recordId());
  }

  @Test
  @DisplayName("collections are copied, sorted and unmodifiable, so a record never changes")
  void defensiveCopies() {
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("zeta", 1);
    attributes.put("alpha", List.of(Map.of("b", 2, "a", 1.5f)));
    List<String> related = new ArrayList<>(List.of("R-2", "R-1"));
    Alert alert = new Alert("A-1", "LOW", "power", "OPEN", T, null, null, "t-1", "f-1", related, attributes);
    attributes.put("late", true);
    related.add("R-3");
    assertEquals(List.of("alpha", "zeta"), List.copyOf(alert.attributes().keySet()));
    assertEquals(List.of("R-2", "R-1"), alert.relatedIds());
    assertEquals(1L, alert.attributes().get("zeta"));
    @SuppressWarnings("unchecked")
    Map<String, Object> nested = ((List<Map<String, Object>>) alert.attributes().get("alpha")).get(0);
    assertEquals(List.of("a", "b"), List.copyOf(nested.keySet()));
    assertEquals(1.5, nested.get("a"));
    assertThrows(UnsupportedOperationException.class, () -> alert.attributes().put("x", 1));
    assertThrows(UnsupportedOperationException.class, () -> alert.relatedIds().add("x"));
    assertEquals(List.of("alertId", "severity", "category", "status", "createdAt", "tenantId", "facilityId",
        "attributes"), List.copyOf(alert.fields().keySet()));
  }
}
