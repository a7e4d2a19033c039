package dev.exporthub.samples;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.Alert;
import dev.exporthub.api.source.AuditFinding;
import dev.exporthub.api.source.CapacityProjection;
import dev.exporthub.api.source.DriftEvent;
import dev.exporthub.api.source.Insight;
import dev.exporthub.api.source.OperatorMetric;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.source.Task;
import dev.exporthub.api.spi.SourceQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleDataTest {

  private static final SampleData DEFAULTS = SampleData.defaults();
  private static final Comparator<SourceRecord> BY_TIME_AND_ID =
      Comparator.comparing(SourceRecord::timestamp).thenComparing(SourceRecord::id);

  static List<SourceRecord> all(SampleData data, SourceType type) {
    return new ArrayList<>(data.records(type).toList());
  }

  static Map<SourceType, List<SourceRecord>> all(SampleData data) {
    Map<SourceType, List<SourceRecord>> records = new EnumMap<>(SourceType.class);
    for (SourceType type : SourceType.values()) {
      records.put(type, all(data, type));
    }
    return records;
  }

  @Nested
  @DisplayName("settings")
  class Settings {

    @Test
    @DisplayName("the defaults are seed 42, 500 items, 3 tenants with 2 facilities, 30 days to 2026-01-15T12:00:00Z")
    void defaults() {
      assertAll(
          () -> assertEquals(42, DEFAULTS.seed()),
          () -> assertEquals(500, DEFAULTS.size()),
          () -> assertEquals(List.of("tenant-1", "tenant-2", "tenant-3"), DEFAULTS.tenantIds()),
          () -> assertEquals(List.of("tenant-2-fac-a", "tenant-2-fac-b"), DEFAULTS.facilityIds("tenant-2")),
          () -> assertEquals(List.of(), DEFAULTS.facilityIds("tenant-9")),
          () -> assertEquals(Instant.parse("2026-01-15T12:00:00Z"), DEFAULTS.now()),
          () -> assertEquals(Instant.parse("2025-12-16T12:00:00Z"), DEFAULTS.start()),
          () -> assertTrue(DEFAULTS.ordered()));
    }

    @Test
    @DisplayName("out-of-range settings are rejected with the setting's name")
    void validation() {
      SampleData.Builder builder = SampleData.builder();
      assertAll(
          () -> assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.size(-1)).getMessage().contains("size")),
          () -> assertThrows(IllegalArgumentException.class, () -> builder.size(SampleData.Builder.MAX_SIZE + 1)),
          () -> assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.tenants(0)).getMessage().contains("tenants")),
          () -> assertThrows(IllegalArgumentException.class, () -> builder.facilitiesPerTenant(27)),
          () -> assertThrows(IllegalArgumentException.class, () -> builder.facilitiesPerTenant(-1)),
          () -> assertThrows(IllegalArgumentException.class, () -> builder.spanDays(0)),
          () -> assertThrows(NullPointerException.class, () -> builder.now(null)));
    }
  }

  @Nested
  @DisplayName("size and proportions")
  class Proportions {

    @Test
    @DisplayName("the default 500 items split 50/60/70/70/40/119/30/25/20/16")
    void defaultSplit() {
      long[] expected = {50, 60, 70, 70, 40, 119, 30, 25, 20, 16};
      for (SourceType type : SourceType.values()) {
        assertEquals(expected[type.ordinal()], DEFAULTS.count(type), type.id());
        assertEquals(expected[type.ordinal()], DEFAULTS.records(type).count(), type.id());
      }
    }

    @ParameterizedTest(name = "size {0}")
    @ValueSource(longs = {0, 1, 5, 9, 10, 11, 99, 100, 101, 777, 12_345, 10_000_000})
    @DisplayName("the counts sum to the size exactly, every source has one item from 10 items on")
    void exactTotal(long size) {
      SampleData data = SampleData.builder().size(size).build();
      long total = 0;
      for (SourceType type : SourceType.values()) {
        total += data.count(type);
        if (size >= 10) {
          assertTrue(data.count(type) >= 1, type.id());
        }
      }
      assertEquals(size, total);
    }

    @Test
    @DisplayName("large sizes follow the fixed shares per 100 items")
    void shares() {
      SampleData data = SampleData.builder().size(1_000_010).build();
      int[] shares = {10, 12, 14, 14, 8, 24, 6, 5, 4, 3};
      for (SourceType type : SourceType.values()) {
        assertEquals(1 + 10_000L * shares[type.ordinal()], data.count(type), type.id());
      }
    }
  }

  @Nested
  @DisplayName("ids, order and time")
  class OrderAndTime {

    @Test
    @DisplayName("ids are a source prefix and a zero-padded 1-based number, unique within the source")
    void ids() {
      Map<SourceType, String> prefixes = Map.of(
          SourceType.AUDIT_FINDINGS, "AF-", SourceType.DRIFT_EVENTS, "DR-", SourceType.ALERTS, "AL-",
          SourceType.TASKS, "TK-", SourceType.OPERATOR_METRICS, "OM-", SourceType.REAL_TIME_SIGNALS, "SG-",
          SourceType.CAPACITY_PROJECTIONS, "CP-", SourceType.SCHEDULES, "SC-", SourceType.INSIGHTS, "IN-",
          SourceType.REPORTS, "RP-");
      for (SourceType type : SourceType.values()) {
        List<SourceRecord> records = all(DEFAULTS, type);
        for (int i = 0; i < records.size(); i++) {
          String expected = prefixes.get(type) + "0".repeat(6 - Integer.toString(i + 1).length()) + (i + 1);
          assertEquals(expected, records.get(i).id());
          assertTrue(type.recordType().isInstance(records.get(i)));
        }
      }
    }

    @Test
    @DisplayName("ids widen beyond six digits so that they still sort as numbers")
    void wideIds() {
      SampleData data = SampleData.builder().size(5_000_000).build();
      long signals = data.count(SourceType.REAL_TIME_SIGNALS);
      assertEquals(7, Long.toString(signals).length());
      SourceQuery lastDay = new SourceQuery(Set.copyOf(data.tenantIds()), null,
          TimeRange.of(data.now().minus(Duration.ofMinutes(5)), data.now()));
      List<SourceRecord> last = new ArrayList<>(data.records(SourceType.REAL_TIME_SIGNALS, lastDay).toList());
      assertFalse(last.isEmpty());
      assertEquals("SG-" + signals, last.get(last.size() - 1).id());
      assertEquals("SG-0000001", data.records(SourceType.REAL_TIME_SIGNALS).findFirst().orElseThrow().id());
    }

    @ParameterizedTest(name = "size {0}, span {1} days")
    @org.junit.jupiter.params.provider.CsvSource({"500, 30", "3000, 1", "20000, 365", "50, 7"})
    @DisplayName("records come in (timestamp, id) order with every timestamp in [now - span, now)")
    void orderedInRange(long size, int spanDays) {
      SampleData data = SampleData.builder().size(size).spanDays(spanDays).build();
      Instant from = data.now().minus(Duration.ofDays(spanDays));
      for (SourceType type : SourceType.values()) {
        List<SourceRecord> records = all(data, type);
        List<SourceRecord> sorted = new ArrayList<>(records);
        sorted.sort(BY_TIME_AND_ID);
        assertEquals(sorted, records, type.id());
        for (SourceRecord record : records) {
          assertFalse(record.timestamp().isBefore(from), record.id());
          assertTrue(record.timestamp().isBefore(data.now()), record.id());
        }
      }
    }

    @Test
    @DisplayName("timestamps spread over the whole span, not bunched at one end")
    void spread() {
      List<SourceRecord> signals = all(DEFAULTS, SourceType.REAL_TIME_SIGNALS);
      Instant first = signals.get(0).timestamp();
      Instant last = signals.get(signals.size() - 1).timestamp();
      assertTrue(first.isBefore(DEFAULTS.start().plus(Duration.ofDays(1))), first.toString());
      assertTrue(last.isAfter(DEFAULTS.now().minus(Duration.ofDays(1))), last.toString());
    }

    @Test
    @DisplayName("closing times follow the opening time and lie before now")
    void closingTimes() {
      Map<SourceType, List<SourceRecord>> records = all(SampleData.builder().size(5000).build());
      Instant now = DEFAULTS.now();
      for (SourceRecord record : records.get(SourceType.AUDIT_FINDINGS)) {
        AuditFinding finding = (AuditFinding) record;
        assertClosed(finding.foundAt(), finding.resolvedAt(), now, finding.status(), Set.of("resolved", "closed"));
      }
      for (SourceRecord record : records.get(SourceType.DRIFT_EVENTS)) {
        DriftEvent drift = (DriftEvent) record;
        assertClosed(drift.detectedAt(), drift.resolvedAt(), now, null, Set.of());
      }
      for (SourceRecord record : records.get(SourceType.ALERTS)) {
        Alert alert = (Alert) record;
        assertClosed(alert.createdAt(), alert.resolvedAt(), now, alert.status(), Set.of("resolved", "closed"));
      }
      for (SourceRecord record : records.get(SourceType.TASKS)) {
        Task task = (Task) record;
        assertClosed(task.createdAt(), task.completedAt(), now, task.status(), Set.of("completed"));
      }
      for (SourceRecord record : records.get(SourceType.CAPACITY_PROJECTIONS)) {
        CapacityProjection projection = (CapacityProjection) record;
        assertTrue(projection.windowEnd().isAfter(projection.windowStart()));
      }
    }

    private void assertClosed(Instant opened, Instant closed, Instant now, String status, Set<String> closedStatuses) {
      if (closed != null) {
        assertTrue(closed.isAfter(opened), opened + " → " + closed);
        assertTrue(closed.isBefore(now), closed.toString());
      }
      if (status != null) {
        assertEquals(closed != null, closedStatuses.contains(status), status + " with closing time " + closed);
      }
    }
  }

  @Nested
  @DisplayName("tenants, facilities and relations")
  class Tenancy {

    @Test
    @DisplayName("the federation fed-north holds the first two tenants")
    void federation() {
      assertAll(
          () -> assertEquals("fed-north", DEFAULTS.federationId()),
          () -> assertEquals(Set.of("tenant-1", "tenant-2"), DEFAULTS.federationTenantIds()),
          () -> assertEquals(Set.of("tenant-1", "tenant-2"), DEFAULTS.tenantDirectory().tenantsOf("fed-north")),
          () -> assertEquals(Set.of(), DEFAULTS.tenantDirectory().tenantsOf("fed-south")));
      SampleData single = SampleData.builder().tenants(1).build();
      assertEquals(Set.of("tenant-1"), single.tenantDirectory().tenantsOf("fed-north"));
    }

    @Test
    @DisplayName("every tenant has records of every source; tenant-1 has the most")
    void everyTenant() {
      SampleData data = SampleData.builder().size(20_000).tenants(4).build();
      Map<String, Long> perTenant = new HashMap<>();
      for (SourceType type : SourceType.values()) {
        Map<String, Long> counts = data.records(type)
            .collect(Collectors.groupingBy(SourceRecord::tenantId, Collectors.counting()));
        assertEquals(Set.copyOf(data.tenantIds()), counts.keySet(), type.id());
        counts.forEach((tenant, count) -> perTenant.merge(tenant, count, Long::sum));
      }
      assertTrue(perTenant.get("tenant-1") > perTenant.get("tenant-4"), perTenant.toString());
    }

    @Test
    @DisplayName("facilities belong to the record's tenant, and some records are tenant-wide")
    void facilities() {
      Map<SourceType, List<SourceRecord>> records = all(SampleData.builder().size(3000).facilitiesPerTenant(3).build());
      int tenantWide = 0;
      Set<String> seen = new TreeSet<>();
      for (List<SourceRecord> list : records.values()) {
        for (SourceRecord record : list) {
          if (record.facilityId() == null) {
            tenantWide++;
          } else {
            assertTrue(record.facilityId().matches(record.tenantId() + "-fac-[abc]"), record.facilityId());
            seen.add(record.facilityId().substring(record.tenantId().length()));
          }
        }
      }
      assertTrue(tenantWide > 0);
      assertEquals(Set.of("-fac-a", "-fac-b", "-fac-c"), seen);
      SampleData noFacilities = SampleData.builder().facilitiesPerTenant(0).build();
      for (SourceType type : SourceType.values()) {
        noFacilities.records(type).forEach(record -> assertNull(record.facilityId()));
      }
    }

    @ParameterizedTest(name = "size {0}, {1} tenants")
    @org.junit.jupiter.params.provider.CsvSource({"500, 3", "20, 2", "4000, 7", "300, 1"})
    @DisplayName("relatedIds name existing records of the same tenant in other sources")
    void relatedIdsResolve(long size, int tenants) {
      SampleData data = SampleData.builder().size(size).tenants(tenants).build();
      Map<String, SourceRecord> byId = new HashMap<>();
      for (SourceType type : SourceType.values()) {
        data.records(type).forEach(record -> byId.put(record.id(), record));
      }
      int relations = 0;
      for (SourceRecord record : byId.values()) {
        assertEquals(record.relatedIds().size(), new TreeSet<>(record.relatedIds()).size(), record.id());
        for (String relatedId : record.relatedIds()) {
          SourceRecord related = byId.get(relatedId);
          assertNotNull(related, record.id() + " → " + relatedId);
          assertEquals(record.tenantId(), related.tenantId(), record.id() + " → " + relatedId);
          assertNotEquals(record.type(), related.type(), record.id() + " → " + relatedId);
          relations++;
        }
      }
      assertTrue(relations > size / 10, "only " + relations + " relations");
    }

    @Test
    @DisplayName("tasks relate to alerts, alerts and audit findings to drift events, reports to insights")
    void relationKinds() {
      Map<SourceType, List<SourceRecord>> records = all(DEFAULTS);
      assertTrue(relatesTo(records.get(SourceType.TASKS), "AL-"));
      assertTrue(relatesTo(records.get(SourceType.ALERTS), "DR-"));
      assertTrue(relatesTo(records.get(SourceType.AUDIT_FINDINGS), "DR-"));
      assertTrue(relatesTo(records.get(SourceType.REPORTS), "IN-"));
      assertTrue(relatesTo(records.get(SourceType.DRIFT_EVENTS), "SG-"));
    }

    private boolean relatesTo(List<SourceRecord> records, String prefix) {
      return records.stream().anyMatch(r -> r.relatedIds().stream().anyMatch(id -> id.startsWith(prefix)));
    }

    @Test
    @DisplayName("tasks are assigned to operators of their own tenant")
    void assignees() {
      Set<String> operators = new TreeSet<>();
      DEFAULTS.records(SourceType.OPERATOR_METRICS)
          .forEach(r -> operators.add(((OperatorMetric) r).operatorId()));
      DEFAULTS.records(SourceType.TASKS).map(Task.class::cast).filter(t -> t.assignedTo() != null)
          .forEach(t -> assertTrue(t.assignedTo().matches(t.tenantId() + "-op-0[1-8]"), t.assignedTo()));
      assertTrue(operators.stream().allMatch(id -> id.matches("tenant-[123]-op-0[1-8]")), operators.toString());
    }
  }

  @Nested
  @DisplayName("realistic values")
  class Values {

    private final Map<SourceType, List<SourceRecord>> records = all(SampleData.builder().size(5000).build());

    @Test
    @DisplayName("levels are critical, high, medium or low, and all four occur")
    void levels() {
      Set<String> levels = Set.of("critical", "high", "medium", "low");
      Set<String> severities = new TreeSet<>();
      for (SourceRecord record : records.get(SourceType.AUDIT_FINDINGS)) {
        severities.add(((AuditFinding) record).severity());
      }
      assertEquals(levels, severities);
      Set<String> priorities = new TreeSet<>();
      records.get(SourceType.TASKS).forEach(r -> priorities.add(((Task) r).priority()));
      assertEquals(levels, priorities);
      Set<String> risks = new TreeSet<>();
      records.get(SourceType.CAPACITY_PROJECTIONS).forEach(r -> risks.add(((CapacityProjection) r).riskLevel()));
      assertEquals(levels, risks);
    }

    @Test
    @DisplayName("alert and task SLAs are met, breached and pending, and some items have no deadline")
    void slaMix() {
      Instant now = DEFAULTS.now();
      Map<String, Integer> outcomes = new HashMap<>();
      for (SourceRecord record : records.get(SourceType.ALERTS)) {
        Alert alert = (Alert) record;
        outcomes.merge(outcome(alert.slaDeadline(), alert.resolvedAt(), now), 1, Integer::sum);
      }
      for (SourceRecord record : records.get(SourceType.TASKS)) {
        Task task = (Task) record;
        outcomes.merge(outcome(task.slaDeadline(), task.completedAt(), now), 1, Integer::sum);
      }
      assertEquals(Set.of("met", "breached", "pending", "none"), outcomes.keySet(), outcomes.toString());
      assertTrue(outcomes.get("met") > outcomes.get("breached"), outcomes.toString());
      assertTrue(outcomes.get("none") < outcomes.get("met"), outcomes.toString());
    }

    private String outcome(Instant deadline, Instant closed, Instant now) {
      if (deadline == null) {
        return "none";
      }
      if (closed != null) {
        return closed.isAfter(deadline) ? "breached" : "met";
      }
      return deadline.isBefore(now) ? "breached" : "pending";
    }

    @Test
    @DisplayName("open and closed statuses both occur")
    void statuses() {
      Set<String> alertStatuses = new TreeSet<>();
      records.get(SourceType.ALERTS).forEach(r -> alertStatuses.add(((Alert) r).status()));
      assertTrue(alertStatuses.containsAll(Set.of("open", "acknowledged", "in-progress", "resolved", "closed")),
          alertStatuses.toString());
      Set<String> taskStatuses = new TreeSet<>();
      records.get(SourceType.TASKS).forEach(r -> taskStatuses.add(((Task) r).status()));
      assertEquals(Set.of("open", "in-progress", "blocked", "completed"), taskStatuses);
    }

    @Test
    @DisplayName("rates are fractions, insights carry metrics, signals carry units")
    void figures() {
      for (SourceRecord record : records.get(SourceType.OPERATOR_METRICS)) {
        OperatorMetric metric = (OperatorMetric) record;
        for (double rate : new double[] {metric.utilizationRate(), metric.taskCompletionRate(), metric.slaComplianceRate()}) {
          assertTrue(rate >= 0 && rate <= 1, metric.id() + " " + rate);
        }
        assertFalse(metric.operatorName().isBlank());
      }
      for (SourceRecord record : records.get(SourceType.INSIGHTS)) {
        Insight insight = (Insight) record;
        assertTrue(insight.metrics().size() >= 2, insight.id());
        assertFalse(insight.summary().isBlank());
      }
      Set<String> units = new TreeSet<>();
      records.get(SourceType.REAL_TIME_SIGNALS).forEach(r -> units.add(((dev.exporthub.api.source.RealTimeSignal) r).unit()));
      assertTrue(units.containsAll(Set.of("°C", "%RH", "ppm", "kW")), units.toString());
      assertTrue(records.get(SourceType.AUDIT_FINDINGS).stream().allMatch(r -> !r.attributes().isEmpty()));
    }
  }

  @Nested
  @DisplayName("as an OperationalDataSource")
  class AsSource {

    @Test
    @DisplayName("streams are re-creatable and equal every time")
    void restreamable() {
      for (SourceType type : SourceType.values()) {
        assertEquals(all(DEFAULTS, type), all(DEFAULTS, type), type.id());
      }
    }

    @Test
    @DisplayName("a query returns exactly the records that match its tenants, facility and time range")
    void query() {
      SampleData data = SampleData.builder().size(4000).tenants(4).build();
      List<SourceQuery> queries = List.of(
          new SourceQuery(Set.of("tenant-1", "tenant-2"), null, TimeRange.endingAt(data.now())),
          new SourceQuery(Set.of("tenant-3"), "tenant-3-fac-b",
              TimeRange.of(Instant.parse("2025-12-20T00:00:00Z"), Instant.parse("2026-01-02T06:30:00Z"))),
          new SourceQuery(Set.of("tenant-4", "nobody"), null, TimeRange.of(data.now(), data.now().plusSeconds(1))),
          new SourceQuery(Set.copyOf(data.tenantIds()), null,
              TimeRange.of(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"))),
          new SourceQuery(Set.of("tenant-2"), null, TimeRange.of(Instant.parse("2025-12-31T00:00:00Z"),
              Instant.parse("2025-12-31T00:00:00Z"))));
      for (SourceQuery query : queries) {
        for (SourceType type : SourceType.values()) {
          List<SourceRecord> expected = data.records(type)
              .filter(r -> query.matches(r.tenantId(), r.facilityId(), r.timestamp()))
              .map(SourceRecord.class::cast)
              .toList();
          assertEquals(expected, data.records(type, query).toList(), type.id() + " " + query);
        }
      }
    }
  }

  @Nested
  @DisplayName("determinism")
  class Determinism {

    @Test
    @DisplayName("the same settings give equal records, a different seed different ones")
    void seeds() {
      SampleData again = SampleData.builder().seed(42).size(500).build();
      SampleData other = SampleData.builder().seed(43).build();
      for (SourceType type : SourceType.values()) {
        assertEquals(all(DEFAULTS, type), all(again, type), type.id());
        assertNotEquals(all(DEFAULTS, type), all(other, type), type.id());
      }
    }

    @Test
    @DisplayName("a record does not depend on how many records were generated before it")
    void independentRecords() {
      SampleData data = SampleData.builder().size(2000).build();
      List<SourceRecord> alerts = all(data, SourceType.ALERTS);
      SourceQuery tail = new SourceQuery(Set.copyOf(data.tenantIds()), null,
          TimeRange.of(alerts.get(200).timestamp(), data.now()));
      assertEquals(alerts.subList(200, alerts.size()), data.records(SourceType.ALERTS, tail).toList());
    }
  }
}
