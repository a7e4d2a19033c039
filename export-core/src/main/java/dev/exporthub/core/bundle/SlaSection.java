package dev.exporthub.core.bundle;

import dev.exporthub.api.ExportItem;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.source.Alert;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.source.Task;
import dev.exporthub.api.spi.SourceQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The SLA compliance section ({@code docs/SPECIFICATION.md} §4.2): one record per alert and per task
 * with a deadline, met, breached or pending as of {@code min(range.to, now)}.
 */
final class SlaSection {

  private static final Comparator<SlaRecord> SLA_ORDER = Comparator.comparing(SlaRecord::item, ExportItem.ORDER);

  private SlaSection() {
  }

  /**
   * The SLA section: one record per alert and per task with a deadline. From an ordered source the
   * alerts and the tasks stream side by side and are merged, so the section is never held in
   * memory: alerts ordered by (createdAt, id) give SLA records ordered by (timestamp, itemId), and
   * so do tasks. From an unordered source both are read once and sorted.
   */
  static SectionPass pass(SourceReader reader, SourceQuery query, Instant asOf) {
    SectionPass pass = new SectionPass(SectionKind.SLA_COMPLIANCE);
    PackedIds alertIds = new PackedIds();
    PackedIds taskIds = new PackedIds();
    SourceReader.FirstRead alerts = reader.new FirstRead(SourceType.ALERTS);
    SourceReader.FirstRead tasks = reader.new FirstRead(SourceType.TASKS);
    SectionSummary summary = SectionSummary.of(SectionKind.SLA_COMPLIANCE);
    boolean ordered = reader.ordered();
    List<ExportItem> held = new ArrayList<>();
    try (ContentDigest digest = new ContentDigest();
        Stream<SourceRecord> alertRecords = alerts.open(query);
        Stream<SourceRecord> taskRecords = tasks.open(query)) {
      Stream<SlaRecord> records;
      if (ordered) {
        records = merge(slaRecords(alertRecords, asOf), slaRecords(taskRecords, asOf), SLA_ORDER);
      } else {
        List<SlaRecord> all = new ArrayList<>();
        slaRecords(alertRecords, asOf).forEachOrdered(all::add);
        slaRecords(taskRecords, asOf).forEachOrdered(all::add);
        all.sort(SLA_ORDER);
        records = all.stream();
      }
      records.forEachOrdered(sla -> {
        (sla.type() == SourceType.ALERTS ? alertIds : taskIds).append(sla.sourceId());
        summary.accept(sla.status());
        digest.item(sla.item());
        pass.figures.add(sla.item());
        if (!ordered) {
          held.add(sla.item());
        }
      });
      pass.itemsDigest = digest.hex();
    }
    alerts.sortedIds();
    tasks.sortedIds();
    for (PackedIds ids : List.of(alertIds, taskIds)) {
      if (!ids.strictlyAscending()) {
        ids.sort();
      }
      ids.trim();
    }
    pass.referencedIds.put(SourceType.ALERTS, alertIds);
    pass.referencedIds.put(SourceType.TASKS, taskIds);
    if (ordered) {
      long alertCount = alerts.count();
      long taskCount = tasks.count();
      pass.items = () -> merge(slaRecords(reader.reread(SourceType.ALERTS, query, alertCount), asOf),
          slaRecords(reader.reread(SourceType.TASKS, query, taskCount), asOf), SLA_ORDER).map(SlaRecord::item);
    } else {
      List<ExportItem> frozen = Collections.unmodifiableList(held);
      pass.items = frozen::stream;
    }
    pass.count = summary.count;
    pass.summary = summary.sentence();
    return pass;
  }

  private static Stream<SlaRecord> slaRecords(Stream<SourceRecord> records, Instant asOf) {
    return records.map(record -> SlaRecord.of(record, asOf)).filter(Objects::nonNull);
  }

  /** An SLA record with what the summary and the references need. */
  private record SlaRecord(SourceType type, String sourceId, SlaStatus status, ExportItem item) {

    /** The SLA record of an alert or task, or {@code null} when it has no deadline. */
    static SlaRecord of(SourceRecord record, Instant asOf) {
      if (record instanceof Alert a && a.slaDeadline() != null) {
        SlaStatus status = SlaStatus.of(a.slaDeadline(), a.resolvedAt(), asOf);
        return new SlaRecord(SourceType.ALERTS, a.alertId(), status, slaItem("alert", a.alertId(), a.createdAt(),
            a.slaDeadline(), a.resolvedAt(), status, asOf, "severity", a.severity(), a.status(), a));
      }
      if (record instanceof Task t && t.slaDeadline() != null) {
        SlaStatus status = SlaStatus.of(t.slaDeadline(), t.completedAt(), asOf);
        return new SlaRecord(SourceType.TASKS, t.taskId(), status, slaItem("task", t.taskId(), t.createdAt(),
            t.slaDeadline(), t.completedAt(), status, asOf, "priority", t.priority(), t.status(), t));
      }
      return null;
    }
  }

  /**
   * Merges two streams, each ordered by {@code order}, into one ordered stream, pulling lazily from
   * both; closing it closes both.
   */
  static <T> Stream<T> merge(Stream<T> first, Stream<T> second, Comparator<? super T> order) {
    Iterator<T> a = first.iterator();
    Iterator<T> b = second.iterator();
    Iterator<T> merged = new Iterator<>() {
      private T headA;
      private T headB;

      private void fill() {
        if (headA == null && a.hasNext()) {
          headA = a.next();
        }
        if (headB == null && b.hasNext()) {
          headB = b.next();
        }
      }

      @Override
      public boolean hasNext() {
        fill();
        return headA != null || headB != null;
      }

      @Override
      public T next() {
        fill();
        T next;
        if (headA != null && (headB == null || order.compare(headA, headB) <= 0)) {
          next = headA;
          headA = null;
        } else if (headB != null) {
          next = headB;
          headB = null;
        } else {
          throw new NoSuchElementException();
        }
        return next;
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(merged, Spliterator.ORDERED | Spliterator.NONNULL),
        false).onClose(first::close).onClose(second::close);
  }

  private static ExportItem slaItem(String kind, String id, Instant createdAt, Instant deadline, Instant closedAt,
      SlaStatus status, Instant asOf, String levelName, String level, String sourceStatus, SourceRecord record) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("sourceType", kind);
    data.put("sourceId", id);
    data.put(levelName, level);
    data.put("status", sourceStatus);
    data.put("createdAt", createdAt);
    data.put("slaDeadline", deadline);
    if (closedAt != null) {
      data.put("closedAt", closedAt);
    }
    data.put("slaStatus", status.id());
    data.put("asOf", asOf);
    data.put("tenantId", record.tenantId());
    if (record.facilityId() != null) {
      data.put("facilityId", record.facilityId());
    }
    return new ExportItem(kind + ":" + id, SectionKind.SLA_COMPLIANCE.itemType(), createdAt,
        Collections.unmodifiableMap(data), List.of(id));
  }

}
