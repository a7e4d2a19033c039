package dev.exporthub.testkit;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Arbitrary source records, one factory per source. Every record is valid (its constructor
 * accepts it) and otherwise as hostile as the contract allows: nasty text in every text field (see
 * {@link Texts}), levels in any case, doubles at the edges ({@code -0.0}, subnormals,
 * {@link Double#MAX_VALUE}, {@code 0.1 + 0.2}), counts up to {@link Integer#MAX_VALUE}, instants
 * with nanoseconds, optional fields absent or present, SLA deadlines met, breached and pending, and
 * attribute maps with nested lists and maps.
 *
 * <p>The no-argument factories draw ids, tenants and facilities from small nasty pools, so ids
 * may repeat; {@link DataSets} builds whole data sets with unique ids instead.
 */
public final class SourceRecords {

  /** The instant the default timestamps cluster around: {@code 2026-01-15T12:00:00Z}. */
  public static final Instant DEFAULT_NOW = Instant.parse("2026-01-15T12:00:00Z");

  private static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical", "info", "warning");
  private static final List<String> STATUSES = List.of("open", "resolved", "in-progress", "closed", "acknowledged");
  private static final List<String> PRIORITIES = List.of("low", "medium", "high", "urgent");
  private static final List<String> RISKS = List.of("low", "medium", "high", "critical");

  private SourceRecords() {
  }

  /**
   * Where a record sits: what {@link DataSets} decides for a whole data set, leaving every other
   * field to the record arbitraries.
   *
   * @param id         the record id, never blank
   * @param tenantId   the tenant, never blank
   * @param facilityId the facility, or {@code null} for a tenant-wide record
   * @param timestamp  the instant that places the record in time
   * @param relatedIds ids of related records
   */
  public record Placement(String id, String tenantId, String facilityId, Instant timestamp, List<String> relatedIds) {
    public Placement {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(timestamp, "timestamp");
      relatedIds = relatedIds == null ? List.of() : List.copyOf(relatedIds);
    }
  }

  /** Records of any of the ten sources. */
  public static Arbitrary<SourceRecord> any() {
    return Arbitraries.of(SourceType.class).flatMap(SourceRecords::of);
  }

  /** Records of one source, of class {@code type.recordType()}. */
  public static Arbitrary<SourceRecord> of(SourceType type) {
    return placements().flatMap(placement -> of(type, placement));
  }

  /** A record of one source at a given placement; every other field arbitrary. */
  public static Arbitrary<SourceRecord> of(SourceType type, Placement placement) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(placement, "placement");
    return switch (type) {
      case AUDIT_FINDINGS -> auditFinding(placement).map(SourceRecord.class::cast);
      case DRIFT_EVENTS -> driftEvent(placement).map(SourceRecord.class::cast);
      case ALERTS -> alert(placement).map(SourceRecord.class::cast);
      case TASKS -> task(placement).map(SourceRecord.class::cast);
      case OPERATOR_METRICS -> operatorMetric(placement).map(SourceRecord.class::cast);
      case REAL_TIME_SIGNALS -> realTimeSignal(placement).map(SourceRecord.class::cast);
      case CAPACITY_PROJECTIONS -> capacityProjection(placement).map(SourceRecord.class::cast);
      case SCHEDULES -> schedule(placement).map(SourceRecord.class::cast);
      case INSIGHTS -> insight(placement).map(SourceRecord.class::cast);
      case REPORTS -> report(placement).map(SourceRecord.class::cast);
    };
  }

  /** Phase 50 audit findings. */
  public static Arbitrary<AuditFinding> auditFindings() {
    return placements().flatMap(SourceRecords::auditFinding);
  }

  /** Phase 51 drift events. */
  public static Arbitrary<DriftEvent> driftEvents() {
    return placements().flatMap(SourceRecords::driftEvent);
  }

  /** Phase 52 alerts, with and without SLA deadlines. */
  public static Arbitrary<Alert> alerts() {
    return placements().flatMap(SourceRecords::alert);
  }

  /** Phase 53 tasks, with and without SLA deadlines. */
  public static Arbitrary<Task> tasks() {
    return placements().flatMap(SourceRecords::task);
  }

  /** Phase 54 operator metrics. */
  public static Arbitrary<OperatorMetric> operatorMetrics() {
    return placements().flatMap(SourceRecords::operatorMetric);
  }

  /** Phase 55 real-time signals. */
  public static Arbitrary<RealTimeSignal> realTimeSignals() {
    return placements().flatMap(SourceRecords::realTimeSignal);
  }

  /** Phase 56 capacity projections. */
  public static Arbitrary<CapacityProjection> capacityProjections() {
    return placements().flatMap(SourceRecords::capacityProjection);
  }

  /** Phase 57 workload schedules. */
  public static Arbitrary<Schedule> schedules() {
    return placements().flatMap(SourceRecords::schedule);
  }

  /** Phase 58 executive insights. */
  public static Arbitrary<Insight> insights() {
    return placements().flatMap(SourceRecords::insight);
  }

  /** Phase 59 enterprise reports. */
  public static Arbitrary<Report> reports() {
    return placements().flatMap(SourceRecords::report);
  }

  /**
   * Finite doubles, biased to the values that formatting gets wrong: zeros of both signs,
   * subnormals, extremes, values with no short decimal form, and large and small exponents.
   */
  public static Arbitrary<Double> doubles() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.doubles().between(0, 100).ofScale(3)),
        Tuple.of(2, Arbitraries.doubles().between(-1e6, 1e6)),
        Tuple.of(2, Arbitraries.of(0.0, -0.0, 0.1 + 0.2, 1.005, 1e21, 1e-7, 123456789.125, Double.MIN_VALUE,
            Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0 / 3, 100.0, 0.5, 2.5e-300)),
        Tuple.of(1, Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite)));
  }

  /** Attribute maps: up to four entries of text, booleans, integers, doubles, lists and maps. */
  public static Arbitrary<Map<String, Object>> attributes() {
    Arbitrary<Object> scalar = Arbitraries.oneOf(
        Texts.any().map(Object.class::cast),
        Arbitraries.of(true, false).map(Object.class::cast),
        Arbitraries.longs().map(Object.class::cast),
        Arbitraries.integers().map(Object.class::cast),
        doubles().map(Object.class::cast));
    Arbitrary<Object> nested = Arbitraries.oneOf(
        scalar,
        scalar.list().ofMaxSize(3).map(Object.class::cast),
        Arbitraries.maps(Texts.names(), scalar).ofMaxSize(3).map(Object.class::cast));
    return Arbitraries.maps(Texts.names(), nested.injectNull(0.05)).ofMaxSize(4)
        .map(map -> (Map<String, Object>) new LinkedHashMap<>(map))
        .injectNull(0.1);
  }

  /** Placements with nasty ids, tenants and facilities from small pools, around {@link #DEFAULT_NOW}. */
  static Arbitrary<Placement> placements() {
    Arbitrary<String> tenants = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of("tenant-1", "tenant-2", "acme")),
        Tuple.of(1, Texts.names()));
    return Combinators.combine(Texts.names(), tenants, Texts.names().injectNull(0.4), instantsAround(DEFAULT_NOW),
            Texts.names().list().ofMaxSize(3))
        .as(Placement::new);
  }

  /** Instants in the 120 days before {@code now} and a day after, some with nanoseconds. */
  static Arbitrary<Instant> instantsAround(Instant now) {
    Arbitrary<Long> seconds = Arbitraries.longs().between(-Duration.ofDays(120).toSeconds(), Duration.ofDays(1).toSeconds());
    Arbitrary<Integer> nanos = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(0)),
        Tuple.of(1, Arbitraries.integers().between(0, 999_999_999)));
    return Combinators.combine(seconds, nanos).as((s, n) -> now.plusSeconds(s).plusNanos(n));
  }

  private static Arbitrary<String> level(List<String> known) {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of(known)),
        Tuple.of(1, Arbitraries.of(known).map(s -> s.toUpperCase(java.util.Locale.ROOT))),
        Tuple.of(1, Arbitraries.of("\u0130NF\u0130", "H\u0130GH", "Stra\u00DFe")),
        Tuple.of(1, Texts.nonBlank()));
  }

  /** Absent, or at an offset from {@code t} between a day before and ten days after. */
  private static Arbitrary<Instant> optionalAfter(Instant t) {
    return Arbitraries.longs().between(-Duration.ofDays(1).toSeconds(), Duration.ofDays(10).toSeconds())
        .map(t::plusSeconds)
        .injectNull(0.4);
  }

  private static Arbitrary<Integer> counts() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.integers().between(0, 200)),
        Tuple.of(1, Arbitraries.of(0, Integer.MAX_VALUE)));
  }

  private static Arbitrary<AuditFinding> auditFinding(Placement p) {
    return Combinators.combine(level(SEVERITIES), Texts.nonBlank(), level(STATUSES), Texts.nonBlank(),
            optionalAfter(p.timestamp()), attributes())
        .as((severity, category, status, description, resolvedAt, attributes) -> new AuditFinding(p.id(), severity,
            category, status, description, p.timestamp(), resolvedAt, p.tenantId(), p.facilityId(), p.relatedIds(),
            attributes));
  }

  private static Arbitrary<DriftEvent> driftEvent(Placement p) {
    return Combinators.combine(level(SEVERITIES), Texts.nonBlank(), optionalAfter(p.timestamp()), attributes())
        .as((severity, category, resolvedAt, attributes) -> new DriftEvent(p.id(), severity, category, p.timestamp(),
            resolvedAt, p.tenantId(), p.facilityId(), p.relatedIds(), attributes));
  }

  private static Arbitrary<Alert> alert(Placement p) {
    return Combinators.combine(level(SEVERITIES), Texts.nonBlank(), level(STATUSES), optionalAfter(p.timestamp()),
            optionalAfter(p.timestamp()), attributes())
        .as((severity, category, status, resolvedAt, deadline, attributes) -> new Alert(p.id(), severity, category,
            status, p.timestamp(), resolvedAt, deadline, p.tenantId(), p.facilityId(), p.relatedIds(), attributes));
  }

  private static Arbitrary<Task> task(Placement p) {
    return Combinators.combine(level(PRIORITIES), level(STATUSES), optionalAfter(p.timestamp()),
            optionalAfter(p.timestamp()), Texts.names().injectNull(0.3), attributes())
        .as((priority, status, completedAt, deadline, assignee, attributes) -> new Task(p.id(), priority, status,
            p.timestamp(), completedAt, deadline, assignee, p.tenantId(), p.facilityId(), p.relatedIds(), attributes));
  }

  private static Arbitrary<OperatorMetric> operatorMetric(Placement p) {
    return Combinators.combine(Texts.names(), Texts.nonBlank(), doubles(), doubles(), doubles(), attributes())
        .as((operatorId, name, utilization, completion, sla, attributes) -> new OperatorMetric(p.id(), operatorId,
            name, utilization, completion, sla, p.timestamp(), p.tenantId(), p.facilityId(), p.relatedIds(),
            attributes));
  }

  private static Arbitrary<RealTimeSignal> realTimeSignal(Placement p) {
    return Combinators.combine(Texts.nonBlank(), doubles(), Arbitraries.of("°C", "%", "rpm", "µs", "m³/h", "kWh"),
            level(SEVERITIES), attributes())
        .as((metric, value, unit, severity, attributes) -> new RealTimeSignal(p.id(), metric, value, unit, severity,
            p.timestamp(), p.tenantId(), p.facilityId(), p.relatedIds(), attributes));
  }

  private static Arbitrary<CapacityProjection> capacityProjection(Placement p) {
    Arbitrary<Instant> windowEnd = Arbitraries.longs().between(0, Duration.ofDays(30).toSeconds())
        .map(s -> p.timestamp().plusSeconds(s));
    return Combinators.combine(Texts.nonBlank(), doubles(), level(RISKS), windowEnd, attributes())
        .as((category, capacity, risk, end, attributes) -> new CapacityProjection(p.id(), category, capacity, risk,
            p.timestamp(), end, p.tenantId(), p.facilityId(), p.relatedIds(), attributes));
  }

  private static Arbitrary<Schedule> schedule(Placement p) {
    return Combinators.combine(counts(), counts(), counts(), doubles(), doubles(), attributes())
        .as((slots, conflicts, critical, utilization, risk, attributes) -> new Schedule(p.id(), slots, conflicts,
            critical, utilization, risk, p.timestamp(), p.tenantId(), p.facilityId(), p.relatedIds(), attributes));
  }

  private static Arbitrary<Insight> insight(Placement p) {
    Arbitrary<Map<String, Double>> metrics = Arbitraries.maps(Texts.names(), doubles()).ofMaxSize(4).injectNull(0.1);
    return Combinators.combine(Texts.nonBlank(), level(SEVERITIES), Texts.nonBlank(), metrics, attributes())
        .as((category, severity, summary, values, attributes) -> new Insight(p.id(), category, severity, summary,
            values, p.timestamp(), p.tenantId(), p.facilityId(), p.relatedIds(), attributes));
  }

  private static Arbitrary<Report> report(Placement p) {
    return Combinators.combine(Texts.nonBlank(), Texts.nonBlank(), counts(), attributes())
        .as((category, title, sections, attributes) -> new Report(p.id(), category, title, sections, p.timestamp(),
            p.tenantId(), p.facilityId(), p.relatedIds(), attributes));
  }
}
