package dev.exporthub.core.bundle;

import static dev.exporthub.core.bundle.Fixtures.CLOCK;
import static dev.exporthub.core.bundle.Fixtures.DIRECTORY;
import static dev.exporthub.core.bundle.Fixtures.RANGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportDeniedException;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.core.ExportHub;
import dev.exporthub.core.source.InMemoryDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Tenant, facility and federation scopes, and the unscoped request that means the caller's tenant. */
class ScopeTest {

  private static final List<SourceRecord> DATA = Fixtures.boundaryData(RANGE);
  private static final Map<String, SourceRecord> BY_ITEM_ID = index(DATA);

  private static Map<String, SourceRecord> index(List<SourceRecord> records) {
    Map<String, SourceRecord> map = new HashMap<>();
    for (SourceRecord r : records) {
      map.put(r.id(), r);
      if (r.type() == SourceType.ALERTS) {
        map.put("alert:" + r.id(), r);
      } else if (r.type() == SourceType.TASKS) {
        map.put("task:" + r.id(), r);
      }
    }
    return map;
  }

  private static List<SourceRecord> recordsOf(ExportBundle bundle) {
    return bundle.sections().stream().flatMap(s -> s.itemList().stream())
        .map(item -> BY_ITEM_ID.get(item.itemId())).toList();
  }

  private static Set<String> tenantsOf(ExportBundle bundle) {
    return recordsOf(bundle).stream().map(SourceRecord::tenantId).collect(Collectors.toCollection(TreeSet::new));
  }

  private static ExportBundle build(ExportScope scope) {
    return new TestBuilder(InMemoryDataSource.of(DATA), DIRECTORY)
        .build(Fixtures.plan(ExportCategory.FULL_OPERATIONAL, scope, RANGE), CLOCK);
  }

  @Nested
  @DisplayName("through the builder")
  class Builder {

    @Test
    @DisplayName("a tenant scope keeps that tenant's records of every facility and none of another tenant")
    void tenant() {
      ExportBundle bundle = build(ExportScope.tenant("t-2"));
      assertEquals(Set.of("t-2"), tenantsOf(bundle));
      Set<String> facilities = recordsOf(bundle).stream().map(r -> String.valueOf(r.facilityId()))
          .collect(Collectors.toSet());
      assertEquals(Set.of("f-1", "f-2", "null"), facilities);
    }

    @Test
    @DisplayName("a facility scope keeps that facility's records only, not tenant-wide ones")
    void facility() {
      ExportBundle bundle = build(ExportScope.facility("t-1", "f-2"));
      List<SourceRecord> records = recordsOf(bundle);
      assertTrue(!records.isEmpty());
      records.forEach(r -> {
        assertEquals("t-1", r.tenantId(), r.id());
        assertEquals("f-2", r.facilityId(), r.id());
      });
    }

    @Test
    @DisplayName("a federation scope keeps its tenants' records and never another federation's")
    void federation() {
      assertEquals(Set.of("t-1", "t-2"), tenantsOf(build(ExportScope.federation("fed-a"))));
      assertEquals(Set.of("t-3"), tenantsOf(build(ExportScope.federation("fed-b"))));
    }

    @Test
    @DisplayName("an unknown federation exports nothing, not everything")
    void unknownFederation() {
      ExportBundle bundle = build(ExportScope.federation("fed-z"));
      assertEquals(0, bundle.metadata().totalItems());
      assertEquals(0, bundle.references().size());
    }

    @Test
    @DisplayName("a scope that covers no tenant does not ask the source at all")
    void noTenantNoRead() {
      for (ExportScope scope : List.of(ExportScope.federation("fed-z"), new ExportScope("t-3", null, "fed-a"))) {
        TestSource source = TestSource.ordered(DATA);
        ExportBundle bundle = new TestBuilder(source, DIRECTORY)
            .build(Fixtures.plan(ExportCategory.COMPLIANCE_PACK, scope, RANGE), CLOCK);
        bundle.sections().forEach(ExportSection::itemList);
        assertEquals(List.of(), source.calls());
        assertEquals(3, bundle.sections().size());
        assertEquals(0, bundle.metadata().totalItems());
      }
    }

    @Test
    @DisplayName("a tenant outside the named federation exports nothing")
    void tenantOutsideFederation() {
      assertEquals(0, build(new ExportScope("t-3", null, "fed-a")).metadata().totalItems());
      assertEquals(Set.of("t-2"), tenantsOf(build(new ExportScope("t-2", null, "fed-a"))));
    }

    @Test
    @DisplayName("tenantsOf: the tenant, the federation's tenants, or none when they disagree")
    void tenantsOfScopes() {
      TestBuilder builder = new TestBuilder(InMemoryDataSource.empty(), DIRECTORY);
      assertEquals(Set.of("t-1"), builder.tenantsOf(ExportScope.tenant("t-1")));
      assertEquals(Set.of("t-1", "t-2"), builder.tenantsOf(ExportScope.federation("fed-a")));
      assertEquals(Set.of(), builder.tenantsOf(ExportScope.federation("fed-z")));
      assertEquals(Set.of(), builder.tenantsOf(new ExportScope("t-3", null, "fed-a")));
      assertEquals(Set.of("t-1"), builder.tenantsOf(new ExportScope("t-1", "f-1", "fed-a")));
    }

    @Test
    @DisplayName("an unscoped plan is refused: the builder never exports every tenant")
    void unscopedPlanIsRefused() {
      assertThrows(IllegalArgumentException.class,
          () -> Fixtures.plan(ExportCategory.AUDIT_FINDINGS, ExportScope.unscoped(), RANGE));
    }
  }

  @Nested
  @DisplayName("through ExportHub.preview")
  class Preview {

    private final ExportHub hub = ExportHub.builder()
        .dataSource(InMemoryDataSource.of(DATA))
        .clock(Clock.fixed(Fixtures.TO, ZoneOffset.UTC))
        .tenantDirectory(DIRECTORY)
        .discoverWriters(false)
        .writer(TestWriter.JSON)
        .build();

    private ExportBundle preview(Caller caller, ExportScope scope) {
      return hub.preview(ExportRequest.builder(ExportCategory.FULL_OPERATIONAL, ExportFormat.JSON)
          .scope(scope).timeRange(RANGE).build(), caller);
    }

    @Test
    @DisplayName("an unscoped request exports the caller's own tenant only")
    void unscopedMeansTheCallersTenant() {
      for (String tenant : Fixtures.TENANTS) {
        Caller caller = Caller.of("u-" + tenant, tenant, "admin", Set.of());
        ExportBundle bundle = preview(caller, ExportScope.unscoped());
        assertEquals(ExportScope.tenant(tenant), bundle.scope());
        assertEquals(Set.of(tenant), tenantsOf(bundle));
        assertEquals(Expected.sourceIds(SourceType.DRIFT_EVENTS, DATA, ExportScope.tenant(tenant), RANGE),
            bundle.references().ids(SourceType.DRIFT_EVENTS));
      }
    }

    @Test
    @DisplayName("even an admin of every federation gets only their own tenant from an unscoped request")
    void unscopedNeverMeansEverything() {
      Caller admin = new Caller("boss", "t-3", "fed-a", "admin",
          Set.of("export:federation-admin", "export:cross-tenant"));
      ExportBundle bundle = preview(admin, ExportScope.unscoped());
      assertEquals(Set.of("t-3"), tenantsOf(bundle));
      assertTrue(bundle.title().contains("tenant t-3"), bundle.title());
    }

    @Test
    @DisplayName("an unscoped facility request keeps the caller's tenant and the facility")
    void unscopedFacility() {
      Caller caller = Caller.of("u-1", "t-2", "admin", Set.of());
      ExportBundle bundle = preview(caller, new ExportScope(null, "f-1", null));
      assertEquals(ExportScope.facility("t-2", "f-1"), bundle.scope());
      recordsOf(bundle).forEach(r -> {
        assertEquals("t-2", r.tenantId());
        assertEquals("f-1", r.facilityId());
      });
    }

    @Test
    @DisplayName("a federation member's federation export holds its tenants only")
    void federationMember() {
      Caller member = Caller.of("u-1", "t-1", "admin", Set.of()).inFederation("fed-a");
      ExportBundle bundle = preview(member, ExportScope.federation("fed-a"));
      assertEquals(Set.of("t-1", "t-2"), tenantsOf(bundle));
      List<String> expected = Expected.itemIds(SectionKind.TASK_LOGS, DATA, ExportScope.federation("fed-a"), RANGE);
      ExportSection tasks = bundle.sections().get(3);
      assertEquals(expected, tasks.itemList().stream().map(ExportItem::itemId).toList());
    }

    @Test
    @DisplayName("another federation's export is denied before any data is read")
    void otherFederationDenied() {
      Caller member = Caller.of("u-1", "t-1", "admin", Set.of()).inFederation("fed-a");
      assertThrows(ExportDeniedException.class, () -> preview(member, ExportScope.federation("fed-b")));
    }

    @Test
    @DisplayName("the default range is the 30 days ending at the clock's now, half-open")
    void defaultRange() {
      Clock clock = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);
      TimeRange expected = TimeRange.of(Fixtures.NOW.minus(Duration.ofDays(30)), Fixtures.NOW);
      List<SourceRecord> data = Fixtures.boundaryData(expected);
      ExportHub atNow = ExportHub.builder().dataSource(InMemoryDataSource.of(data)).clock(clock)
          .tenantDirectory(DIRECTORY).discoverWriters(false).writer(TestWriter.JSON).build();
      ExportBundle bundle = atNow.preview(
          ExportRequest.builder(ExportCategory.COMPLIANCE_PACK, ExportFormat.JSON).build(),
          Caller.of("u-1", "t-1", "auditor", Set.of()));
      assertEquals(expected, bundle.timeRange());
      assertEquals(expected, bundle.metadata().timeRange());
      Map<SectionKind, List<String>> byKind = bundle.sections().stream().collect(Collectors.toMap(
          ExportSection::kind, s -> s.itemList().stream().map(ExportItem::itemId).toList()));
      byKind.forEach((kind, ids) ->
          assertEquals(Expected.itemIds(kind, data, ExportScope.tenant("t-1"), expected), ids, kind.id()));
      Function<String, SourceRecord> lookup = index(data)::get;
      bundle.sections().forEach(s -> s.itemList().forEach(item ->
          assertTrue(expected.contains(Expected.placedAt(lookup.apply(item.itemId()))), item.itemId())));
    }
  }
}
