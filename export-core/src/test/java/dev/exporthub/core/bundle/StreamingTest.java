package dev.exporthub.core.bundle;

import static dev.exporthub.core.bundle.Fixtures.CLOCK;
import static dev.exporthub.core.bundle.Fixtures.DIRECTORY;
import static dev.exporthub.core.bundle.Fixtures.FROM;
import static dev.exporthub.core.bundle.Fixtures.RANGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.SourceQuery;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Sections stream their items from the source: a counting pass at build time, a fresh read per stream. */
class StreamingTest {

  private static final List<SourceRecord> DATA = Fixtures.boundaryData(RANGE);
  private static final ExportScope T1 = ExportScope.tenant("t-1");

  private static ExportBundle build(OperationalDataSource source, ExportCategory category) {
    return new TestBuilder(source, DIRECTORY).build(Fixtures.plan(category, T1, RANGE), CLOCK);
  }

  @Test
  @DisplayName("an ordered source is read once per section to count, then again for every stream of items")
  void orderedSourceIsReadAgainPerStream() {
    TestSource source = TestSource.ordered(DATA);
    ExportBundle bundle = build(source, ExportCategory.FULL_OPERATIONAL);
    for (SourceType type : SourceType.values()) {
      assertEquals(1, source.callsFor(type), type.id());
    }
    ExportSection findings = bundle.sections().get(0);
    List<ExportItem> once = findings.itemList();
    List<ExportItem> twice = findings.itemList();
    assertEquals(once, twice);
    assertEquals(3, source.callsFor(SourceType.AUDIT_FINDINGS));
    assertEquals(1, source.callsFor(SourceType.DRIFT_EVENTS));
    assertEquals(source.opened(), source.closed());
  }

  @Test
  @DisplayName("the SLA section of an ordered source streams too: alerts and tasks are read again, merged in order")
  void slaSectionStreams() {
    TestSource source = TestSource.ordered(DATA);
    ExportBundle bundle = build(source, ExportCategory.COMPLIANCE_PACK);
    assertEquals(1, source.callsFor(SourceType.ALERTS));
    assertEquals(1, source.callsFor(SourceType.TASKS));
    ExportSection sla = bundle.sections().get(2);
    List<String> ids = sla.itemList().stream().map(ExportItem::itemId).toList();
    assertEquals(Expected.itemIds(sla.kind(), DATA, T1, RANGE), ids);
    assertEquals(2, source.callsFor(SourceType.ALERTS));
    assertEquals(2, source.callsFor(SourceType.TASKS));
    assertEquals(source.opened(), source.closed());
  }

  @Test
  @DisplayName("an unordered source is read once and sorted; its sections do not read it again")
  void unorderedSourceIsReadOnce() {
    TestSource source = TestSource.shuffled(DATA, 7);
    ExportBundle bundle = build(source, ExportCategory.COMPLIANCE_PACK);
    int calls = source.calls().size();
    assertEquals(4, calls);
    bundle.sections().forEach(ExportSection::itemList);
    bundle.sections().forEach(ExportSection::itemList);
    assertEquals(calls, source.calls().size());
    assertEquals(source.opened(), source.closed());
  }

  /** An ordered source that makes its records as they are pulled, counting how many it made. */
  private static final class Generating implements OperationalDataSource {
    final int size;
    final AtomicLong made = new AtomicLong();
    final AtomicInteger closed = new AtomicInteger();

    Generating(int size) {
      this.size = size;
    }

    @Override
    public Stream<? extends SourceRecord> records(SourceType type, SourceQuery query) {
      return Stream.iterate(0, i -> i < size, i -> i + 1)
          .map(i -> {
            made.incrementAndGet();
            String id = String.format(java.util.Locale.ROOT, "%s-%07d", Fixtures.prefix(type), i);
            var at = FROM.plus(Duration.ofSeconds(i));
            return switch (type) {
              case ALERTS -> Fixtures.alert(id, "t-1", null, at, at.plus(Duration.ofDays(60)), null);
              case TASKS -> Fixtures.task(id, "t-1", null, at, at.plus(Duration.ofHours(1)), at);
              default -> Fixtures.record(type, id, "t-1", null, at, i);
            };
          })
          .onClose(closed::incrementAndGet);
    }

    @Override
    public boolean ordered() {
      return true;
    }
  }

  @Test
  @DisplayName("items are pulled from the source as the writer reads them, not gathered in memory")
  void itemsArePulledLazily() {
    Generating source = new Generating(50_000);
    ExportBundle bundle = build(source, ExportCategory.COMPLIANCE_PACK);
    assertEquals(4 * 50_000L, source.made.get(), "the counting pass reads each source once");
    assertEquals(200_000, bundle.metadata().totalItems());
    assertEquals("100000 SLA records: 50000 met, 0 breached, 50000 pending; compliance rate 100.0%.",
        bundle.sections().get(2).summary());
    for (ExportSection section : bundle.sections()) {
      long before = source.made.get();
      int closedBefore = source.closed.get();
      try (Stream<ExportItem> items = section.items()) {
        List<ExportItem> first = items.limit(3).toList();
        assertEquals(3, first.size());
      }
      long pulled = source.made.get() - before;
      assertTrue(pulled <= 8, section.sectionId() + " pulled " + pulled + " records for 3 items");
      assertTrue(source.closed.get() > closedBefore, "the stream closes the source's streams");
    }
  }
}
