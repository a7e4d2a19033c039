package dev.exporthub.core.bundle;

import static dev.exporthub.core.bundle.Fixtures.DIRECTORY;
import static dev.exporthub.core.bundle.Fixtures.FROM;
import static dev.exporthub.core.bundle.Fixtures.RANGE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.source.Alert;
import dev.exporthub.api.source.AuditFinding;
import dev.exporthub.api.source.CapacityProjection;
import dev.exporthub.api.source.DriftEvent;
import dev.exporthub.api.source.Insight;
import dev.exporthub.api.source.OperatorMetric;
import dev.exporthub.api.source.RealTimeSignal;
import dev.exporthub.api.source.Report;
import dev.exporthub.api.source.Schedule;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.Task;
import dev.exporthub.core.source.InMemoryDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Each section's summary: a fixed sentence of counts and metrics. */
class SectionSummaryTest {

  private static Instant at(int hours) {
    return FROM.plus(Duration.ofHours(hours));
  }

  private static ExportSection section(ExportCategory category, List<? extends SourceRecord> records) {
    ExportBundle bundle = new TestBuilder(InMemoryDataSource.of(records), DIRECTORY)
        .build(Fixtures.plan(category, ExportScope.tenant("t-1"), RANGE), Fixtures.CLOCK);
    return bundle.sections().get(0);
  }

  static Stream<Arguments> sentences() {
    return Stream.of(
        Arguments.of(ExportCategory.AUDIT_FINDINGS, List.of(
            new AuditFinding("af-1", "critical", "c", "open", "d", at(1), null, "t-1", null, null, null),
            new AuditFinding("af-2", "low", "c", "resolved", "d", at(2), at(3), "t-1", null, null, null),
            new AuditFinding("af-3", "LOW", "c", "Open", "d", at(3), null, "t-1", "f-1", null, null),
            new AuditFinding("af-4", "moderate", "c", "open", "d", at(4), null, "t-1", null, null, null),
            new AuditFinding("af-5", "medium", "c", "open", "d", at(5), null, "t-1", null, null, null),
            new AuditFinding("af-x", "high", "c", "open", "d", at(4), null, "t-2", null, null, null)),
            "5 audit findings: 1 critical, 1 medium, 2 low, 1 moderate; 4 open, 1 resolved."),
        Arguments.of(ExportCategory.AUDIT_FINDINGS, List.of(
            new AuditFinding("af-1", "high", "c", "open", "d", at(1), null, "t-1", null, null, null)),
            "1 audit finding: 1 high; 1 open."),
        Arguments.of(ExportCategory.DRIFT_LOGS, List.of(
            new DriftEvent("d-1", "high", "temperature", at(1), null, "t-1", null, null, null),
            new DriftEvent("d-2", "high", "temperature", at(2), at(5), "t-1", null, null, null),
            new DriftEvent("d-3", "info", "humidity", at(3), null, "t-1", null, null, null)),
            "3 drift events: 2 high, 1 info; 2 unresolved."),
        Arguments.of(ExportCategory.ALERT_LOGS, List.of(
            new Alert("a-1", "medium", "c", "open", at(1), null, null, "t-1", null, null, null),
            new Alert("a-2", "critical", "c", "resolved", at(2), at(3), at(4), "t-1", null, null, null)),
            "2 alerts: 1 critical, 1 medium; 1 open, 1 resolved."),
        Arguments.of(ExportCategory.TASK_LOGS, List.of(
            new Task("k-1", "low", "done", at(1), at(2), null, null, "t-1", null, null, null),
            new Task("k-2", "high", "open", at(2), null, null, "op", "t-1", null, null, null),
            new Task("k-3", "low", "done", at(3), at(4), at(5), null, "t-1", null, null, null)),
            "3 tasks: 1 high, 2 low priority; 2 done, 1 open."),
        Arguments.of(ExportCategory.OPERATOR_ANALYTICS, List.of(
            new OperatorMetric("m-1", "op-1", "Ann", 0.5, 0.9, 0.8, at(1), "t-1", null, null, null),
            new OperatorMetric("m-2", "op-1", "Ann", 0.25, 0.6, 1.0, at(2), "t-1", null, null, null),
            new OperatorMetric("m-3", "op-2", "Bo", 0.125, 0.3, 0.9, at(3), "t-1", null, null, null)),
            "3 operator metrics for 2 operators: average utilization 0.29, average task completion 0.60,"
                + " average SLA compliance 0.90."),
        Arguments.of(ExportCategory.OPERATOR_ANALYTICS, List.of(
            new OperatorMetric("m-1", "op-1", "Ann", 0.125, 1, 0, at(1), "t-1", null, null, null)),
            "1 operator metric for 1 operator: average utilization 0.13, average task completion 1.00,"
                + " average SLA compliance 0.00."),
        Arguments.of(ExportCategory.REAL_TIME_METRICS, List.of(
            new RealTimeSignal("s-1", "cpu", 91.5, "%", "high", at(1), "t-1", null, null, null),
            new RealTimeSignal("s-2", "cpu", 10, "%", "low", at(2), "t-1", null, null, null),
            new RealTimeSignal("s-3", "temperature", 40, "C", "high", at(3), "t-1", null, null, null)),
            "3 signals across 2 metrics: 2 high, 1 low."),
        Arguments.of(ExportCategory.CAPACITY_FORECASTS, List.of(
            new CapacityProjection("p-1", "storage", 10, "medium", at(1), at(2), "t-1", null, null, null),
            new CapacityProjection("p-2", "storage", 20, "high", at(2), at(3), "t-1", null, null, null),
            new CapacityProjection("p-3", "cpu", 30, "medium", at(3), at(4), "t-1", null, null, null),
            new CapacityProjection("p-4", "cpu", 30, "low", at(4), at(5), "t-1", null, null, null)),
            "4 capacity projections: highest risk level high; 1 high, 2 medium, 1 low."),
        Arguments.of(ExportCategory.SCHEDULES, List.of(
            new Schedule("sc-1", 10, 2, 1, 0.5, 0.3, at(1), "t-1", null, null, null),
            new Schedule("sc-2", 5, 0, 0, 0.75, 0.7, at(2), "t-1", null, null, null)),
            "2 schedules: 15 slots, 2 conflicts (1 critical); average capacity utilization 0.63;"
                + " highest SLA risk score 0.70."),
        Arguments.of(ExportCategory.SCHEDULES, List.of(
            new Schedule("sc-1", 1, 1, 0, 0.5, -0.25, at(1), "t-1", null, null, null)),
            "1 schedule: 1 slot, 1 conflict (0 critical); average capacity utilization 0.50;"
                + " highest SLA risk score -0.25."),
        Arguments.of(ExportCategory.INSIGHTS, List.of(
            new Insight("i-1", "cost", "info", "s", Map.of("x", 1.0), at(1), "t-1", null, null, null),
            new Insight("i-2", "cost", "critical", "s", null, at(2), "t-1", null, null, null)),
            "2 insights: 1 critical, 1 info."),
        Arguments.of(ExportCategory.REPORTS, List.of(
            new Report("r-1", "compliance", "R1", 3, at(1), "t-1", null, null, null),
            new Report("r-2", "operations", "R2", 4, at(2), "t-1", null, null, null),
            new Report("r-3", "compliance", "R3", 0, at(3), "t-1", null, null, null)),
            "3 reports: 2 compliance, 1 operations; 7 sections in total."),
        Arguments.of(ExportCategory.REPORTS, List.of(
            new Report("r-1", "compliance", "R1", 1, at(1), "t-1", null, null, null)),
            "1 report: 1 compliance; 1 section in total."));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("sentences")
  @DisplayName("a section's summary is its fixed sentence of counts and metrics")
  void sentence(ExportCategory category, List<? extends SourceRecord> records, String expected) {
    assertEquals(expected, section(category, records).summary());
  }

  static Stream<Arguments> empties() {
    return Stream.of(
        Arguments.of(SectionKind.AUDIT_FINDINGS, "No audit findings in scope."),
        Arguments.of(SectionKind.DRIFT_LOGS, "No drift events in scope."),
        Arguments.of(SectionKind.SLA_COMPLIANCE, "No alerts or tasks with an SLA deadline in scope."),
        Arguments.of(SectionKind.ALERT_LOGS, "No alerts in scope."),
        Arguments.of(SectionKind.TASK_LOGS, "No tasks in scope."),
        Arguments.of(SectionKind.OPERATOR_ANALYTICS, "No operator metrics in scope."),
        Arguments.of(SectionKind.REAL_TIME_METRICS, "No real-time signals in scope."),
        Arguments.of(SectionKind.CAPACITY_FORECASTS, "No capacity projections in scope."),
        Arguments.of(SectionKind.SCHEDULES, "No schedules in scope."),
        Arguments.of(SectionKind.INSIGHTS, "No executive insights in scope."),
        Arguments.of(SectionKind.REPORTS, "No enterprise reports in scope."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("empties")
  @DisplayName("an empty section says there is nothing in scope")
  void empty(SectionKind kind, String expected) {
    ExportCategory category = kind == SectionKind.SLA_COMPLIANCE ? ExportCategory.COMPLIANCE_PACK
        : ExportCategory.FULL_OPERATIONAL;
    ExportBundle bundle = new TestBuilder(InMemoryDataSource.empty(), DIRECTORY)
        .build(Fixtures.plan(category, ExportScope.tenant("t-1"), RANGE), Fixtures.CLOCK);
    ExportSection section = bundle.sections().stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
    assertEquals(expected, section.summary());
  }

  @ParameterizedTest
  @EnumSource(SectionKind.class)
  @DisplayName("every section kind has a summary of its own")
  void everyKindSummarises(SectionKind kind) {
    assertEquals(0, SectionSummary.of(kind).count);
  }
}
