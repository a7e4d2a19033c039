package dev.exporthub.core.bundle;

import static dev.exporthub.core.bundle.Fixtures.CLOCK;
import static dev.exporthub.core.bundle.Fixtures.DIRECTORY;
import static dev.exporthub.core.bundle.Fixtures.RANGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.core.source.InMemoryDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fourteen category plans against the tables of {@code docs/SPECIFICATION.md} §3.1 and §3.2, and
 * each section's exact items (§3.3).
 */
class CategoryPlanTest {

  /** {@code docs/SPECIFICATION.md} §3.2: sectionId, title, dataSource label, itemType. */
  private static final Map<String, List<String>> SECTIONS = Map.ofEntries(
      Map.entry("audit-findings", List.of("Audit Findings", "Phase 50: Audit & Governance Engine", "audit-finding")),
      Map.entry("drift-logs", List.of("Environmental Drift Events", "Phase 51: Drift Detection Engine", "drift-event")),
      Map.entry("sla-compliance", List.of("SLA Compliance", "Phases 52-53: Alert & Task SLA Tracking", "sla-record")),
      Map.entry("alert-logs", List.of("Alert Logs", "Phase 52: Alert & Notification Engine", "alert")),
      Map.entry("task-logs", List.of("Task Logs", "Phase 53: Task & Workflow Engine", "task")),
      Map.entry("operator-analytics",
          List.of("Operator Analytics", "Phase 54: Operator & Team Performance Engine", "operator-metric")),
      Map.entry("real-time-metrics",
          List.of("Real-Time Metrics", "Phase 55: Real-Time Telemetry & Signal Processing", "real-time-signal")),
      Map.entry("capacity-forecasts",
          List.of("Capacity Forecasts", "Phase 56: Capacity Forecasting & Resource Planning", "capacity-projection")),
      Map.entry("schedules",
          List.of("Workload Schedules", "Phase 57: Workload Orchestration & Scheduling Engine", "schedule")),
      Map.entry("insights",
          List.of("Executive Insights", "Phase 58: Executive Insights & Enterprise Reporting Center", "insight")),
      Map.entry("reports",
          List.of("Enterprise Reports", "Phase 59: Enterprise Reporting & Compliance Pack Generator", "report")));

  /** {@code docs/SPECIFICATION.md} §3.1: each category's sections, in order. */
  private static final Map<String, List<String>> PLANS = Map.ofEntries(
      Map.entry("compliance-pack", List.of("audit-findings", "drift-logs", "sla-compliance")),
      Map.entry("executive-summary", List.of("insights", "reports")),
      Map.entry("operational-snapshot", List.of("task-logs", "alert-logs", "schedules", "capacity-forecasts")),
      Map.entry("audit-findings", List.of("audit-findings")),
      Map.entry("drift-logs", List.of("drift-logs")),
      Map.entry("alert-logs", List.of("alert-logs")),
      Map.entry("task-logs", List.of("task-logs")),
      Map.entry("operator-analytics", List.of("operator-analytics")),
      Map.entry("real-time-metrics", List.of("real-time-metrics")),
      Map.entry("capacity-forecasts", List.of("capacity-forecasts")),
      Map.entry("schedules", List.of("schedules")),
      Map.entry("insights", List.of("insights")),
      Map.entry("reports", List.of("reports")),
      Map.entry("full-operational", List.of("audit-findings", "drift-logs", "alert-logs", "task-logs",
          "operator-analytics", "real-time-metrics", "capacity-forecasts", "schedules", "insights", "reports")));

  private static final List<SourceRecord> DATA = Fixtures.boundaryData(RANGE);

  private static final List<ExportScope> SCOPES = List.of(
      ExportScope.tenant("t-1"),
      ExportScope.facility("t-2", "f-1"),
      ExportScope.federation("fed-a"),
      new ExportScope(null, "f-2", "fed-a"),
      new ExportScope("t-2", null, "fed-a"),
      new ExportScope("t-3", null, "fed-a"),
      ExportScope.federation("fed-unknown"));

  static Stream<Arguments> categoriesAndScopes() {
    List<Arguments> all = new ArrayList<>();
    for (ExportCategory category : ExportCategory.values()) {
      for (ExportScope scope : SCOPES) {
        all.add(Arguments.of(category, scope));
      }
    }
    return all.stream();
  }

  @Test
  @DisplayName("the test's tables cover all 14 categories and 11 section kinds")
  void tablesAreComplete() {
    assertEquals(14, PLANS.size());
    assertEquals(ExportCategory.values().length, PLANS.size());
    assertEquals(SectionKind.values().length, SECTIONS.size());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ExportCategory.class)
  @DisplayName("each category's sections have the ids, titles, data-source labels and order of SPECIFICATION.md §3.1 and §3.2")
  void sectionsFollowTheDesignTable(ExportCategory category) {
    ExportBundle bundle = new TestBuilder(InMemoryDataSource.of(DATA), DIRECTORY)
        .build(Fixtures.plan(category, ExportScope.tenant("t-1"), RANGE), CLOCK);
    List<String> planned = PLANS.get(category.id());
    assertEquals(planned, bundle.sections().stream().map(ExportSection::sectionId).toList());
    for (ExportSection section : bundle.sections()) {
      List<String> row = SECTIONS.get(section.sectionId());
      assertEquals(row.get(0), section.title(), section.sectionId());
      assertEquals(row.get(1), section.dataSource(), section.sectionId());
      assertEquals(section.kind().description(), section.description());
      assertTrue(section.itemCount() > 0, "the boundary data fill every section: " + section.sectionId());
      for (ExportItem item : section.itemList()) {
        assertEquals(row.get(2), item.itemType(), item.itemId());
      }
    }
    assertEquals(planned.stream().map(id -> SECTIONS.get(id).get(1)).distinct().toList(),
        bundle.metadata().dataSourcesUsed());
  }

  @ParameterizedTest(name = "{0} for {1}")
  @MethodSource("categoriesAndScopes")
  @DisplayName("each section holds exactly the records in scope and range, ordered by (timestamp, id)")
  void sectionsHoldExactlyTheRecordsInScopeAndRange(ExportCategory category, ExportScope scope) {
    ExportBundle bundle = new TestBuilder(InMemoryDataSource.of(DATA), DIRECTORY)
        .build(Fixtures.plan(category, scope, RANGE), CLOCK);
    long total = 0;
    for (ExportSection section : bundle.sections()) {
      List<String> expected = Expected.itemIds(section.kind(), DATA, scope, RANGE);
      List<String> actual = section.itemList().stream().map(ExportItem::itemId).toList();
      assertEquals(expected, actual, section.sectionId());
      assertEquals(expected.size(), section.itemCount(), section.sectionId());
      total += expected.size();
    }
    assertEquals(total, bundle.metadata().totalItems());
  }

  @Test
  @DisplayName("the boundary data put items on, just inside and just outside both ends of the range")
  void boundaryDataStraddleTheEdges() {
    ExportScope scope = ExportScope.tenant("t-1");
    List<String> inRange = Expected.itemIds(SectionKind.AUDIT_FINDINGS, DATA, scope, RANGE);
    long allOfTenant = DATA.stream()
        .filter(r -> r.type() == SourceType.AUDIT_FINDINGS && r.tenantId().equals("t-1")).count();
    // seven edge instants per tenant and facility; three of them (from - 1ns, to, to + 1ns) are outside
    assertEquals(21, allOfTenant);
    assertEquals(12, inRange.size());
  }

  @Test
  @DisplayName("full operational keeps empty sections: ten sections in phase order, no SLA section")
  void fullOperationalKeepsEmptySections() {
    List<SourceRecord> onlyFindings = DATA.stream().filter(r -> r.type() == SourceType.AUDIT_FINDINGS).toList();
    ExportBundle bundle = new TestBuilder(InMemoryDataSource.of(onlyFindings), DIRECTORY)
        .build(Fixtures.plan(ExportCategory.FULL_OPERATIONAL, ExportScope.tenant("t-1"), RANGE), CLOCK);
    assertEquals(10, bundle.sections().size());
    assertEquals(List.of(50, 51, 52, 53, 54, 55, 56, 57, 58, 59), bundle.sections().stream()
        .map(s -> s.kind().source().orElseThrow().phase()).toList());
    assertEquals(12, bundle.sections().get(0).itemCount());
    bundle.sections().stream().skip(1).forEach(s -> {
      assertEquals(0, s.itemCount(), s.sectionId());
      assertEquals(List.of(), s.itemList(), s.sectionId());
    });
    assertEquals(10, bundle.metadata().dataSourcesUsed().size());
    assertEquals(10, bundle.metadata().totalSections());
  }
}
