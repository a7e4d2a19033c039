package dev.exporthub.samples;

import static dev.exporthub.samples.Draw.round;
import static dev.exporthub.samples.RecordGenerator.OPERATORS_PER_TENANT;
import static dev.exporthub.samples.Vocabulary.*;

import dev.exporthub.api.source.Insight;
import dev.exporthub.api.source.Report;
import dev.exporthub.api.source.SourceType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Insights and reports: roll-ups that link to records of other sources and carry text built from
 * figures and dates, formatted without a locale so the bytes never depend on the JVM's defaults.
 */
final class SummaryRecords {

  private SummaryRecords() {}

  static Insight insight(Draw d) {
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

  static Report report(Draw d) {
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
    d.relateOneToThree(0.85, SourceType.INSIGHTS, related);
    d.relate(0.3, SourceType.AUDIT_FINDINGS, related);
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

  /** A fraction as a percentage with one decimal, e.g. 0.9134 as {@code 91.3%}; no locale involved. */
  private static String percent(double fraction) {
    return oneDecimal(fraction * 100) + "%";
  }

  /** A non-negative number with exactly one decimal, rounded half-up; no locale involved. */
  private static String oneDecimal(double value) {
    long tenths = Math.round(value * 10);
    return (tenths / 10) + "." + (tenths % 10);
  }
}
