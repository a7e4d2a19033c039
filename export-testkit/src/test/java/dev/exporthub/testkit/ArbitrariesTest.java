package dev.exporthub.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.core.ExportHub;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The arbitraries generate what their documentation promises, hazards included. */
@DisplayName("The arbitraries")
class ArbitrariesTest {

  @Test
  @DisplayName("give records of the right class for each of the ten sources")
  void recordsOfEachSource() {
    for (SourceType type : SourceType.values()) {
      SourceRecords.of(type).sampleStream().limit(40).forEach(r -> assertInstanceOf(type.recordType(), r));
    }
    List<Arbitrary<? extends SourceRecord>> named = List.of(SourceRecords.auditFindings(), SourceRecords.driftEvents(),
        SourceRecords.alerts(), SourceRecords.tasks(), SourceRecords.operatorMetrics(), SourceRecords.realTimeSignals(),
        SourceRecords.capacityProjections(), SourceRecords.schedules(), SourceRecords.insights(),
        SourceRecords.reports());
    for (int i = 0; i < named.size(); i++) {
      Class<?> expected = SourceType.values()[i].recordType();
      named.get(i).sampleStream().limit(20).forEach(r -> assertInstanceOf(expected, r));
    }
    Set<SourceType> seen = SourceRecords.any().sampleStream().limit(400).map(SourceRecord::type)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(SourceType.class)));
    assertEquals(EnumSet.allOf(SourceType.class), seen);
  }

  @Test
  @DisplayName("give text with code points of every plane, combining and bidi marks, controls and payloads")
  void textHazards() {
    List<String> texts = Texts.any().sampleStream().limit(4000).toList();
    Set<Integer> planes = new TreeSet<>();
    boolean combining = false;
    boolean bidi = false;
    boolean control = false;
    for (String text : texts) {
      for (int cp : text.codePoints().toArray()) {
        planes.add(cp >> 16);
        combining |= Character.getType(cp) == Character.NON_SPACING_MARK;
        bidi |= cp == 0x200F || cp == 0x202E || (cp >= 0x2066 && cp <= 0x2069);
        control |= Character.getType(cp) == Character.CONTROL;
      }
    }
    assertEquals(Set.of(0, 1, 2, 3, 14, 15, 16), planes);
    assertTrue(combining && bidi && control, "combining " + combining + ", bidi " + bidi + ", control " + control);
    for (String payload : List.of("=", "<script>", "| pipe |", "\"")) {
      assertTrue(texts.stream().anyMatch(t -> t.contains(payload)), payload);
    }
    assertTrue(Texts.nonBlank().sampleStream().limit(2000).noneMatch(String::isBlank));
    assertTrue(Texts.withLoneSurrogates().sampleStream().limit(2000).anyMatch(ArbitrariesTest::hasLoneSurrogate));
    assertTrue(Texts.any().sampleStream().limit(2000).noneMatch(ArbitrariesTest::hasLoneSurrogate));
  }

  @Test
  @DisplayName("give data sets with unique, searchable ids and relations inside a tenant and facility")
  void dataSets() {
    DataSets.any().sampleStream().limit(150).forEach(data -> {
      Set<String> ids = new TreeSet<>();
      for (SourceRecord r : data.records()) {
        assertTrue(ids.add(r.id()), "unique id " + r.id());
        assertTrue(r.id().matches("[A-Z]{2}[A-Z0-9]{6}"), r.id());
        assertTrue(data.tenantIds().contains(r.tenantId()), r.tenantId());
        assertTrue(r.facilityId() == null || data.facilityIds(r.tenantId()).contains(r.facilityId()));
        for (String related : r.relatedIds()) {
          SourceRecord other = data.records().stream().filter(o -> o.id().equals(related)).findFirst().orElseThrow();
          assertEquals(r.tenantId(), other.tenantId());
          assertEquals(r.facilityId(), other.facilityId());
        }
      }
      data.federations().values().forEach(members -> assertTrue(data.tenantIds().containsAll(members)));
    });
    assertEquals(DataSets.sample(3, 50), DataSets.sample(3, 50), "the sample data set is fixed");
    assertEquals(50 + Texts.NASTY.size(), DataSets.sample(3, 50).records().size());
  }

  @Test
  @DisplayName("give requests of every category, format, scope shape and range boundary")
  void requests() {
    DataSet data = DataSets.sample(1, 60);
    List<ExportRequest> requests = Requests.of(data).sampleStream().limit(3000).toList();
    assertEquals(EnumSet.allOf(ExportCategory.class), requests.stream().map(ExportRequest::category)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(ExportCategory.class))));
    assertEquals(new TreeSet<>(ExportFormat.BUILT_IN), requests.stream().map(ExportRequest::format)
        .collect(Collectors.toCollection(TreeSet::new)));
    Set<String> shapes = requests.stream().map(r -> shape(r.scope())).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("unscoped", "tenant", "facility", "federation", "tenant+federation",
        "facility+federation"), shapes);
    List<TimeRange> ranges = requests.stream().map(ExportRequest::timeRange).toList();
    assertTrue(ranges.contains(null), "the default range");
    assertTrue(ranges.stream().anyMatch(r -> r != null && r.length().equals(Duration.ofDays(90))), "90 days");
    assertTrue(ranges.stream().anyMatch(r -> r != null && r.length().equals(Duration.ofDays(90).plusNanos(1))),
        "90 days and a nanosecond");
    assertTrue(ranges.stream().anyMatch(r -> r != null && r.length().isZero()), "empty");
    assertTrue(ranges.stream().anyMatch(r -> r != null && r.length().equals(Duration.ofNanos(1))), "a nanosecond");
  }

  @Test
  @DisplayName("give an admin caller whom policy allows every category and format")
  void adminSeesEverything() {
    DataSet data = DataSets.sample(1, 20);
    ExportHub hub = ExportHub.builder().dataSource(data.source()).tenantDirectory(data.tenantDirectory())
        .clock(Clock.fixed(data.now(), ZoneOffset.UTC)).build();
    var visible = hub.visibility(Callers.admin("tenant-1"));
    assertEquals(EnumSet.allOf(ExportCategory.class), EnumSet.copyOf(visible.keySet()));
    visible.values().forEach(formats -> assertEquals(ExportFormat.BUILT_IN, formats));
    assertTrue(Callers.of(data).sampleStream().limit(500).map(c -> c.role() == null ? "" : c.role())
        .anyMatch("ADMIN"::equals));
  }

  private static String shape(ExportScope scope) {
    if (scope.isUnscoped()) {
      return "unscoped";
    }
    String base = scope.facilityId() != null ? "facility" : scope.tenantId() != null ? "tenant" : "";
    if (scope.federationId() == null) {
      return base;
    }
    return base.isEmpty() ? "federation" : base + "+federation";
  }

  private static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
