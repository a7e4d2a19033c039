package dev.exporthub.core.bundle;

import static dev.exporthub.core.bundle.Fixtures.DIRECTORY;
import static dev.exporthub.core.bundle.Fixtures.FROM;
import static dev.exporthub.core.bundle.Fixtures.TO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.core.source.InMemoryDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Laws of the builder: order-independence, read-only sources, and nothing outside scope and range. */
class BundleBuilderProperties {

  /** One generated record, before it gets its unique id. */
  private record Spec(SourceType type, int tenant, int facility, Instant at, int variant, int deadlineHours,
      int closedHours) { }

  private static final List<ExportScope> SCOPES = List.of(
      ExportScope.tenant("t-1"), ExportScope.facility("t-2", "f-1"), ExportScope.federation("fed-a"),
      ExportScope.federation("fed-b"), new ExportScope("t-1", "f-2", "fed-a"), new ExportScope("t-3", null, "fed-a"));

  @Provide
  Arbitrary<List<SourceRecord>> dataSets() {
    Arbitrary<Instant> edges = Arbitraries.of(new ArrayList<>(Fixtures.edges(Fixtures.RANGE)));
    Arbitrary<Instant> anywhere = Arbitraries.longs().between(-3 * 86_400L, 34 * 86_400L)
        .map(FROM::plusSeconds);
    Arbitrary<Spec> spec = Combinators.combine(
        Arbitraries.of(SourceType.class),
        Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, 2),
        Arbitraries.oneOf(edges, anywhere),
        Arbitraries.integers().between(0, 1000),
        Arbitraries.integers().between(-1, 72),
        Arbitraries.integers().between(-1, 72)).as(Spec::new);
    return spec.list().ofMaxSize(80).map(BundleBuilderProperties::records);
  }

  private static List<SourceRecord> records(List<Spec> specs) {
    List<SourceRecord> records = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      Spec s = specs.get(i);
      String id = Fixtures.prefix(s.type()) + "-" + i;
      String tenant = Fixtures.TENANTS.get(s.tenant());
      String facility = Fixtures.FACILITIES.get(s.facility());
      Instant deadline = s.deadlineHours() < 0 ? null : s.at().plus(Duration.ofHours(s.deadlineHours()));
      Instant closed = s.closedHours() < 0 ? null : s.at().plus(Duration.ofHours(s.closedHours()));
      records.add(switch (s.type()) {
        case ALERTS -> Fixtures.alert(id, tenant, facility, s.at(), deadline, closed);
        case TASKS -> Fixtures.task(id, tenant, facility, s.at(), deadline, closed);
        default -> Fixtures.record(s.type(), id, tenant, facility, s.at(), s.variant());
      });
    }
    return Collections.unmodifiableList(records);
  }

  @Provide
  Arbitrary<TimeRange> ranges() {
    Arbitrary<TimeRange> random = Combinators.combine(
        Arbitraries.longs().between(-2 * 86_400L, 30 * 86_400L),
        Arbitraries.longs().between(0, 35 * 86_400L))
        .as((start, length) -> TimeRange.of(FROM.plusSeconds(start), FROM.plusSeconds(start + length)));
    return Arbitraries.oneOf(Arbitraries.of(Fixtures.RANGE, TimeRange.of(FROM, FROM),
        TimeRange.of(FROM.plusNanos(1), TO.minusNanos(1))), random);
  }

  @Provide
  Arbitrary<ExportScope> scopes() {
    return Arbitraries.of(SCOPES);
  }

  @Provide
  Arbitrary<Clock> clocks() {
    return Arbitraries.of(Fixtures.CLOCK, Clock.fixed(FROM.plus(Duration.ofDays(12)), ZoneOffset.UTC));
  }

  private static ExportBundle build(OperationalDataSource source, ExportCategory category, ExportScope scope,
      TimeRange range, Clock clock) {
    return new TestBuilder(source, DIRECTORY).build(Fixtures.plan(category, scope, range), clock);
  }

  @Property(tries = 150)
  @Label("shuffling the input, or a source that returns it shuffled, changes neither content nor digest")
  void shuffleInvariant(@ForAll("dataSets") List<SourceRecord> data, @ForAll long seed,
      @ForAll ExportCategory category, @ForAll("scopes") ExportScope scope, @ForAll("ranges") TimeRange range,
      @ForAll("clocks") Clock clock) {
    List<SourceRecord> shuffled = new ArrayList<>(data);
    Collections.shuffle(shuffled, new Random(seed));
    ExportBundle expected = build(InMemoryDataSource.of(data), category, scope, range, clock);
    String content = Content.of(expected);
    for (OperationalDataSource source : List.of(
        InMemoryDataSource.of(shuffled),
        TestSource.shuffled(Collections.unmodifiableList(shuffled), seed),
        TestSource.ordered(Collections.unmodifiableList(shuffled)))) {
      ExportBundle bundle = build(source, category, scope, range, clock);
      assertEquals(expected.metadata().contentDigest(), bundle.metadata().contentDigest());
      assertEquals(expected.bundleId(), bundle.bundleId());
      assertEquals(content, Content.of(bundle));
    }
  }

  @Property(tries = 150)
  @Label("the builder never modifies its sources, asks them only for its scope and range, and closes every stream")
  void sourcesAreReadOnly(@ForAll("dataSets") List<SourceRecord> data, @ForAll boolean ordered, @ForAll long seed,
      @ForAll ExportCategory category, @ForAll("scopes") ExportScope scope, @ForAll("ranges") TimeRange range,
      @ForAll("clocks") Clock clock) {
    List<SourceRecord> before = List.copyOf(data);
    TestSource source = ordered ? TestSource.ordered(data) : TestSource.shuffled(data, seed);
    ExportBundle bundle = build(source, category, scope, range, clock);
    for (int pass = 0; pass < 2; pass++) {
      bundle.sections().forEach(ExportSection::itemList);
    }
    assertEquals(before, data);
    assertTrue(source.unchanged());
    assertEquals(source.opened(), source.closed(), "every stream the builder opened was closed");

    Set<String> tenants = new TreeSet<>(scope.federationId() == null ? Set.of(scope.tenantId())
        : Expected.FEDERATIONS.getOrDefault(scope.federationId(), Set.of()));
    if (scope.tenantId() != null) {
      tenants.retainAll(Set.of(scope.tenantId()));
    }
    EnumSet<SourceType> wanted = EnumSet.noneOf(SourceType.class);
    for (SectionKind kind : category.sections()) {
      kind.source().ifPresentOrElse(wanted::add, () -> wanted.addAll(Set.of(SourceType.ALERTS, SourceType.TASKS)));
    }
    for (TestSource.Call call : source.calls()) {
      assertTrue(wanted.contains(call.type()), call.type().id());
      assertEquals(tenants, call.query().tenantIds());
      assertEquals(scope.facilityId(), call.query().facilityId());
      assertEquals(range, call.query().timeRange());
    }
    if (tenants.isEmpty()) {
      wanted.clear();
    }
    assertEquals(wanted, source.calls().stream().map(TestSource.Call::type)
        .collect(() -> EnumSet.noneOf(SourceType.class), EnumSet::add, EnumSet::addAll));
  }

  @Property(tries = 150)
  @Label("every item lies in the range, and each section holds exactly the records in scope and range")
  void itemsInScopeAndRange(@ForAll("dataSets") List<SourceRecord> data, @ForAll boolean ordered, @ForAll long seed,
      @ForAll ExportCategory category, @ForAll("scopes") ExportScope scope, @ForAll("ranges") TimeRange range,
      @ForAll("clocks") Clock clock) {
    OperationalDataSource source = ordered ? InMemoryDataSource.of(data) : TestSource.shuffled(data, seed);
    ExportBundle bundle = build(source, category, scope, range, clock);
    long total = 0;
    for (ExportSection section : bundle.sections()) {
      List<ExportItem> items = section.itemList();
      items.forEach(item -> assertTrue(Expected.inRange(item.timestamp(), range), item.itemId()));
      assertEquals(Expected.itemIds(section.kind(), data, scope, range),
          items.stream().map(ExportItem::itemId).toList(), section.sectionId());
      assertEquals(items.size(), section.itemCount());
      total += items.size();
    }
    assertEquals(total, bundle.metadata().totalItems());
    assertEquals(total * 500 + bundle.sections().size() * 200L, bundle.metadata().estimatedSizeBytes());
  }
}
