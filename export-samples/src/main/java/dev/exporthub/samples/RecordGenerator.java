package dev.exporthub.samples;

import static dev.exporthub.samples.Draw.round;
import static dev.exporthub.samples.Vocabulary.*;

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
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.source.Task;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates record {@code i} of a source as a pure function of the settings, the source and
 * {@code i}: no state is shared between records, so any record can be produced on its own, in any
 * order, any number of times.
 *
 * <p>Each record has its own seed ({@link Mix#derive} of the source's seed and the index). The
 * tenant comes from a hash of that seed, so a related record of the same tenant in another source
 * can be found by hashing a few candidate indices, without generating them. The timestamp is the
 * start of the record's step of the span plus a jitter inside the step, so timestamps never
 * decrease with the index and ids (zero-padded indices) break ties: records come in (timestamp, id)
 * order.
 */
final class RecordGenerator {

  static final int OPERATORS_PER_TENANT = 8;

  private static final String[] ID_PREFIXES = {"AF", "DR", "AL", "TK", "OM", "SG", "CP", "SC", "IN", "RP"};
  private static final long TENANT_SALT = 0x5EED_7E4A_4E75_0001L;
  private static final long OPERATOR_SALT = 0x0BE2_A702_5EED_0002L;

  private final Instant start;
  private final Instant now;
  private final long spanSeconds;
  private final int facilities;
  private final List<String> tenantIds;
  private final long[] counts;
  private final long[] sourceSeeds;
  private final int[] idWidths;
  /** Cumulative tenant weights: tenant k (0-based) has weight 2N - k, so tenant-1 is the largest. */
  private final int[] tenantCumulative;
  private final String[] operatorNames;

  RecordGenerator(long seed, Instant now, int spanDays, int facilities, List<String> tenantIds, long[] counts) {
    this.now = now;
    this.spanSeconds = Duration.ofDays(spanDays).toSeconds();
    this.start = now.minusSeconds(spanSeconds);
    this.facilities = facilities;
    this.tenantIds = tenantIds;
    this.counts = counts.clone();
    SourceType[] types = SourceType.values();
    this.sourceSeeds = new long[types.length];
    this.idWidths = new int[types.length];
    for (SourceType type : types) {
      sourceSeeds[type.ordinal()] = Mix.derive(seed, type.ordinal());
      idWidths[type.ordinal()] = Math.max(6, Long.toString(counts[type.ordinal()]).length());
    }
    int n = tenantIds.size();
    this.tenantCumulative = new int[n];
    int total = 0;
    for (int k = 0; k < n; k++) {
      total += 2 * n - k;
      tenantCumulative[k] = total;
    }
    this.operatorNames = new String[n * OPERATORS_PER_TENANT];
    for (int k = 0; k < operatorNames.length; k++) {
      long h = Mix.derive(seed ^ OPERATOR_SALT, k);
      operatorNames[k] = FIRST_NAMES[Mix.below(h, FIRST_NAMES.length)] + " "
          + LAST_NAMES[Mix.below(h >>> 24, LAST_NAMES.length)];
    }
  }

  long count(SourceType type) {
    return counts[type.ordinal()];
  }

  Instant now() {
    return now;
  }

  int tenants() {
    return tenantIds.size();
  }

  String tenantId(int tenant) {
    return tenantIds.get(tenant);
  }

  int facilities() {
    return facilities;
  }

  String facilityId(int tenant, int facility) {
    return tenantIds.get(tenant) + "-fac-" + (char) ('a' + facility);
  }

  String operatorName(int tenant, int operator) {
    return operatorNames[tenant * OPERATORS_PER_TENANT + operator];
  }

  /** The id of record {@code index}: prefix and the 1-based index, zero-padded to one width per source. */
  String id(SourceType type, long index) {
    String digits = Long.toString(index + 1);
    int width = idWidths[type.ordinal()];
    StringBuilder id = new StringBuilder(3 + width).append(ID_PREFIXES[type.ordinal()]).append('-');
    for (int pad = digits.length(); pad < width; pad++) {
      id.append('0');
    }
    return id.append(digits).toString();
  }

  /** The tenant index (0-based) of record {@code index}, without generating the record. */
  int tenantIndex(SourceType type, long index) {
    return tenantIndexOf(recordSeed(type, index));
  }

  /** The timestamp of record {@code index}, without generating the rest of the record. */
  Instant timestamp(SourceType type, long index) {
    return start.plusSeconds(offsetSeconds(type, index, new SplittableRandom(recordSeed(type, index))));
  }

  /** The first index whose timestamp is at or after {@code instant}; {@code count} when none. */
  long firstIndexAtOrAfter(SourceType type, Instant instant) {
    long lo = 0;
    long hi = count(type);
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (timestamp(type, mid).isBefore(instant)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  SourceRecord generate(SourceType type, long index) {
    long recordSeed = recordSeed(type, index);
    SplittableRandom rng = new SplittableRandom(recordSeed);
    Instant at = start.plusSeconds(offsetSeconds(type, index, rng));
    Draw d = new Draw(this, type, index, rng, tenantIndexOf(recordSeed), at);
    return switch (type) {
      case AUDIT_FINDINGS -> auditFinding(d);
      case DRIFT_EVENTS -> driftEvent(d);
      case ALERTS -> alert(d);
      case TASKS -> task(d);
      case OPERATOR_METRICS -> operatorMetric(d);
      case REAL_TIME_SIGNALS -> realTimeSignal(d);
      case CAPACITY_PROJECTIONS -> capacityProjection(d);
      case SCHEDULES -> schedule(d);
      case INSIGHTS -> insight(d);
      case REPORTS -> report(d);
    };
  }

  private long recordSeed(SourceType type, long index) {
    return Mix.derive(sourceSeeds[type.ordinal()], index);
  }

  private int tenantIndexOf(long recordSeed) {
    int pick = Mix.below(Mix.mix64(recordSeed ^ TENANT_SALT), tenantCumulative[tenantCumulative.length - 1]);
    int lo = 0;
    int hi = tenantCumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (pick < tenantCumulative[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * Record i of n owns the step [i*S/n, (i+1)*S/n) of the span S (in seconds) and lies at a
   * random second inside it. The first draw of the record's generator, so the timestamp can be
   * computed alone.
   */
  private long offsetSeconds(SourceType type, long index, SplittableRandom rng) {
    long n = counts[type.ordinal()];
    long from = index * spanSeconds / n;
    long step = (index + 1) * spanSeconds / n - from;
    return from + (step > 0 ? rng.nextLong(step) : 0);
  }

  // ---------------------------------------------------------------- the ten sources

  private AuditFinding auditFinding(Draw d) {
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
    if (d.chance(0.45)) {
      d.relate(SourceType.DRIFT_EVENTS, related);
    }
    if (d.chance(0.15)) {
      d.relate(SourceType.ALERTS, related);
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("framework", d.pick(FRAMEWORKS));
    attributes.put("controlId", AUDIT_CONTROLS[category] + "-" + d.between(1, 12));
    attributes.put("auditor", d.operatorName(d.rng.nextInt(OPERATORS_PER_TENANT)));
    attributes.put("evidenceCount", d.between(0, 12));
    return new AuditFinding(d.id, severity, AUDIT_CATEGORIES[category], status, description, d.at, resolvedAt,
        d.tenantId, facility, related, attributes);
  }

  private DriftEvent driftEvent(Draw d) {
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
      if (d.chance(0.4)) {
        d.relate(SourceType.REAL_TIME_SIGNALS, related);
      }
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

  private Alert alert(Draw d) {
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
    if (d.chance(0.55)) {
      d.relate(SourceType.DRIFT_EVENTS, related);
    }
    if (d.chance(0.1)) {
      d.relate(SourceType.AUDIT_FINDINGS, related);
    }
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

  private Task task(Draw d) {
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
    if (d.chance(0.65)) {
      d.relate(SourceType.ALERTS, related);
    }
    if (d.chance(0.15)) {
      d.relate(SourceType.AUDIT_FINDINGS, related);
    }
    String[] titles = TASK_TITLES[workflow];
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("title", titles[d.rng.nextInt(titles.length)].replace("#", Long.toString(d.between(1, 24))));
    attributes.put("workflow", WORKFLOWS[workflow]);
    attributes.put("estimatedHours", d.between(1, 32) / 2.0);
    attributes.put("checklistItems", d.between(0, 15));
    return new Task(d.id, LEVELS[level], status, d.at, completedAt, deadline, assignedTo, d.tenantId, facility,
        related, attributes);
  }

  private OperatorMetric operatorMetric(Draw d) {
    int operator = d.rng.nextInt(OPERATORS_PER_TENANT);
    long assigned = d.between(5, 60);
    long completed = Math.round(assigned * (0.6 + 0.4 * d.rng.nextDouble()));
    double utilization = round(0.35 + 0.63 * d.rng.nextDouble(), 3);
    double slaCompliance = round(0.7 + 0.3 * d.rng.nextDouble(), 3);
    String facility = d.homeFacility(operator, 0.15);
    List<String> related = new ArrayList<>(2);
    if (d.chance(0.3)) {
      d.relate(SourceType.TASKS, related);
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("shift", d.pick(SHIFTS));
    attributes.put("team", TEAMS[operator % TEAMS.length]);
    attributes.put("tasksAssigned", assigned);
    attributes.put("tasksCompleted", completed);
    attributes.put("hoursLogged", round(6 + 6 * d.rng.nextDouble(), 1));
    return new OperatorMetric(d.id, d.operatorId(operator), d.operatorName(operator), utilization,
        round((double) completed / assigned, 3), slaCompliance, d.at, d.tenantId, facility, related, attributes);
  }

  private RealTimeSignal realTimeSignal(Draw d) {
    int metric = d.rng.nextInt(SIGNAL_METRICS.length);
    // An approximately normal deviate (Irwin-Hall); now and then a spike.
    double z = 0;
    for (int k = 0; k < 12; k++) {
      z += d.rng.nextDouble();
    }
    z -= 6;
    if (d.chance(0.03)) {
      z *= 3;
    }
    double value = Math.max(0, round(SIGNAL_BASELINES[metric] + z * SIGNAL_SPREADS[metric], SIGNAL_DECIMALS[metric]));
    double magnitude = Math.abs(z);
    String severity = magnitude >= 3.5 ? "critical" : magnitude >= 2.5 ? "high" : magnitude >= 1.8 ? "medium" : "low";
    String facility = d.facility(0.02);
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("sensorId", d.sensorId(facility, SIGNAL_SENSORS[metric]));
    attributes.put("quality", d.chance(0.97) ? "good" : "suspect");
    attributes.put("sampleIntervalSeconds", (long) new int[] {10, 30, 60}[d.rng.nextInt(3)]);
    return new RealTimeSignal(d.id, SIGNAL_METRICS[metric], value, SIGNAL_UNITS[metric], severity, d.at,
        d.tenantId, facility, List.of(), attributes);
  }

  private CapacityProjection capacityProjection(Draw d) {
    int category = d.rng.nextInt(CAPACITY_CATEGORIES.length);
    double current = round(35 + 60 * d.rng.nextDouble(), 1);
    double projected = round(current - 10 + 35 * d.rng.nextDouble(), 1);
    String risk = projected >= 95 ? "critical" : projected >= 85 ? "high" : projected >= 70 ? "medium" : "low";
    long horizon = HORIZON_DAYS[d.rng.nextInt(HORIZON_DAYS.length)];
    String facility = d.facility(0.3);
    List<String> related = new ArrayList<>(1);
    if (d.chance(0.35)) {
      d.relate(SourceType.SCHEDULES, related);
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("model", d.pick(FORECAST_MODELS));
    attributes.put("confidence", round(0.6 + 0.37 * d.rng.nextDouble(), 2));
    attributes.put("currentCapacity", current);
    attributes.put("horizonDays", horizon);
    attributes.put("unit", "percent");
    return new CapacityProjection(d.id, CAPACITY_CATEGORIES[category], projected, risk, d.at,
        d.at.plus(Duration.ofDays(horizon)), d.tenantId, facility, related, attributes);
  }

  private Schedule schedule(Draw d) {
    int slots = (int) d.between(24, 240);
    int conflicts = d.rng.nextInt(slots / 6 + 1);
    int critical = d.rng.nextInt(conflicts + 1) / 2;
    double utilization = round(0.45 + 0.54 * d.rng.nextDouble(), 3);
    double risk = round(Math.min(100, utilization * 60 + critical * 4 + 10 * d.rng.nextDouble()), 1);
    String facility = d.facility(0.1);
    List<String> related = new ArrayList<>(3);
    if (d.chance(0.5)) {
      int tasks = 1 + d.rng.nextInt(3);
      for (int k = 0; k < tasks; k++) {
        d.relate(SourceType.TASKS, related);
      }
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("horizon", d.pick(SCHEDULE_HORIZONS));
    attributes.put("planner", d.pick(PLANNERS));
    attributes.put("shiftsPlanned", d.between(1, 21));
    return new Schedule(d.id, slots, conflicts, critical, utilization, risk, d.at, d.tenantId, facility, related,
        attributes);
  }

  private Insight insight(Draw d) {
    int category = d.rng.nextInt(INSIGHT_CATEGORIES.length);
    String severity = d.level();
    Map<String, Double> metrics = new LinkedHashMap<>();
    String summary;
    switch (category) {
      case 0 -> {
        double rate = round(0.8 + 0.19 * d.rng.nextDouble(), 3);
        double breaches = d.between(0, 40);
        double change = round(-5 + 10 * d.rng.nextDouble(), 1);
        metrics.put("complianceRate", rate);
        metrics.put("breaches", breaches);
        metrics.put("changePoints", change);
        summary = "SLA compliance at " + percent(rate) + " with " + (long) breaches + " breaches, "
            + (change < 0 ? "down " : "up ") + oneDecimal(Math.abs(change)) + " points on the previous period";
      }
      case 1 -> {
        double open = d.between(0, 30);
        double critical = Math.min(open, d.between(0, 4));
        double remediation = round(0.5 + 0.5 * d.rng.nextDouble(), 3);
        metrics.put("openFindings", open);
        metrics.put("criticalFindings", critical);
        metrics.put("remediationRate", remediation);
        summary = (long) open + " open audit findings, " + (long) critical + " critical; "
            + percent(remediation) + " remediated within target";
      }
      case 2 -> {
        double peak = round(0.6 + 0.45 * d.rng.nextDouble(), 3);
        double days = d.between(3, 90);
        metrics.put("peakUtilization", peak);
        metrics.put("daysToThreshold", days);
        summary = "Storage utilisation peaks at " + percent(peak) + "; threshold reached in about "
            + (long) days + " days";
      }
      case 3 -> {
        double utilization = round(0.55 + 0.4 * d.rng.nextDouble(), 3);
        double overtime = round(60 * d.rng.nextDouble(), 1);
        metrics.put("averageUtilization", utilization);
        metrics.put("overtimeHours", overtime);
        summary = "Average operator utilisation " + percent(utilization) + ", " + oneDecimal(overtime)
            + " overtime hours this period";
      }
      case 4 -> {
        double excursions = d.between(0, 12);
        double deviation = round(2 + 12 * d.rng.nextDouble(), 1);
        // A small rate: its JSON form has an exponent (e.g. 3.2E-4).
        double falseAlarms = round(0.0001 + 0.0008 * d.rng.nextDouble(), 6);
        metrics.put("excursions", excursions);
        metrics.put("meanDeviationPercent", deviation);
        metrics.put("falseAlarmRate", falseAlarms);
        summary = (long) excursions + " environmental excursions, mean deviation " + oneDecimal(deviation) + "%";
      }
      default -> {
        double change = round(-8 + 16 * d.rng.nextDouble(), 1);
        double completed = d.between(50, 900);
        metrics.put("throughputChangePercent", change);
        metrics.put("tasksCompleted", completed);
        summary = "Throughput " + (change < 0 ? "down " : "up ") + oneDecimal(Math.abs(change)) + "% with "
            + (long) completed + " tasks completed";
      }
    }
    String facility = d.facility(0.5);
    List<String> related = new ArrayList<>(3);
    if (d.chance(0.8)) {
      SourceType[] candidates = {SourceType.ALERTS, SourceType.AUDIT_FINDINGS, SourceType.DRIFT_EVENTS};
      int links = 1 + d.rng.nextInt(3);
      for (int k = 0; k < links; k++) {
        d.relate(candidates[d.rng.nextInt(candidates.length)], related);
      }
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("period", d.chance(0.7) ? "weekly" : "monthly");
    attributes.put("engine", "executive-insights");
    return new Insight(d.id, INSIGHT_CATEGORIES[category], severity, summary, metrics, d.at, d.tenantId, facility,
        related, attributes);
  }

  private Report report(Draw d) {
    int category = d.rng.nextInt(REPORT_CATEGORIES.length);
    LocalDate date = LocalDate.ofInstant(d.at, ZoneOffset.UTC);
    String month = MONTHS[date.getMonthValue() - 1] + " " + date.getYear();
    int week = date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    String isoWeek = "Week " + (week < 10 ? "0" : "") + week + ", " + date.get(IsoFields.WEEK_BASED_YEAR);
    String title = switch (category) {
      case 0 -> "Monthly Compliance Pack — " + month;
      case 1 -> "Executive Summary — " + isoWeek;
      case 2 -> "Operations Review — " + date;
      case 3 -> "Audit Readiness Report — " + month;
      case 4 -> "Capacity Outlook — Q" + date.get(IsoFields.QUARTER_OF_YEAR) + " " + date.getYear();
      default -> "SLA Performance Report — " + isoWeek;
    };
    int sections = (int) d.between(3, 14);
    String facility = d.facility(0.6);
    List<String> related = new ArrayList<>(4);
    if (d.chance(0.85)) {
      int links = 1 + d.rng.nextInt(3);
      for (int k = 0; k < links; k++) {
        d.relate(SourceType.INSIGHTS, related);
      }
    }
    if (d.chance(0.3)) {
      d.relate(SourceType.AUDIT_FINDINGS, related);
    }
    List<String> recipients = new ArrayList<>(3);
    int first = d.rng.nextInt(RECIPIENTS.length);
    int many = 1 + d.rng.nextInt(3);
    for (int k = 0; k < many; k++) {
      recipients.add(RECIPIENTS[(first + k) % RECIPIENTS.length] + "@" + d.tenantId + ".example");
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("format", d.pick(REPORT_FORMATS));
    attributes.put("pages", d.between(4, 60));
    attributes.put("author", d.operatorName(d.rng.nextInt(OPERATORS_PER_TENANT)));
    attributes.put("recipients", recipients);
    return new Report(d.id, REPORT_CATEGORIES[category], title, sections, d.at, d.tenantId, facility, related,
        attributes);
  }

  // ---------------------------------------------------------------- helpers

  /** A fraction as a percentage with one decimal, e.g. 0.9134 as {@code 91.3%}; no locale involved. */
  static String percent(double fraction) {
    return oneDecimal(fraction * 100) + "%";
  }

  /** A non-negative number with exactly one decimal, rounded half-up; no locale involved. */
  static String oneDecimal(double value) {
    long tenths = Math.round(value * 10);
    return (tenths / 10) + "." + (tenths % 10);
  }
}
