package dev.exporthub.samples;

import static dev.exporthub.samples.Draw.round;
import static dev.exporthub.samples.RecordGenerator.OPERATORS_PER_TENANT;
import static dev.exporthub.samples.Vocabulary.*;

import dev.exporthub.api.source.Alert;
import dev.exporthub.api.source.AuditFinding;
import dev.exporthub.api.source.DriftEvent;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.source.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Audit findings, drift events, alerts and tasks: items that open at their timestamp and may have
 * closed since, but only before now; alerts and tasks also have an SLA that the closing time
 * mostly meets.
 */
final class IncidentRecords {

  private IncidentRecords() {}

  static AuditFinding auditFinding(Draw d) {
    int category = d.rng.nextInt(AUDIT_CATEGORIES.length);
    String severity = d.level();
    String[] templates = AUDIT_DESCRIPTIONS[category];
    String description = templates[d.rng.nextInt(templates.length)]
        .replace("#", Long.toString(d.between(2, 30)));
    Instant resolvedAt = d.resolution(Duration.ofMinutes(d.between(2 * 60, 21 * 24 * 60)), 0.6);
    String status = resolvedAt != null
        ? (d.chance(0.6) ? "resolved" : "closed")
        : (d.chance(0.55) ? "open" : "in-progress");
    String facility = d.facility(0.15);
    List<String> related = new ArrayList<>(2);
    d.relate(0.45, SourceType.DRIFT_EVENTS, related);
    d.relate(0.15, SourceType.ALERTS, related);
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("framework", d.pick(FRAMEWORKS));
    attributes.put("controlId", AUDIT_CONTROLS[category] + "-" + d.between(1, 12));
    attributes.put("auditor", d.operatorName(d.rng.nextInt(OPERATORS_PER_TENANT)));
    attributes.put("evidenceCount", d.between(0, 12));
    return new AuditFinding(d.id, severity, AUDIT_CATEGORIES[category], status, description, d.at, resolvedAt,
        d.tenantId, facility, related, attributes);
  }

  static DriftEvent driftEvent(Draw d) {
    int category = d.rng.nextInt(DRIFT_CATEGORIES.length);
    // Mostly small deviations, a tail of large ones.
    double deviation = round(3 + 37 * Math.pow(d.rng.nextDouble(), 2.2), 1);
    String severity = deviation >= 25 ? "critical" : deviation >= 15 ? "high" : deviation >= 8 ? "medium" : "low";
    double baseline = DRIFT_BASELINES[category];
    double observed = round(baseline * (1 + (d.chance(0.8) ? 1 : -1) * deviation / 100), 2);
    Instant resolvedAt = d.resolution(Duration.ofMinutes(d.between(5, 48 * 60)), 0.8);
    String facility = d.facility(0.05);
    List<String> related = new ArrayList<>(2);
    if (d.chance(0.5)) {
      d.relate(SourceType.REAL_TIME_SIGNALS, related);
      d.relate(0.4, SourceType.REAL_TIME_SIGNALS, related);
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("sensorId", d.sensorId(facility, DRIFT_SENSORS[category]));
    attributes.put("unit", DRIFT_UNITS[category]);
    attributes.put("baseline", baseline);
    attributes.put("observed", observed);
    attributes.put("deviationPercent", deviation);
    attributes.put("durationMinutes", d.between(3, 240));
    return new DriftEvent(d.id, severity, DRIFT_CATEGORIES[category], d.at, resolvedAt, d.tenantId, facility,
        related, attributes);
  }

  static Alert alert(Draw d) {
    int category = d.rng.nextInt(ALERT_CATEGORIES.length);
    int level = d.levelIndex();
    Duration sla = Duration.ofHours(ALERT_SLA_HOURS[level]);
    Instant deadline = d.chance(0.85) ? d.at.plus(sla) : null;
    Instant resolvedAt = d.resolution(d.slaBoundDuration(sla), 0.85);
    String status = resolvedAt != null
        ? (d.chance(0.7) ? "resolved" : "closed")
        : d.pick(new String[] {"open", "open", "acknowledged", "in-progress"});
    String facility = d.facility(0.1);
    List<String> related = new ArrayList<>(2);
    d.relate(0.55, SourceType.DRIFT_EVENTS, related);
    d.relate(0.1, SourceType.AUDIT_FINDINGS, related);
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("source", ALERT_SOURCES[category]);
    attributes.put("channel", d.pick(CHANNELS));
    attributes.put("escalationLevel", d.between(0, 3));
    attributes.put("message", ALERT_MESSAGES[category].replace("#", Long.toString(d.between(1, 12))));
    if (!status.equals("open")) {
      attributes.put("acknowledgedBy", d.operatorId(d.rng.nextInt(OPERATORS_PER_TENANT)));
    }
    return new Alert(d.id, LEVELS[level], ALERT_CATEGORIES[category], status, d.at, resolvedAt, deadline,
        d.tenantId, facility, related, attributes);
  }

  static Task task(Draw d) {
    int level = d.levelIndex();
    int workflow = d.rng.nextInt(WORKFLOWS.length);
    Duration sla = Duration.ofHours(TASK_SLA_HOURS[level]);
    Instant deadline = d.chance(0.8) ? d.at.plus(sla) : null;
    Instant completedAt = d.resolution(d.slaBoundDuration(sla), 0.8);
    String status = completedAt != null
        ? "completed"
        : d.pick(new String[] {"open", "open", "in-progress", "in-progress", "blocked"});
    String assignedTo = completedAt == null && d.chance(0.15) ? null : d.operatorId(d.rng.nextInt(OPERATORS_PER_TENANT));
    String facility = d.facility(0.1);
    List<String> related = new ArrayList<>(2);
    d.relate(0.65, SourceType.ALERTS, related);
    d.relate(0.15, SourceType.AUDIT_FINDINGS, related);
    String[] titles = TASK_TITLES[workflow];
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("title", titles[d.rng.nextInt(titles.length)].replace("#", Long.toString(d.between(1, 24))));
    attributes.put("workflow", WORKFLOWS[workflow]);
    attributes.put("estimatedHours", d.between(1, 32) / 2.0);
    attributes.put("checklistItems", d.between(0, 15));
    return new Task(d.id, LEVELS[level], status, d.at, completedAt, deadline, assignedTo, d.tenantId, facility,
        related, attributes);
  }
}
