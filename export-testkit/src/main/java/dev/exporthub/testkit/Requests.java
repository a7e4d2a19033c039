package dev.exporthub.testkit;

import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Arbitrary export requests over a data set: every category, format, scope shape and time range,
 * boundaries included.
 */
public final class Requests {

  /** The options the built-in formats read, with their values. */
  private static final List<Map<String, String>> OPTIONS = List.of(Map.of(), Map.of("csv.bom", "true"),
      Map.of("csv.delimiter", ";"), Map.of("package.layout", "bagit"),
      Map.of("csv.bom", "false", "csv.delimiter", ";", "package.layout", "bagit"), Map.of("unknown.option", "x=y;z"));

  private Requests() {
  }

  /** Every category. */
  public static Arbitrary<ExportCategory> categories() {
    return Arbitraries.of(ExportCategory.class);
  }

  /** The six built-in formats. */
  public static Arbitrary<ExportFormat> formats() {
    return Arbitraries.of(ExportFormat.BUILT_IN);
  }

  /**
   * Every scope shape over the data set: unscoped (the caller's tenant), a tenant, a facility of
   * a tenant, a federation, a tenant within a federation (a member or not), a facility within a
   * federation, and a tenant the data set does not know.
   */
  public static Arbitrary<ExportScope> scopes(DataSet data) {
    Objects.requireNonNull(data, "data");
    Arbitrary<String> tenants = Arbitraries.of(data.tenantIds());
    List<Tuple.Tuple2<Integer, Arbitrary<ExportScope>>> shapes = new ArrayList<>();
    shapes.add(Tuple.of(2, Arbitraries.just(ExportScope.unscoped())));
    shapes.add(Tuple.of(6, tenants.map(ExportScope::tenant)));
    shapes.add(Tuple.of(1, Arbitraries.just(ExportScope.tenant("tenant-unknown"))));
    List<ExportScope> facilities = new ArrayList<>();
    data.tenantIds().forEach(t -> data.facilityIds(t).forEach(f -> facilities.add(ExportScope.facility(t, f))));
    if (!facilities.isEmpty()) {
      shapes.add(Tuple.of(2, Arbitraries.of(facilities)));
    }
    if (!data.federationIds().isEmpty()) {
      Arbitrary<String> federations = Arbitraries.of(data.federationIds());
      shapes.add(Tuple.of(6, federations.map(ExportScope::federation)));
      shapes.add(Tuple.of(1, Combinators.combine(tenants, federations).as((t, f) -> new ExportScope(t, null, f))));
      if (!facilities.isEmpty()) {
        shapes.add(Tuple.of(1, Combinators.combine(Arbitraries.of(facilities), federations)
            .as((s, f) -> new ExportScope(s.tenantId(), s.facilityId(), f))));
      }
    }
    return Arbitraries.frequencyOf(shapes).withoutEdgeCases();
  }

  /**
   * Time ranges around the data set's records and its {@code now}: the default range written out,
   * ranges starting or ending exactly at a record's timestamp, empty ranges, one-nanosecond
   * ranges, exactly 90 days, just over 90 days, years long, and ranges holding nothing.
   */
  public static Arbitrary<TimeRange> timeRanges(DataSet data) {
    Objects.requireNonNull(data, "data");
    Instant now = data.now();
    List<Instant> stamps = new ArrayList<>();
    for (SourceRecord record : data.records()) {
      stamps.add(record.timestamp());
    }
    stamps.add(now);
    Arbitrary<Instant> stamp = Arbitraries.of(stamps);
    Instant first = stamps.stream().min(Instant::compareTo).orElseThrow();
    return Arbitraries.frequencyOf(
        // Most ranges hold most of the data, so that exports have something to say.
        Tuple.of(16, Arbitraries.just(TimeRange.of(first.minusSeconds(1), now.plus(Duration.ofDays(2))))),
        Tuple.of(2, Arbitraries.just(TimeRange.endingAt(now))),
        Tuple.of(1, Arbitraries.just(TimeRange.of(now.minus(Duration.ofDays(90)), now))),
        Tuple.of(1, Arbitraries.just(TimeRange.of(now.minus(Duration.ofDays(90)).minusNanos(1), now))),
        Tuple.of(1, Arbitraries.just(TimeRange.of(now.minus(Duration.ofDays(3650)), now.plus(Duration.ofDays(1))))),
        Tuple.of(1, Arbitraries.just(TimeRange.of(Instant.EPOCH.minusSeconds(1), Instant.EPOCH))),
        Tuple.of(1, stamp.map(t -> TimeRange.of(t, t))),
        Tuple.of(1, stamp.map(t -> TimeRange.of(t, t.plusNanos(1)))),
        Tuple.of(2, Combinators.combine(stamp, stamp).as((a, b) -> a.isAfter(b) ? TimeRange.of(b, a) : TimeRange.of(a, b))),
        Tuple.of(2, Combinators.combine(stamp, Arbitraries.longs().between(0, Duration.ofDays(120).toSeconds()))
            .as((t, s) -> TimeRange.of(t.minusSeconds(s), t))))
        // The boundaries are all listed above; jqwik's own edge cases would crowd out the rest.
        .withoutEdgeCases();
  }

  /** Format options: none, each option the built-in formats read, all of them, and an unknown one. */
  public static Arbitrary<Map<String, String>> options() {
    return Arbitraries.of(OPTIONS).map(TreeMap::new);
  }

  /**
   * Requests over the data set of any category and built-in format, any scope shape, a time range
   * from {@link #timeRanges} or the default one, options, and sometimes a query id and a
   * requester of nasty text.
   */
  public static Arbitrary<ExportRequest> of(DataSet data) {
    return of(data, formats());
  }

  /** Like {@link #of(DataSet)}, with formats from {@code formats} (for plugin formats). */
  public static Arbitrary<ExportRequest> of(DataSet data, Arbitrary<ExportFormat> formats) {
    Arbitrary<String> queryIds = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.<String>just(null)),
        Tuple.of(1, Texts.nonBlank()));
    return Combinators.combine(queryIds, categories(), formats, scopes(data), timeRanges(data).injectNull(0.2),
            Texts.nonBlank().injectNull(0.7), options())
        .as(ExportRequest::new);
  }
}
