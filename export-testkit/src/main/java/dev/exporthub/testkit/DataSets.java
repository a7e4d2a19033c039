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
import dev.exporthub.samples.SampleData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Arbitrary whole data sets, spread over several tenants, facilities and federations, and a
 * fixed sample data set.
 *
 * <p>Ids in generated data sets are the two-letter prefix of their source ({@code AF}, {@code DR},
 * {@code AL}, {@code TK}, {@code OM}, {@code SG}, {@code CP}, {@code SC}, {@code IN}, {@code RP})
 * and six upper-case letters or digits, unique across the whole data set: eight ASCII characters
 * that no writer escapes and that no other id contains, so a test can search any output's bytes
 * for them. Records relate only to records of their own tenant and facility (tenant-wide records
 * to tenant-wide ones), so a record's data never names a record outside every scope it is in.
 * Every other field is as nasty as {@link SourceRecords} makes it. Some timestamps are shared by
 * several records (ties are broken by id) and some lie exactly at {@code now}.
 */
public final class DataSets {

  /** The default upper bound on the records of a generated data set. */
  public static final int DEFAULT_MAX_RECORDS = 24;

  private static final List<String> TENANTS = List.of("tenant-1", "tenant-2", "tenant-3", "acme", "\u00DCmlaut GmbH",
      "\u30C6\u30CA\u30F3\u30C8", "t,1", "<t2>");
  private static final List<String> FEDERATIONS = List.of("fed-north", "fed-south", "f\u00E9d\u00E9ration");
  private static final List<Instant> NOWS = List.of(SourceRecords.DEFAULT_NOW,
      Instant.parse("2024-02-29T23:59:59.999999999Z"), Instant.parse("2000-01-01T00:00:00Z"),
      Instant.parse("1970-01-01T00:00:00Z"));
  private static final String[] PREFIX = {"AF", "DR", "AL", "TK", "OM", "SG", "CP", "SC", "IN", "RP"};

  private DataSets() {
  }

  /** Data sets of at most {@value #DEFAULT_MAX_RECORDS} records. */
  public static Arbitrary<DataSet> any() {
    return withAtMost(DEFAULT_MAX_RECORDS);
  }

  /** Data sets of 1 to 4 tenants, 0 to 3 facilities each, 0 to 2 federations and 0 to {@code maxRecords} records. */
  public static Arbitrary<DataSet> withAtMost(int maxRecords) {
    if (maxRecords < 0) {
      throw new IllegalArgumentException("maxRecords must not be negative: " + maxRecords);
    }
    Arbitrary<List<String>> tenants = Arbitraries.of(TENANTS).set().ofMinSize(1).ofMaxSize(4)
        .map(set -> set.stream().sorted().toList());
    return tenants.flatMap(ts -> Combinators.combine(
            facilities(ts), federations(ts), Arbitraries.of(NOWS))
        .as(Skeleton::new))
        .flatMap(skeleton -> skeleton.placements(maxRecords))
        .flatMap(Skeleton.Placed::records)
        // Empty and tiny data sets come often enough by the sizes above; jqwik's edge cases would make them most.
        .withoutEdgeCases();
  }

  private static Arbitrary<Map<String, List<String>>> facilities(List<String> tenants) {
    return Arbitraries.integers().between(0, 3).list().ofSize(tenants.size()).map(counts -> {
      Map<String, List<String>> map = new LinkedHashMap<>();
      for (int i = 0; i < tenants.size(); i++) {
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < counts.get(i); k++) {
          ids.add(tenants.get(i) + "-fac-" + (char) ('a' + k));
        }
        map.put(tenants.get(i), ids);
      }
      return map;
    });
  }

  private static Arbitrary<Map<String, Set<String>>> federations(List<String> tenants) {
    Arbitrary<Set<String>> members = Arbitraries.subsetOf(tenants).ofMinSize(1);
    return Arbitraries.integers().between(0, 2).flatMap(count ->
        members.list().ofSize(count).map(sets -> {
          Map<String, Set<String>> map = new TreeMap<>();
          for (int i = 0; i < sets.size(); i++) {
            map.put(FEDERATIONS.get(i), sets.get(i));
          }
          return map;
        }));
  }

  /** Tenants, facilities, federations and the instant; records come next. */
  private record Skeleton(Map<String, List<String>> facilities, Map<String, Set<String>> federations, Instant now) {

    Arbitrary<Placed> placements(int maxRecords) {
      List<String> tenants = List.copyOf(facilities.keySet());
      Arbitrary<Instant> times = Arbitraries.frequencyOf(
          Tuple.of(4, SourceRecords.instantsAround(now)),
          Tuple.of(1, Arbitraries.of(now, now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(30)),
              now.minus(Duration.ofDays(90)), now.minusNanos(1))));
      Arbitrary<Slot> slot = Combinators.combine(
              Arbitraries.of(SourceType.class),
              Arbitraries.of(tenants),
              Arbitraries.integers().between(0, 3),
              times,
              Arbitraries.integers().between(0, 1000).list().ofMaxSize(3))
          .as(Slot::new);
      Arbitrary<String> tokens = Arbitraries.strings().withCharRange('A', 'Z').numeric().ofLength(6);
      // Mostly well filled, sometimes empty or sparse.
      Arbitrary<Integer> sizes = Arbitraries.frequencyOf(
          Tuple.of(1, Arbitraries.just(0)),
          Tuple.of(2, Arbitraries.integers().between(0, maxRecords)),
          Tuple.of(5, Arbitraries.integers().between(maxRecords / 2, maxRecords))).withoutEdgeCases();
      return sizes.flatMap(n -> Combinators.combine(
              slot.list().ofSize(n), tokens.list().uniqueElements().ofSize(n))
          .as((slots, ids) -> new Placed(this, slots, ids)));
    }

    /** One record to be: its source, tenant, facility choice, time and related picks. */
    private record Slot(SourceType type, String tenant, int facilityPick, Instant time, List<Integer> relatedPicks) {
    }

    private record Placed(Skeleton skeleton, List<Slot> slots, List<String> tokens) {

      Arbitrary<DataSet> records() {
        List<SourceRecords.Placement> placements = placements();
        List<Arbitrary<SourceRecord>> records = new ArrayList<>(placements.size());
        for (int i = 0; i < placements.size(); i++) {
          records.add(SourceRecords.of(slots.get(i).type(), placements.get(i)));
        }
        return Combinators.combine(records).as(list ->
            new DataSet(skeleton.now(), skeleton.facilities(), skeleton.federations(), list));
      }

      private List<SourceRecords.Placement> placements() {
        List<String> ids = new ArrayList<>(slots.size());
        List<String> facilities = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
          Slot s = slots.get(i);
          ids.add(PREFIX[s.type().ordinal()] + tokens.get(i));
          List<String> options = skeleton.facilities().get(s.tenant());
          // One pick in four (and every pick of a tenant without facilities) is tenant-wide.
          facilities.add(options.isEmpty() || s.facilityPick() == 0 ? null
              : options.get(s.facilityPick() % options.size()));
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (int i = 0; i < slots.size(); i++) {
          groups.computeIfAbsent(slots.get(i).tenant() + "\u0000" + facilities.get(i), k -> new ArrayList<>())
              .add(ids.get(i));
        }
        List<SourceRecords.Placement> placements = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
          Slot s = slots.get(i);
          List<String> group = groups.get(s.tenant() + "\u0000" + facilities.get(i));
          List<String> related = s.relatedPicks().stream().map(pick -> group.get(pick % group.size()))
              .distinct().collect(Collectors.toList());
          placements.add(new SourceRecords.Placement(ids.get(i), s.tenant(), facilities.get(i), s.time(), related));
        }
        return placements;
      }
    }
  }

  /**
   * A fixed data set, the same on every JVM for the same seed: a {@link SampleData} set of
   * {@code size} records over three tenants with two facilities each and the federation
   * {@code fed-north}, plus one record for every entry of {@link Texts#NASTY}, with that text in
   * its text fields and edge values in its numbers.
   */
  public static DataSet sample(long seed, int size) {
    SampleData sample = SampleData.builder().seed(seed).size(size).tenants(3).facilitiesPerTenant(2).build();
    List<SourceRecord> records = new ArrayList<>();
    for (SourceType type : SourceType.values()) {
      sample.records(type).forEach(records::add);
    }
    Map<String, List<String>> facilities = new TreeMap<>();
    for (String tenant : sample.tenantIds()) {
      facilities.put(tenant, sample.facilityIds(tenant));
    }
    List<Double> numbers = List.of(-0.0, 0.1 + 0.2, 1e21, Double.MIN_VALUE, 1.005, 123456.789);
    for (int i = 0; i < Texts.NASTY.size(); i++) {
      String text = Texts.NASTY.get(i);
      String tenant = sample.tenantIds().get(i % 3);
      String facility = i % 2 == 0 ? null : sample.facilityIds(tenant).get(i % 4 / 2);
      Instant at = sample.now().minus(Duration.ofHours(7L * i + 1)).plusNanos(i * 1_001L);
      double number = numbers.get(i % numbers.size());
      records.add(nastyRecord(SourceType.values()[i % 10], String.format(java.util.Locale.ROOT, "NX%06d", i), text,
          number, at, tenant, facility));
    }
    return new DataSet(sample.now(), facilities, Map.of(SampleData.FEDERATION_ID, sample.federationTenantIds()),
        records);
  }

  private static SourceRecord nastyRecord(SourceType type, String id, String text, double number, Instant at,
      String tenant, String facility) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put(text, text);
    attributes.put("number", number);
    attributes.put("nested", Map.of("list", List.of(text, number, 7L, true)));
    Instant later = at.plus(Duration.ofHours(3));
    return switch (type) {
      case AUDIT_FINDINGS -> new AuditFinding(id, "high", text, "open", text, at, null, tenant, facility, null, attributes);
      case DRIFT_EVENTS -> new DriftEvent(id, "low", text, at, later, tenant, facility, null, attributes);
      case ALERTS -> new Alert(id, "critical", text, "open", at, null, later, tenant, facility, null, attributes);
      case TASKS -> new Task(id, "high", "done", at, later, at.plusSeconds(60), text, tenant, facility, null,
          attributes);
      case OPERATOR_METRICS -> new OperatorMetric(id, text, text, number, 0.5, 1.0, at, tenant, facility, null,
          attributes);
      case REAL_TIME_SIGNALS -> new RealTimeSignal(id, text, number, "\u00B0C", "info", at, tenant, facility, null,
          attributes);
      case CAPACITY_PROJECTIONS -> new CapacityProjection(id, text, number, "medium", at, later, tenant, facility,
          null, attributes);
      case SCHEDULES -> new Schedule(id, 10, 2, 1, number, 0.25, at, tenant, facility, null, attributes);
      case INSIGHTS -> new Insight(id, text, "info", text, Map.of(text, number, "other", 2.5), at, tenant, facility,
          null, attributes);
      case REPORTS -> new Report(id, text, text, Integer.MAX_VALUE, at, tenant, facility, null, attributes);
    };
  }
}
