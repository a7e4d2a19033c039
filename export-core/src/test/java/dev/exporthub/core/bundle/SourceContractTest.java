package dev.exporthub.core.bundle;

import static dev.exporthub.core.bundle.Fixtures.CLOCK;
import static dev.exporthub.core.bundle.Fixtures.DIRECTORY;
import static dev.exporthub.core.bundle.Fixtures.FROM;
import static dev.exporthub.core.bundle.Fixtures.RANGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.SourceQuery;
import dev.exporthub.core.ExportHub;
import dev.exporthub.core.source.InMemoryDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the builder does with sources that keep, and that break, their contract. */
class SourceContractTest {

  private static final List<SourceRecord> DATA = Fixtures.boundaryData(RANGE);
  private static final ExportScope T1 = ExportScope.tenant("t-1");

  private static ExportBundle build(OperationalDataSource source, ExportCategory category) {
    return new TestBuilder(source, DIRECTORY).build(Fixtures.plan(category, T1, RANGE), CLOCK);
  }

  private static Instant at(int hours) {
    return FROM.plus(Duration.ofHours(hours));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ExportCategory.class)
  @DisplayName("an unordered source returning records shuffled gives the same bundle as an ordered one")
  void unorderedSourceIsSorted(ExportCategory category) {
    ExportBundle expected = build(InMemoryDataSource.of(DATA), category);
    ExportBundle shuffled = build(TestSource.shuffled(DATA, 42), category);
    assertEquals(Content.of(expected), Content.of(shuffled));
    for (ExportSection section : shuffled.sections()) {
      assertEquals(Expected.itemIds(section.kind(), DATA, T1, RANGE),
          section.itemList().stream().map(ExportItem::itemId).toList(), section.sectionId());
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ExportCategory.class)
  @DisplayName("a source that claims to be ordered but is not is refused, naming source, record and field")
  void lyingSourceIsRefused(ExportCategory category) {
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> build(TestSource.lyingAboutOrder(DATA), category).sections().forEach(ExportSection::itemList));
    assertTrue(e.getMessage().contains("ordered"), e.getMessage());
    SourceType first = category.sections().get(0).source().orElseThrow();
    assertEquals(first.recordType().getSimpleName(), e.source());
    assertEquals(first.timeField(), e.field());
    assertTrue(e.recordId() != null && e.getMessage().contains(e.recordId()), e.getMessage());
  }

  @Test
  @DisplayName("the SLA section checks the order of alerts and tasks too")
  void lyingAboutAlertsInTheCompliancePack() {
    List<SourceRecord> data = List.of(
        Fixtures.record(SourceType.AUDIT_FINDINGS, "af-1", "t-1", null, at(1), 1),
        Fixtures.alert("a-1", "t-1", null, at(1), at(3), null),
        Fixtures.alert("a-2", "t-1", null, at(2), at(3), null));
    OperationalDataSource source = TestSource.arranged(data, true, (call, records) -> {
      List<SourceRecord> copy = new ArrayList<>(records);
      java.util.Collections.reverse(copy);
      return copy;
    });
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> build(source, ExportCategory.COMPLIANCE_PACK));
    assertEquals("Alert", e.source());
    assertEquals("a-1", e.recordId());
    assertEquals("createdAt", e.field());
  }

  @Test
  @DisplayName("a tie in timestamp must be broken by id in an ordered source")
  void tieBrokenById() {
    List<SourceRecord> data = List.of(
        Fixtures.record(SourceType.REPORTS, "r-b", "t-1", null, at(1), 1),
        Fixtures.record(SourceType.REPORTS, "r-a", "t-1", null, at(1), 1));
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> build(TestSource.arranged(data, true, (call, records) -> records), ExportCategory.REPORTS));
    assertEquals("r-a", e.recordId());
    assertEquals("Report", e.source());
  }

  @Test
  @DisplayName("a source that claims ordered and is ordered is streamed as it is")
  void honestOrderedSource() {
    ExportBundle bundle = build(TestSource.ordered(DATA), ExportCategory.FULL_OPERATIONAL);
    assertEquals(Content.of(build(InMemoryDataSource.of(DATA), ExportCategory.FULL_OPERATIONAL)), Content.of(bundle));
  }

  @ParameterizedTest(name = "ordered source: {0}")
  @EnumSource(value = SourceType.class)
  @DisplayName("a duplicate id within a source is refused, naming source, id and id field")
  void duplicateIds(SourceType type) {
    for (boolean ordered : new boolean[] {true, false}) {
      List<SourceRecord> data = List.of(
          Fixtures.record(type, "dup", "t-1", null, at(1), 1),
          Fixtures.record(type, "other", "t-1", "f-1", at(2), 2),
          Fixtures.record(type, "dup", "t-1", "f-2", at(3), 3));
      OperationalDataSource source = TestSource.arranged(data, ordered, (call, records) -> records);
      ExportCategory category = Arrays.stream(ExportCategory.values())
          .filter(c -> c.sections().size() == 1 && c.sections().get(0).source().orElseThrow() == type)
          .findFirst().orElseThrow();
      InvalidDataException e = assertThrows(InvalidDataException.class, () -> build(source, category));
      assertEquals(type.recordType().getSimpleName(), e.source());
      assertEquals("dup", e.recordId());
      assertEquals(type.idField(), e.field());
      assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
      assertEquals("INVALID_DATA", e.errorCode());
    }
  }

  @Test
  @DisplayName("duplicate alerts and tasks are refused by the SLA section, with or without a deadline")
  void duplicateInSlaSection() {
    for (boolean ordered : new boolean[] {true, false}) {
      List<SourceRecord> alerts = List.of(
          Fixtures.alert("a-1", "t-1", null, at(1), null, null),
          Fixtures.alert("a-1", "t-1", null, at(2), null, null));
      InvalidDataException e = assertThrows(InvalidDataException.class, () -> build(
          TestSource.arranged(alerts, ordered, (call, records) -> records), ExportCategory.COMPLIANCE_PACK));
      assertEquals("Alert", e.source());
      assertEquals("a-1", e.recordId());
      assertEquals("alertId", e.field());
      List<SourceRecord> tasks = List.of(
          Fixtures.task("k-1", "t-1", null, at(1), at(5), null),
          Fixtures.task("k-1", "t-1", null, at(2), at(5), null));
      e = assertThrows(InvalidDataException.class, () -> build(
          TestSource.arranged(tasks, ordered, (call, records) -> records), ExportCategory.COMPLIANCE_PACK));
      assertEquals("Task", e.source());
      assertEquals("taskId", e.field());
    }
  }

  @Test
  @DisplayName("one id in two different sources is no duplicate")
  void sameIdAcrossSources() {
    List<SourceRecord> data = List.of(
        Fixtures.alert("x", "t-1", null, at(1), at(2), null),
        Fixtures.task("x", "t-1", null, at(1), at(2), null));
    ExportBundle bundle = build(InMemoryDataSource.of(data), ExportCategory.COMPLIANCE_PACK);
    assertEquals(List.of("alert:x", "task:x"),
        bundle.sections().get(2).itemList().stream().map(ExportItem::itemId).toList());
  }

  @Test
  @DisplayName("a record of the wrong type or a null record is invalid data")
  void wrongType() {
    SourceRecord report = Fixtures.record(SourceType.REPORTS, "r-1", "t-1", null, at(1), 1);
    OperationalDataSource wrong = new OperationalDataSource() {
      @Override
      public Stream<? extends SourceRecord> records(SourceType type, SourceQuery query) {
        return Stream.of(report);
      }
    };
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> build(wrong, ExportCategory.INSIGHTS));
    assertEquals("Insight", e.source());
    assertEquals("r-1", e.recordId());
    OperationalDataSource nulls = new OperationalDataSource() {
      @Override
      public Stream<? extends SourceRecord> records(SourceType type, SourceQuery query) {
        return Stream.of((SourceRecord) null);
      }
    };
    assertThrows(InvalidDataException.class, () -> build(nulls, ExportCategory.INSIGHTS));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = ExportCategory.class, names = {"COMPLIANCE_PACK", "FULL_OPERATIONAL"})
  @DisplayName("a source that changes between the counting pass and writing is refused while streaming")
  void sourceChangedBetweenPasses(ExportCategory category) {
    for (int drop : new int[] {0, 1}) {
      // the second and later calls for a type return one record fewer (drop=0) or one more (drop=1)
      List<SourceRecord> extra = List.of(
          Fixtures.alert("zz-extra", "t-1", null, Fixtures.TO.minusNanos(1), at(31), null),
          Fixtures.record(SourceType.AUDIT_FINDINGS, "zz-extra", "t-1", null, Fixtures.TO.minusNanos(1), 1));
      int mode = drop;
      int[] calls = new int[SourceType.values().length];
      TestSource source = TestSource.arranged(DATA, true, (call, records) -> {
        List<SourceRecord> sorted = new ArrayList<>(records);
        sorted.sort(TestSource.ORDER);
        SourceType type = records.get(0).type();
        if (++calls[type.ordinal()] > 1) {
          if (mode == 0) {
            sorted.remove(sorted.stream()
                .filter(r -> r.tenantId().equals("t-1") && RANGE.contains(r.timestamp())).findFirst().orElseThrow());
          } else {
            extra.stream().filter(r -> r.type() == type).forEach(sorted::add);
          }
        }
        return sorted;
      });
      ExportBundle bundle = build(source, category);
      ExportSection first = bundle.sections().get(0);
      InvalidDataException e = assertThrows(InvalidDataException.class, first::itemList);
      assertEquals("AuditFinding", e.source());
      assertTrue(e.getMessage().contains("counting pass"), e.getMessage());
      if (category == ExportCategory.COMPLIANCE_PACK) {
        InvalidDataException sla = assertThrows(InvalidDataException.class, bundle.sections().get(2)::itemList);
        assertEquals("Alert", sla.source());
      }
    }
  }

  @Test
  @DisplayName("an ordered source that is out of order only when read again is refused while streaming")
  void outOfOrderOnlyWhenReadAgain() {
    TestSource source = TestSource.arranged(DATA, true, (call, records) -> {
      List<SourceRecord> sorted = new ArrayList<>(records);
      sorted.sort(TestSource.ORDER);
      if (call > 1) {
        java.util.Collections.reverse(sorted);
      }
      return sorted;
    });
    ExportBundle bundle = build(source, ExportCategory.AUDIT_FINDINGS);
    InvalidDataException e = assertThrows(InvalidDataException.class, bundle.sections().get(0)::itemList);
    assertEquals("AuditFinding", e.source());
    assertEquals("foundAt", e.field());
  }

  @Test
  @DisplayName("through ExportHub.preview, invalid data is an INVALID_DATA error in the log")
  void invalidDataThroughTheHub() {
    List<SourceRecord> data = List.of(
        Fixtures.record(SourceType.AUDIT_FINDINGS, "dup", "t-1", null, at(1), 1),
        Fixtures.record(SourceType.AUDIT_FINDINGS, "dup", "t-1", null, at(2), 1));
    ExportHub hub = ExportHub.builder().dataSource(TestSource.shuffled(data, 1)).clock(CLOCK)
        .tenantDirectory(DIRECTORY).discoverWriters(false).writer(TestWriter.JSON).build();
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> hub.preview(
        ExportRequest.builder(ExportCategory.AUDIT_FINDINGS, ExportFormat.JSON).timeRange(RANGE).build(),
        Caller.of("u-1", "t-1", "auditor", List.of())));
    assertEquals("dup", e.recordId());
    List<LogEntry> entries = hub.log().entries();
    assertTrue(entries.get(entries.size() - 1) instanceof LogEntry.ExportError error
        && error.error().errorCode().equals("INVALID_DATA"), entries.toString());
  }
}
