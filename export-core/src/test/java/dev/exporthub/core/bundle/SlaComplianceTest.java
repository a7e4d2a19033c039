package dev.exporthub.core.bundle;

import static dev.exporthub.core.bundle.Fixtures.DIRECTORY;
import static dev.exporthub.core.bundle.Fixtures.FROM;
import static dev.exporthub.core.bundle.Fixtures.NANO;
import static dev.exporthub.core.bundle.Fixtures.RANGE;
import static dev.exporthub.core.bundle.Fixtures.TO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.core.source.InMemoryDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The SLA compliance section: met, breached and pending at the exact deadline instants. */
class SlaComplianceTest {

  private static final Instant CREATED = FROM.plus(Duration.ofDays(3));
  private static final Instant DEADLINE = CREATED.plus(Duration.ofHours(4));

  private static ExportSection sla(OperationalDataSource source, TimeRange range, Clock clock) {
    ExportBundle bundle = new TestBuilder(source, DIRECTORY)
        .build(Fixtures.plan(ExportCategory.COMPLIANCE_PACK, ExportScope.tenant("t-1"), range), clock);
    ExportSection section = bundle.sections().get(2);
    assertEquals(SectionKind.SLA_COMPLIANCE, section.kind());
    return section;
  }

  private static Map<String, String> statuses(ExportSection section) {
    Map<String, String> map = new LinkedHashMap<>();
    section.itemList().forEach(item -> map.put(item.itemId(), (String) item.data().get("slaStatus")));
    return map;
  }

  /**
   * closedAt, deadline, asOf, expected status: the SLA rules of {@code docs/SPECIFICATION.md} §4.2 at
   * and around each instant.
   */
  static Stream<Arguments> cases() {
    Instant asOf = TO;
    return Stream.of(
        Arguments.of("closed at the deadline", DEADLINE, DEADLINE, "met"),
        Arguments.of("closed 1ns before the deadline", DEADLINE.minus(NANO), DEADLINE, "met"),
        Arguments.of("closed 1ns after the deadline", DEADLINE.plus(NANO), DEADLINE, "breached"),
        Arguments.of("closed after asOf, before its deadline", asOf.plus(Duration.ofHours(1)),
            asOf.plus(Duration.ofHours(2)), "met"),
        Arguments.of("closed after asOf and after its deadline", asOf.plus(Duration.ofHours(1)), asOf, "breached"),
        Arguments.of("open, deadline at asOf", null, asOf, "pending"),
        Arguments.of("open, deadline 1ns before asOf", null, asOf.minus(NANO), "breached"),
        Arguments.of("open, deadline 1ns after asOf", null, asOf.plus(NANO), "pending"),
        Arguments.of("open, deadline long past", null, DEADLINE, "breached"));
  }

  @ParameterizedTest(name = "{0}: {3}")
  @MethodSource("cases")
  @DisplayName("an alert and a task are judged against asOf = min(range.to, now)")
  void statusAtTheBoundaries(String name, Instant closedAt, Instant deadline, String expected) {
    List<SourceRecord> data = List.of(
        Fixtures.alert("a-1", "t-1", null, CREATED, deadline, closedAt),
        Fixtures.task("k-1", "t-1", "f-1", CREATED, deadline, closedAt));
    ExportSection section = sla(InMemoryDataSource.of(data), RANGE, Fixtures.CLOCK);
    assertEquals(Map.of("alert:a-1", expected, "task:k-1", expected), statuses(section));
    section.itemList().forEach(item -> assertEquals(TO, item.data().get("asOf")));
  }

  @Test
  @DisplayName("when now is before range.to, asOf is now: a deadline at now is pending, 1ns before is breached")
  void asOfIsNowWhenEarlier() {
    Instant now = CREATED.plus(Duration.ofDays(1));
    List<SourceRecord> data = List.of(
        Fixtures.alert("a-at", "t-1", null, CREATED, now, null),
        Fixtures.alert("a-before", "t-1", null, CREATED, now.minus(NANO), null),
        Fixtures.task("k-at", "t-1", null, CREATED, now, null),
        Fixtures.task("k-before", "t-1", null, CREATED, now.minus(NANO), null));
    ExportSection section = sla(InMemoryDataSource.of(data), RANGE, Clock.fixed(now, ZoneOffset.UTC));
    assertEquals(Map.of("alert:a-at", "pending", "alert:a-before", "breached",
        "task:k-at", "pending", "task:k-before", "breached"), statuses(section));
    section.itemList().forEach(item -> assertEquals(now, item.data().get("asOf")));
    assertEquals("4 SLA records: 0 met, 2 breached, 2 pending; compliance rate 0.0%.", section.summary());
  }

  @Test
  @DisplayName("one SLA record per alert and task with a deadline, placed by createdAt, ordered by (timestamp, itemId)")
  void onePerDeadline() {
    Instant t0 = CREATED;
    List<SourceRecord> data = List.of(
        Fixtures.task("k-2", "t-1", null, t0, DEADLINE, null),
        Fixtures.alert("a-2", "t-1", null, t0, DEADLINE, DEADLINE),
        Fixtures.alert("a-1", "t-1", null, t0.plus(NANO), DEADLINE, null),
        Fixtures.alert("no-deadline", "t-1", null, t0, null, null),
        Fixtures.task("no-deadline", "t-1", null, t0, null, null),
        Fixtures.alert("a-early", "t-1", null, FROM.minus(NANO), DEADLINE, null),
        Fixtures.task("k-late", "t-1", null, TO, TO.plus(Duration.ofHours(1)), null),
        Fixtures.alert("a-other", "t-2", null, t0, DEADLINE, null));
    ExportSection section = sla(InMemoryDataSource.of(data), RANGE, Fixtures.CLOCK);
    assertEquals(List.of("alert:a-2", "task:k-2", "alert:a-1"),
        section.itemList().stream().map(ExportItem::itemId).toList());
    ExportItem first = section.itemList().get(0);
    assertEquals("sla-record", first.itemType());
    assertEquals(t0, first.timestamp());
    assertEquals(List.of("a-2"), first.references());
    assertEquals(List.of("sourceType", "sourceId", "severity", "status", "createdAt", "slaDeadline", "closedAt",
        "slaStatus", "asOf", "tenantId"), new ArrayList<>(first.data().keySet()));
    assertEquals("alert", first.data().get("sourceType"));
    assertEquals(DEADLINE, first.data().get("closedAt"));
    ExportItem task = section.itemList().get(1);
    assertEquals(List.of("sourceType", "sourceId", "priority", "status", "createdAt", "slaDeadline", "slaStatus",
        "asOf", "tenantId"), new ArrayList<>(task.data().keySet()));
  }

  @Test
  @DisplayName("SLA records add their alert and task ids to the references, and only those")
  void references() {
    List<SourceRecord> data = Fixtures.boundaryData(RANGE);
    ExportBundle bundle = new TestBuilder(InMemoryDataSource.of(data), DIRECTORY)
        .build(Fixtures.plan(ExportCategory.COMPLIANCE_PACK, ExportScope.federation("fed-a"), RANGE), Fixtures.CLOCK);
    ExportScope scope = ExportScope.federation("fed-a");
    List<String> alerts = Expected.itemIds(SectionKind.SLA_COMPLIANCE, data, scope, RANGE).stream()
        .filter(id -> id.startsWith("alert:")).map(id -> id.substring(6)).sorted().toList();
    List<String> tasks = Expected.itemIds(SectionKind.SLA_COMPLIANCE, data, scope, RANGE).stream()
        .filter(id -> id.startsWith("task:")).map(id -> id.substring(5)).sorted().toList();
    assertFalse(alerts.isEmpty());
    assertEquals(alerts, bundle.references().ids(SourceType.ALERTS));
    assertEquals(tasks, bundle.references().ids(SourceType.TASKS));
    bundle.references().ids(SourceType.ALERTS).forEach(id -> assertEquals(true, id.endsWith("-sla"), id));
  }

  /** met, breached, expected rate: half-up to one decimal, n/a without met or breached. */
  static Stream<Arguments> rates() {
    return Stream.of(
        Arguments.of(0, 0, "n/a"),
        Arguments.of(1, 0, "100.0%"),
        Arguments.of(0, 1, "0.0%"),
        Arguments.of(2, 1, "66.7%"),
        Arguments.of(1, 7, "12.5%"),
        Arguments.of(1, 15, "6.3%"),
        Arguments.of(3, 5, "37.5%"));
  }

  @ParameterizedTest(name = "{0} met, {1} breached: {2}")
  @MethodSource("rates")
  @DisplayName("the summary counts met, breached and pending and gives the compliance rate")
  void summary(int met, int breached, String rate) {
    List<SourceRecord> data = new ArrayList<>();
    for (int i = 0; i < met; i++) {
      data.add(Fixtures.alert("m-" + i, "t-1", null, CREATED, DEADLINE, DEADLINE));
    }
    for (int i = 0; i < breached; i++) {
      data.add(Fixtures.task("b-" + i, "t-1", null, CREATED, DEADLINE, DEADLINE.plus(NANO)));
    }
    data.add(Fixtures.task("p-0", "t-1", null, CREATED, TO, null));
    ExportSection section = sla(InMemoryDataSource.of(data), RANGE, Fixtures.CLOCK);
    int total = met + breached + 1;
    assertEquals(total + " SLA record" + (total == 1 ? "" : "s") + ": " + met + " met, " + breached + " breached, 1 pending; "
        + "compliance rate " + rate + ".", section.summary());
    Map<String, Long> counted = section.itemList().stream()
        .collect(Collectors.groupingBy(item -> (String) item.data().get("slaStatus"), Collectors.counting()));
    assertEquals(met, counted.getOrDefault("met", 0L));
    assertEquals(breached, counted.getOrDefault("breached", 0L));
    assertEquals(1, counted.getOrDefault("pending", 0L));
  }

  @Test
  @DisplayName("an empty SLA section says so")
  void empty() {
    ExportSection section = sla(InMemoryDataSource.empty(), RANGE, Fixtures.CLOCK);
    assertEquals(0, section.itemCount());
    assertEquals("No alerts or tasks with an SLA deadline in scope.", section.summary());
  }
}
