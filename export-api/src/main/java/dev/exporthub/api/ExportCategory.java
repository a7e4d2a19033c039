package dev.exporthub.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The fourteen export categories. Each is a plan: an ordered list of {@link SectionKind}s.
 *
 * <p>The compliance pack holds audit findings, drift logs and SLA compliance; the executive summary
 * holds insights and reports; the operational snapshot holds tasks, alerts, schedules and capacity
 * forecasts; each single-source category holds its one section; the full operational export holds
 * the ten source sections in phase order (50 to 59), without the derived SLA section.
 */
public enum ExportCategory {
  COMPLIANCE_PACK("compliance-pack", "Compliance Pack", "Full compliance bundle for audits",
      SectionKind.AUDIT_FINDINGS, SectionKind.DRIFT_LOGS, SectionKind.SLA_COMPLIANCE),
  EXECUTIVE_SUMMARY("executive-summary", "Executive Summary", "High-level strategic insights for executives",
      SectionKind.INSIGHTS, SectionKind.REPORTS),
  OPERATIONAL_SNAPSHOT("operational-snapshot", "Operational Snapshot", "Current operational state snapshot",
      SectionKind.TASK_LOGS, SectionKind.ALERT_LOGS, SectionKind.SCHEDULES, SectionKind.CAPACITY_FORECASTS),
  AUDIT_FINDINGS("audit-findings", "Audit Findings", "Audit findings from Phase 50",
      SectionKind.AUDIT_FINDINGS),
  DRIFT_LOGS("drift-logs", "Drift Logs", "Environmental drift events from Phase 51",
      SectionKind.DRIFT_LOGS),
  ALERT_LOGS("alert-logs", "Alert Logs", "Alerts from Phase 52",
      SectionKind.ALERT_LOGS),
  TASK_LOGS("task-logs", "Task Logs", "Tasks from Phase 53",
      SectionKind.TASK_LOGS),
  OPERATOR_ANALYTICS("operator-analytics", "Operator Analytics", "Operator metrics from Phase 54",
      SectionKind.OPERATOR_ANALYTICS),
  REAL_TIME_METRICS("real-time-metrics", "Real-Time Metrics", "Real-time signals from Phase 55",
      SectionKind.REAL_TIME_METRICS),
  CAPACITY_FORECASTS("capacity-forecasts", "Capacity Forecasts", "Capacity projections from Phase 56",
      SectionKind.CAPACITY_FORECASTS),
  SCHEDULES("schedules", "Schedules", "Workload schedules from Phase 57",
      SectionKind.SCHEDULES),
  INSIGHTS("insights", "Insights", "Executive insights from Phase 58",
      SectionKind.INSIGHTS),
  REPORTS("reports", "Reports", "Enterprise reports from Phase 59",
      SectionKind.REPORTS),
  FULL_OPERATIONAL("full-operational", "Full Operational Export", "Complete operational data export",
      SectionKind.AUDIT_FINDINGS, SectionKind.DRIFT_LOGS, SectionKind.ALERT_LOGS, SectionKind.TASK_LOGS,
      SectionKind.OPERATOR_ANALYTICS, SectionKind.REAL_TIME_METRICS, SectionKind.CAPACITY_FORECASTS,
      SectionKind.SCHEDULES, SectionKind.INSIGHTS, SectionKind.REPORTS);

  private final String id;
  private final String title;
  private final String useCase;
  private final List<SectionKind> sections;

  ExportCategory(String id, String title, String useCase, SectionKind... sections) {
    this.id = id;
    this.title = title;
    this.useCase = useCase;
    this.sections = List.of(sections);
  }

  /** The stable kebab-case id, e.g. {@code compliance-pack}. */
  public String id() {
    return id;
  }

  /** The human title, e.g. {@code Compliance Pack}. */
  public String title() {
    return title;
  }

  /** What the category is for, in one line. */
  public String useCase() {
    return useCase;
  }

  /** The sections of this category's bundles, in order. Unmodifiable. */
  public List<SectionKind> sections() {
    return sections;
  }

  /**
   * The category with this id, case-insensitively.
   *
   * @throws InvalidRequestException naming the valid ids when there is none
   */
  public static ExportCategory fromId(String id) {
    if (id != null) {
      String wanted = id.strip().toLowerCase(Locale.ROOT);
      for (ExportCategory category : values()) {
        if (category.id.equals(wanted)) {
          return category;
        }
      }
    }
    throw new InvalidRequestException("Unknown export category '" + id + "'; expected one of: "
        + Arrays.stream(values()).map(ExportCategory::id).collect(Collectors.joining(", ")));
  }
}
