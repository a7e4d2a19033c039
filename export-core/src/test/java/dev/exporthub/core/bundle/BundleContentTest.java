package dev.exporthub.core.bundle;

import static dev.exporthub.core.bundle.Fixtures.CLOCK;
import static dev.exporthub.core.bundle.Fixtures.DIRECTORY;
import static dev.exporthub.core.bundle.Fixtures.FROM;
import static dev.exporthub.core.bundle.Fixtures.NOW;
import static dev.exporthub.core.bundle.Fixtures.RANGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.BundleMetadata;
import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.AuditFinding;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.core.ExportHub;
import dev.exporthub.core.source.InMemoryDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Items, references, metadata, identity, titles and descriptions of a bundle. */
class BundleContentTest {

  private static final List<SourceRecord> DATA = Fixtures.boundaryData(RANGE);
  private static final ExportScope T1 = ExportScope.tenant("t-1");

  private static ExportBundle build(List<? extends SourceRecord> data, Plan plan, Clock clock) {
    return new TestBuilder(InMemoryDataSource.of(data), DIRECTORY).build(plan, clock);
  }

  private static ExportBundle build(ExportCategory category) {
    return build(DATA, Fixtures.plan(category, T1, RANGE), CLOCK);
  }

  @Nested
  @DisplayName("items")
  class Items {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ExportCategory.class, names = "FULL_OPERATIONAL")
    @DisplayName("an item carries its record's id, item type, placing instant, every field in order and related ids")
    void itemsMirrorTheirRecords(ExportCategory category) {
      Map<String, SourceRecord> byId = new HashMap<>();
      DATA.forEach(r -> byId.put(r.id(), r));
      for (ExportSection section : build(category).sections()) {
        for (ExportItem item : section.itemList()) {
          SourceRecord record = byId.get(item.itemId());
          assertEquals(record.type().itemType(), item.itemType());
          assertEquals(Expected.placedAt(record), item.timestamp());
          assertEquals(new ArrayList<>(record.fields().keySet()), new ArrayList<>(item.data().keySet()));
          assertEquals(record.fields(), item.data());
          assertEquals(record.relatedIds(), item.references());
        }
      }
    }

    @Test
    @DisplayName("data keys follow the record's fields: its own in SPECIFICATION.md §2.3 order, then tenant, facility, attributes")
    void dataKeyOrder() {
      AuditFinding finding = new AuditFinding("af-1", "high", "access", "open", "Door", FROM.plus(Duration.ofHours(1)),
          null, "t-1", "f-1", List.of("x-2", "x-1"), Map.of("zeta", 1, "alpha", "a"));
      ExportItem item = build(List.of(finding), Fixtures.plan(ExportCategory.AUDIT_FINDINGS, T1, RANGE), CLOCK)
          .sections().get(0).itemList().get(0);
      assertEquals(List.of("auditFindingId", "severity", "category", "status", "description", "foundAt", "tenantId",
          "facilityId", "attributes"), new ArrayList<>(item.data().keySet()));
      assertEquals(List.of("x-2", "x-1"), item.references());
      @SuppressWarnings("unchecked")
      Map<String, Object> attributes = (Map<String, Object>) item.data().get("attributes");
      assertEquals(List.of("alpha", "zeta"), new ArrayList<>(attributes.keySet()));
    }

    @Test
    @DisplayName("items with equal timestamps are ordered by id")
    void tiesByItemId() {
      Instant t = FROM.plus(Duration.ofHours(5));
      List<SourceRecord> data = new ArrayList<>();
      for (String id : List.of("b", "a-10", "a-9", "A")) {
        data.add(Fixtures.record(SourceType.REPORTS, id, "t-1", null, t, 1));
      }
      data.add(Fixtures.record(SourceType.REPORTS, "0-late", "t-1", null, t.plus(Duration.ofNanos(1)), 1));
      data.add(Fixtures.record(SourceType.REPORTS, "z-early", "t-1", null, t.minus(Duration.ofNanos(1)), 1));
      ExportSection section = build(data, Fixtures.plan(ExportCategory.REPORTS, T1, RANGE), CLOCK).sections().get(0);
      assertEquals(List.of("z-early", "A", "a-10", "a-9", "b", "0-late"),
          section.itemList().stream().map(ExportItem::itemId).toList());
    }
  }

  @Nested
  @DisplayName("references")
  class References {

    @Test
    @DisplayName("all ten keys in phase order, each the sorted ids of the included records")
    void tenKeysSorted() {
      ExportBundle bundle = build(ExportCategory.FULL_OPERATIONAL);
      assertEquals(List.of("auditFindings", "driftEvents", "alerts", "tasks", "operatorMetrics", "realTimeSignals",
          "capacityProjections", "schedules", "insights", "reports"),
          new ArrayList<>(bundle.references().asMap().keySet()));
      for (SourceType type : SourceType.values()) {
        assertEquals(Expected.sourceIds(type, DATA, T1, RANGE), bundle.references().ids(type), type.id());
      }
    }

    @Test
    @DisplayName("sources outside the category have a key with no ids")
    void otherSourcesEmpty() {
      ExportBundle bundle = build(ExportCategory.EXECUTIVE_SUMMARY);
      assertEquals(10, bundle.references().asMap().size());
      assertEquals(Expected.sourceIds(SourceType.INSIGHTS, DATA, T1, RANGE), bundle.references().ids(SourceType.INSIGHTS));
      assertEquals(Expected.sourceIds(SourceType.REPORTS, DATA, T1, RANGE), bundle.references().ids(SourceType.REPORTS));
      for (SourceType type : SourceType.values()) {
        if (type != SourceType.INSIGHTS && type != SourceType.REPORTS) {
          assertEquals(List.of(), bundle.references().ids(type), type.id());
        }
      }
    }
  }

  @Nested
  @DisplayName("metadata")
  class Metadata {

    @ParameterizedTest(name = "{0}")
    @EnumSource(ExportCategory.class)
    @DisplayName("metadata follow the formulas of SPECIFICATION.md §4.6")
    void formula(ExportCategory category) {
      ExportBundle bundle = build(category);
      BundleMetadata m = bundle.metadata();
      long items = bundle.sections().stream().mapToLong(ExportSection::itemCount).sum();
      assertEquals(items, m.totalItems());
      assertEquals(bundle.sections().size(), m.totalSections());
      assertEquals(items * 500 + bundle.sections().size() * 200L, m.estimatedSizeBytes());
      assertEquals(bundle.sections().stream().map(ExportSection::dataSource).distinct().toList(), m.dataSourcesUsed());
      assertEquals(RANGE, m.timeRange());
      assertEquals("u-1", m.generatedBy());
      assertEquals(ExportFormat.JSON, m.format());
      assertEquals(NOW, m.generatedAt());
      assertEquals(0, m.computationTimeMs());
      assertEquals(1, m.schemaVersion());
      assertTrue(m.contentDigest().matches("[0-9a-f]{64}"), m.contentDigest());
      assertEquals("EXP-" + m.contentDigest().substring(0, 16), bundle.bundleId());
      assertEquals("x-1", bundle.exportId());
      bundle.sections().forEach(s -> assertEquals(NOW, s.generatedAt()));
    }

    @Test
    @DisplayName("computation time is measured on the injected clock")
    void computationTime() {
      AtomicInteger ticks = new AtomicInteger();
      Clock ticking = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return NOW.plusMillis(7L * ticks.getAndIncrement());
        }
      };
      ExportBundle bundle = build(DATA, Fixtures.plan(ExportCategory.REPORTS, T1, RANGE), ticking);
      assertTrue(bundle.metadata().computationTimeMs() > 0);
      assertEquals(bundle.metadata().computationTimeMs() % 7, 0);
    }
  }

  @Nested
  @DisplayName("content digest and bundle id")
  class Identity {

    private final Plan plan = Fixtures.plan(ExportCategory.COMPLIANCE_PACK, T1, RANGE);
    private final ExportBundle reference = build(DATA, plan, CLOCK);

    private String digest(List<SourceRecord> data, Plan p, Clock clock) {
      return build(data, p, clock).metadata().contentDigest();
    }

    @Test
    @DisplayName("format, compression, export id and the clock (past the range) leave the digest alone")
    void volatileFieldsExcluded() {
      Plan other = new Plan(plan.category(), ExportFormat.ZIP, plan.scope(),
          plan.timeRange(), plan.generatedBy(), true, "x-2");
      ExportBundle bundle = build(DATA, other, Clock.fixed(NOW.plus(Duration.ofDays(3)), ZoneOffset.UTC));
      assertEquals(reference.metadata().contentDigest(), bundle.metadata().contentDigest());
      assertEquals(reference.bundleId(), bundle.bundleId());
      assertEquals("x-2", bundle.exportId());
      assertEquals(Content.of(reference), Content.of(bundle));
      assertNotEquals(reference.metadata().generatedAt(), bundle.metadata().generatedAt());
    }

    @Test
    @DisplayName("a changed record in the bundle changes the digest; a changed record outside it does not")
    void changedRecord() {
      Function<String, List<SourceRecord>> changing = id -> DATA.stream().map(r -> !r.id().equals(id) ? r
          : Fixtures.record(r.type(), r.id(), r.tenantId(), r.facilityId(), r.timestamp(), 99)).toList();
      String inside = Expected.itemIds(dev.exporthub.api.SectionKind.AUDIT_FINDINGS, DATA, T1, RANGE).get(3);
      String outsideScope = DATA.stream().filter(r -> r.type() == SourceType.AUDIT_FINDINGS
          && r.tenantId().equals("t-2")).findFirst().orElseThrow().id();
      String outsideCategory = DATA.stream().filter(r -> r.type() == SourceType.REPORTS
          && r.tenantId().equals("t-1")).findFirst().orElseThrow().id();
      String before = reference.metadata().contentDigest();
      assertNotEquals(before, digest(changing.apply(inside), plan, CLOCK));
      assertEquals(before, digest(changing.apply(outsideScope), plan, CLOCK));
      assertEquals(before, digest(changing.apply(outsideCategory), plan, CLOCK));
    }

    @Test
    @DisplayName("one nanosecond or one related id changes the digest")
    void smallChanges() {
      Instant t = FROM.plus(Duration.ofHours(1));
      AuditFinding a = new AuditFinding("af-1", "high", "c", "open", "d", t, null, "t-1", null, List.of("r-1"), null);
      AuditFinding later = new AuditFinding("af-1", "high", "c", "open", "d", t.plusNanos(1), null, "t-1", null,
          List.of("r-1"), null);
      AuditFinding related = new AuditFinding("af-1", "high", "c", "open", "d", t, null, "t-1", null,
          List.of("r-2"), null);
      Plan p = Fixtures.plan(ExportCategory.AUDIT_FINDINGS, T1, RANGE);
      String base = digest(List.of(a), p, CLOCK);
      assertNotEquals(base, digest(List.of(later), p, CLOCK));
      assertNotEquals(base, digest(List.of(related), p, CLOCK));
    }

    @Test
    @DisplayName("scope, range, category and requester are content")
    void requestIsContent() {
      String base = reference.metadata().contentDigest();
      assertNotEquals(base, digest(DATA, Fixtures.plan(ExportCategory.COMPLIANCE_PACK,
          ExportScope.facility("t-1", "f-1"), RANGE), CLOCK));
      assertNotEquals(base, digest(DATA, Fixtures.plan(ExportCategory.COMPLIANCE_PACK, T1,
          TimeRange.of(FROM, Fixtures.TO.plus(Duration.ofDays(1)))), CLOCK));
      assertNotEquals(base, digest(DATA, Fixtures.plan(ExportCategory.FULL_OPERATIONAL, T1, RANGE), CLOCK));
      assertNotEquals(base, digest(DATA, new Plan(ExportCategory.COMPLIANCE_PACK, ExportFormat.JSON, T1,
          RANGE, "u-2", false, "x-1"), CLOCK));
    }

    @Test
    @DisplayName("the same request in two formats through ExportHub.preview has one digest and bundle id")
    void sameInEveryFormat() {
      ExportHub hub = ExportHub.builder().dataSource(InMemoryDataSource.of(DATA)).clock(CLOCK)
          .tenantDirectory(DIRECTORY).discoverWriters(false)
          .writer(TestWriter.JSON).writer(TestWriter.CSV).writer(TestWriter.ZIP).build();
      Caller caller = Caller.of("u-1", "t-1", "auditor", Set.of("export:bundle-formats"));
      List<ExportBundle> bundles = new ArrayList<>();
      for (ExportFormat format : List.of(ExportFormat.JSON, ExportFormat.CSV, ExportFormat.ZIP)) {
        bundles.add(hub.preview(ExportRequest.builder(ExportCategory.COMPLIANCE_PACK, format).timeRange(RANGE).build(),
            caller));
      }
      for (ExportBundle bundle : bundles) {
        assertEquals(reference.metadata().contentDigest(), bundle.metadata().contentDigest(), bundle.format().id());
        assertEquals(reference.bundleId(), bundle.bundleId());
      }
      assertNotEquals(bundles.get(0).exportId(), bundles.get(1).exportId());
      assertEquals(false, bundles.get(0).metadata().compressed());
      assertEquals(true, bundles.get(2).metadata().compressed());
    }

    @Test
    @DisplayName("neither the default locale nor the default time zone reaches the content")
    void localeAndZoneFree() {
      Locale locale = Locale.getDefault();
      TimeZone zone = TimeZone.getDefault();
      try {
        for (String tag : List.of("ar-EG", "hi-IN-u-nu-deva", "tr-TR", "de-DE")) {
          Locale.setDefault(Locale.forLanguageTag(tag));
          TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
          ExportBundle bundle = build(DATA, Fixtures.plan(ExportCategory.FULL_OPERATIONAL, T1, RANGE), CLOCK);
          ExportBundle sla = build(DATA, plan, CLOCK);
          Locale.setDefault(Locale.ROOT);
          TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
          assertEquals(Content.of(build(DATA, Fixtures.plan(ExportCategory.FULL_OPERATIONAL, T1, RANGE), CLOCK)),
              Content.of(bundle), tag);
          assertEquals(Content.of(reference), Content.of(sla), tag);
        }
      } finally {
        Locale.setDefault(locale);
        TimeZone.setDefault(zone);
      }
    }
  }

  @Nested
  @DisplayName("titles and descriptions")
  class Titles {

    @Test
    @DisplayName("title and description name the category, the scope and the range in UTC dates")
    void tenant() {
      ExportBundle bundle = build(ExportCategory.COMPLIANCE_PACK);
      assertEquals("Compliance Pack — tenant t-1, 2026-01-01 to 2026-02-01", bundle.title());
      assertEquals("Full compliance bundle for audits: Audit Findings, Environmental Drift Events, SLA Compliance"
          + " for tenant t-1, 2026-01-01 to 2026-02-01 (UTC).", bundle.description());
    }

    @Test
    @DisplayName("facility and federation scopes are named too")
    void otherScopes() {
      TimeRange late = TimeRange.of(Instant.parse("2026-03-31T23:30:00Z"), Instant.parse("2026-04-01T00:30:00Z"));
      ExportBundle facility = build(DATA, Fixtures.plan(ExportCategory.REPORTS, ExportScope.facility("t-2", "f-9"),
          late), CLOCK);
      assertEquals("Reports — tenant t-2, facility f-9, 2026-03-31 to 2026-04-01", facility.title());
      assertEquals("Enterprise reports from Phase 59: Enterprise Reports for tenant t-2, facility f-9,"
          + " 2026-03-31 to 2026-04-01 (UTC).", facility.description());
      ExportBundle federation = build(DATA, Fixtures.plan(ExportCategory.EXECUTIVE_SUMMARY,
          ExportScope.federation("fed-a"), RANGE), CLOCK);
      assertEquals("Executive Summary — federation fed-a, 2026-01-01 to 2026-02-01", federation.title());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ExportCategory.class)
    @DisplayName("every category's title starts with its own title")
    void everyCategory(ExportCategory category) {
      ExportBundle bundle = build(category);
      assertTrue(bundle.title().startsWith(category.title() + " — tenant t-1, "), bundle.title());
      assertTrue(bundle.description().startsWith(category.useCase() + ": "), bundle.description());
      assertTrue(bundle.description().endsWith(" for tenant t-1, 2026-01-01 to 2026-02-01 (UTC)."), bundle.description());
    }
  }
}
