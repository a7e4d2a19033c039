package dev.exporthub.api;

import dev.exporthub.api.source.SourceType;
import java.util.Optional;

/**
 * The eleven kinds of bundle section: one per operational source, plus SLA compliance derived from
 * alerts and tasks. A section kind looks the same in every category that includes it.
 */
public enum SectionKind {
  AUDIT_FINDINGS("audit-findings", "Audit Findings", "All audit findings with severity and status",
      "Phase 50: Audit & Governance Engine", SourceType.AUDIT_FINDINGS, "audit-finding", "findings"),
  DRIFT_LOGS("drift-logs", "Environmental Drift Events", "Environmental drift detection logs",
      "Phase 51: Drift Detection Engine", SourceType.DRIFT_EVENTS, "drift-event", "drifts"),
  SLA_COMPLIANCE("sla-compliance", "SLA Compliance", "Task and alert SLA tracking with met/breached status",
      "Phases 52-53: Alert & Task SLA Tracking", null, "sla-record", "sla"),
  ALERT_LOGS("alert-logs", "Alert Logs", "Alert and notification tracking",
      "Phase 52: Alert & Notification Engine", SourceType.ALERTS, "alert", "alerts"),
  TASK_LOGS("task-logs", "Task Logs", "Task and workflow execution",
      "Phase 53: Task & Workflow Engine", SourceType.TASKS, "task", "tasks"),
  OPERATOR_ANALYTICS("operator-analytics", "Operator Analytics", "Operator and team performance metrics",
      "Phase 54: Operator & Team Performance Engine", SourceType.OPERATOR_METRICS, "operator-metric", "operators"),
  REAL_TIME_METRICS("real-time-metrics", "Real-Time Metrics", "Real-time telemetry signals",
      "Phase 55: Real-Time Telemetry & Signal Processing", SourceType.REAL_TIME_SIGNALS, "real-time-signal", "signals"),
  CAPACITY_FORECASTS("capacity-forecasts", "Capacity Forecasts", "Capacity and resource projections",
      "Phase 56: Capacity Forecasting & Resource Planning", SourceType.CAPACITY_PROJECTIONS, "capacity-projection", "projections"),
  SCHEDULES("schedules", "Workload Schedules", "Workload orchestration and scheduling data",
      "Phase 57: Workload Orchestration & Scheduling Engine", SourceType.SCHEDULES, "schedule", "schedules"),
  INSIGHTS("insights", "Executive Insights", "Strategic analysis and insights",
      "Phase 58: Executive Insights & Enterprise Reporting Center", SourceType.INSIGHTS, "insight", "insights"),
  REPORTS("reports", "Enterprise Reports", "Comprehensive enterprise reports",
      "Phase 59: Enterprise Reporting & Compliance Pack Generator", SourceType.REPORTS, "report", "reports");

  private final String id;
  private final String title;
  private final String description;
  private final String dataSource;
  private final SourceType source;
  private final String itemType;
  private final String fileStem;

  SectionKind(String id, String title, String description, String dataSource, SourceType source,
      String itemType, String fileStem) {
    this.id = id;
    this.title = title;
    this.description = description;
    this.dataSource = dataSource;
    this.source = source;
    this.itemType = itemType;
    this.fileStem = fileStem;
  }

  /** The section id, e.g. {@code drift-logs}. */
  public String id() {
    return id;
  }

  /** The section title, e.g. {@code Environmental Drift Events}. */
  public String title() {
    return title;
  }

  /** A one-line description of what the section holds. */
  public String description() {
    return description;
  }

  /** The data-source label, e.g. {@code Phase 51: Drift Detection Engine}. */
  public String dataSource() {
    return dataSource;
  }

  /** The source whose records are this section's items; empty for {@link #SLA_COMPLIANCE}. */
  public Optional<SourceType> source() {
    return Optional.ofNullable(source);
  }

  /** The item type of this section's items, e.g. {@code drift-event} or {@code sla-record}. */
  public String itemType() {
    return itemType;
  }

  /**
   * The file name stem inside an auditor package, e.g. {@code drifts}: the section's files are
   * {@code {id}/{fileStem}.json} and {@code {id}/{fileStem}.csv}.
   */
  public String fileStem() {
    return fileStem;
  }
}
