package dev.exporthub.samples;

import static dev.exporthub.samples.Draw.round;
import static dev.exporthub.samples.RecordGenerator.OPERATORS_PER_TENANT;
import static dev.exporthub.samples.Vocabulary.*;

import dev.exporthub.api.source.CapacityProjection;
import dev.exporthub.api.source.OperatorMetric;
import dev.exporthub.api.source.RealTimeSignal;
import dev.exporthub.api.source.Schedule;
import dev.exporthub.api.source.SourceType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operator metrics, real-time signals, capacity projections and schedules: figures measured or
 * planned at one instant, with no status and no closing time.
 */
final class MeasurementRecords {

  private MeasurementRecords() {}

  static OperatorMetric operatorMetric(Draw d) {
    int operator = d.rng.nextInt(OPERATORS_PER_TENANT);
    long assigned = d.between(5, 60);
    long completed = Math.round(assigned * (0.6 + 0.4 * d.rng.nextDouble()));
    double utilization = round(0.35 + 0.63 * d.rng.nextDouble(), 3);
    double slaCompliance = round(0.7 + 0.3 * d.rng.nextDouble(), 3);
    String facility = d.homeFacility(operator, 0.15);
    List<String> related = new ArrayList<>(2);
    d.relate(0.3, SourceType.TASKS, related);
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("shift", d.pick(SHIFTS));
    attributes.put("team", TEAMS[operator % TEAMS.length]);
    attributes.put("tasksAssigned", assigned);
    attributes.put("tasksCompleted", completed);
    attributes.put("hoursLogged", round(6 + 6 * d.rng.nextDouble(), 1));
    return new OperatorMetric(d.id, d.operatorId(operator), d.operatorName(operator), utilization,
        round((double) completed / assigned, 3), slaCompliance, d.at, d.tenantId, facility, related, attributes);
  }

  static RealTimeSignal realTimeSignal(Draw d) {
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

  static CapacityProjection capacityProjection(Draw d) {
    int category = d.rng.nextInt(CAPACITY_CATEGORIES.length);
    double current = round(35 + 60 * d.rng.nextDouble(), 1);
    double projected = round(current - 10 + 35 * d.rng.nextDouble(), 1);
    String risk = projected >= 95 ? "critical" : projected >= 85 ? "high" : projected >= 70 ? "medium" : "low";
    long horizon = HORIZON_DAYS[d.rng.nextInt(HORIZON_DAYS.length)];
    String facility = d.facility(0.3);
    List<String> related = new ArrayList<>(1);
    d.relate(0.35, SourceType.SCHEDULES, related);
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("model", d.pick(FORECAST_MODELS));
    attributes.put("confidence", round(0.6 + 0.37 * d.rng.nextDouble(), 2));
    attributes.put("currentCapacity", current);
    attributes.put("horizonDays", horizon);
    attributes.put("unit", "percent");
    return new CapacityProjection(d.id, CAPACITY_CATEGORIES[category], projected, risk, d.at,
        d.at.plus(Duration.ofDays(horizon)), d.tenantId, facility, related, attributes);
  }

  static Schedule schedule(Draw d) {
    int slots = (int) d.between(24, 240);
    int conflicts = d.rng.nextInt(slots / 6 + 1);
    int critical = d.rng.nextInt(conflicts + 1) / 2;
    double utilization = round(0.45 + 0.54 * d.rng.nextDouble(), 3);
    double risk = round(Math.min(100, utilization * 60 + critical * 4 + 10 * d.rng.nextDouble()), 1);
    String facility = d.facility(0.1);
    List<String> related = new ArrayList<>(3);
    d.relateOneToThree(0.5, SourceType.TASKS, related);
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("horizon", d.pick(SCHEDULE_HORIZONS));
    attributes.put("planner", d.pick(PLANNERS));
    attributes.put("shiftsPlanned", d.between(1, 21));
    return new Schedule(d.id, slots, conflicts, critical, utilization, risk, d.at, d.tenantId, facility, related,
        attributes);
  }
}
