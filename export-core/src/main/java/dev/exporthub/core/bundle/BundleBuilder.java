package dev.exporthub.core.bundle;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.exporthub.api.BundleMetadata;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.References;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.Alert;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.source.Task;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.SourceQuery;
import dev.exporthub.api.spi.TenantDirectory;
import dev.exporthub.core.internal.Json;
import dev.exporthub.core.internal.RecordFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Decides what is in a bundle: the category's sections, each holding the records of its source
 * that lie in the scope and the time range, ordered by (timestamp, id); the SLA compliance
 * section; summaries; references; metadata and the content digest.
 *
 * <p><b>Time placement.</b> An item is inside the range {@code [from, to)} by its own field:
 * <table>
 * <caption>The field that places each item in time</caption>
 * <tr><th>source</th><th>field</th></tr>
 * <tr><td>audit findings</td><td>{@code foundAt}</td></tr>
 * <tr><td>drift events</td><td>{@code detectedAt}</td></tr>
 * <tr><td>alerts, tasks, schedules</td><td>{@code createdAt}</td></tr>
 * <tr><td>operator metrics</td><td>{@code recordedAt}</td></tr>
 * <tr><td>real-time signals</td><td>{@code timestamp}</td></tr>
 * <tr><td>capacity projections</td><td>{@code windowStart}</td></tr>
 * <tr><td>insights, reports</td><td>{@code generatedAt}</td></tr>
 * <tr><td>SLA records</td><td>their alert's or task's {@code createdAt}</td></tr>
 * </table>
 *
 * <p><b>Streaming.</b> A counting pass reads each section once to compute its count, summary,
 * references and digest before anything is written (the bundle id, derived from the digest, is
 * the first thing a writer emits); writers then read the items again from the source, each stream
 * a fresh read. The SLA section of an ordered source merges its alerts and tasks as they stream.
 * Only the records of a source that declares itself unordered are held in memory, to be sorted;
 * the ids of included records are always held, for the references object, packed ({@link PackedIds}).
 *
 * <p><b>Source contract.</b> Records must be of the asked type, with ids unique within their
 * source; an ordered source must hand them out strictly by (timestamp, id), and the same records
 * on every read. A violation is an {@link InvalidDataException} naming the record type, the record
 * id and the field: at build time for the counting pass, while streaming for a later read.
 *
 * <p>Immutable and thread-safe.
 */
public final class BundleBuilder {

  private static final Comparator<SourceRecord> ORDER =
      Comparator.comparing(SourceRecord::timestamp).thenComparing(SourceRecord::id);
  private static final Comparator<ExportItem> ITEM_ORDER =
      Comparator.comparing(ExportItem::timestamp).thenComparing(ExportItem::itemId);
  private static final Comparator<SlaRecord> SLA_ORDER = Comparator.comparing(SlaRecord::item, ITEM_ORDER);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private final OperationalDataSource source;
  private final TenantDirectory directory;

  public BundleBuilder(OperationalDataSource source, TenantDirectory directory) {
    this.source = Objects.requireNonNull(source, "source");
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /**
   * What to build.
   *
   * @param category    the category
   * @param format      the format it will be rendered to
   * @param scope       the resolved scope (an unscoped request already names the caller's tenant)
   * @param timeRange   the effective range
   * @param generatedBy who the metadata names
   * @param compressed  whether the artifact format compresses
   * @param exportId    this execution's id
   */
  public record Plan(ExportCategory category, ExportFormat format, ExportScope scope, TimeRange timeRange,
      String generatedBy, boolean compressed, String exportId) {
    public Plan {
      Objects.requireNonNull(category, "category");
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(timeRange, "timeRange");
      Objects.requireNonNull(generatedBy, "generatedBy");
      Objects.requireNonNull(exportId, "exportId");
      if (scope.isUnscoped()) {
        throw new IllegalArgumentException("Resolve the scope before building: an unscoped bundle is never built");
      }
    }
  }

  /** The tenants a resolved scope covers: its tenant (if in its federation, when both are given), or its federation's. */
  public Set<String> tenantsOf(ExportScope scope) {
    if (scope.tenantId() != null) {
      if (scope.federationId() != null && !directory.tenantsOf(scope.federationId()).contains(scope.tenantId())) {
        return Set.of();
      }
      return Set.of(scope.tenantId());
    }
    return scope.federationId() == null ? Set.of() : directory.tenantsOf(scope.federationId());
  }

  /**
   * Assembles the bundle: runs the counting pass over every section and returns a bundle whose
   * sections stream their items again on demand.
   *
   * @throws InvalidDataException when a source hands out a record of the wrong type, an id twice,
   *                              or (when it declares itself ordered) records out of order; the
   *                              sections' streams throw it too when an ordered source, read again,
   *                              hands out records out of order or other than the counting pass saw
   */
  public ExportBundle build(Plan plan, Clock clock) {
    long started = clock.millis();
    Instant generatedAt = clock.instant();
    SourceQuery query = new SourceQuery(tenantsOf(plan.scope()), plan.scope().facilityId(), plan.timeRange());
    Instant asOf = min(plan.timeRange().to(), generatedAt);
    String title = plan.category().title() + " — " + scopeLabel(plan.scope()) + ", " + dates(plan.timeRange());
    String description = plan.category().useCase() + ": "
        + String.join(", ", plan.category().sections().stream().map(SectionKind::title).toList())
        + " for " + scopeLabel(plan.scope()) + ", " + dates(plan.timeRange()) + " (UTC).";

    EnumMap<SourceType, List<String>> referenced = new EnumMap<>(SourceType.class);
    List<Pass> passes = new ArrayList<>();
    for (SectionKind kind : plan.category().sections()) {
      Pass pass = kind == SectionKind.SLA_COMPLIANCE ? slaPass(query, asOf) : sourcePass(kind, query);
      pass.referencedIds.forEach((type, ids) -> referenced.merge(type, ids, BundleBuilder::union));
      passes.add(pass);
    }
    References references = References.ofSorted(referenced);

    List<ExportSection> sections = new ArrayList<>(passes.size());
    LinkedHashSet<String> dataSources = new LinkedHashSet<>();
    long totalItems = 0;
    for (Pass pass : passes) {
      sections.add(ExportSection.streamed(pass.kind, pass.summary, pass.count, generatedAt, pass.items));
      dataSources.add(pass.kind.dataSource());
      totalItems += pass.count;
    }
    int totalSections = sections.size();
    long estimated = BundleMetadata.estimateSize(totalItems, totalSections);
    List<String> sourcesUsed = List.copyOf(dataSources);

    String digest = digest(plan, title, description, passes, totalItems, estimated, sourcesUsed);
    BundleMetadata metadata = new BundleMetadata(generatedAt, plan.generatedBy(), plan.format(), totalSections,
        totalItems, estimated, sourcesUsed, plan.timeRange(), Math.max(0, clock.millis() - started),
        plan.compressed(), digest, BundleMetadata.SCHEMA_VERSION);
    return new ExportBundle("EXP-" + digest.substring(0, 16), plan.exportId(), title, description,
        plan.category(), plan.format(), plan.scope(), plan.timeRange(), sections, references, metadata);
  }

  /** One section's counting pass: its items on demand, count, summary, digest of items, ids. */
  private static final class Pass {
    final SectionKind kind;
    Supplier<Stream<ExportItem>> items;
    long count;
    String summary;
    String itemsDigest;
    /** Per source, the sorted ids this section includes. */
    final Map<SourceType, List<String>> referencedIds = new EnumMap<>(SourceType.class);

    Pass(SectionKind kind) {
      this.kind = kind;
    }
  }

  private Pass sourcePass(SectionKind kind, SourceQuery query) {
    SourceType type = kind.source().orElseThrow();
    Pass pass = new Pass(kind);
    FirstRead first = new FirstRead(type);
    SectionSummary summary = SectionSummary.of(kind);
    try (ContentDigest digest = new ContentDigest()) {
      Consumer<SourceRecord> accept = record -> {
        summary.accept(record);
        digest.item(item(record));
      };
      if (source.ordered()) {
        try (Stream<SourceRecord> records = first.open(query)) {
          records.forEachOrdered(accept);
        }
        long expected = first.count();
        pass.items = () -> reread(type, query, expected).map(BundleBuilder::item);
      } else {
        List<SourceRecord> sorted;
        try (Stream<SourceRecord> records = first.open(query)) {
          sorted = new ArrayList<>(records.toList());
        }
        sorted.sort(ORDER);
        sorted.forEach(accept);
        List<SourceRecord> held = Collections.unmodifiableList(sorted);
        pass.items = () -> held.stream().map(BundleBuilder::item);
      }
      pass.referencedIds.put(type, first.sortedIds());
      pass.count = summary.count;
      pass.summary = summary.sentence();
      pass.itemsDigest = digest.hex();
    }
    return pass;
  }

  /** Two sorted id lists as one (only when two sections include one source). */
  private static List<String> union(List<String> a, List<String> b) {
    TreeSet<String> all = new TreeSet<>(a);
    all.addAll(b);
    return new ArrayList<>(all);
  }

  /**
   * Reads one source, re-applying the query (sources may return more) and checking record types.
   * A scope that covers no tenant (an unknown federation, or a tenant outside the named federation)
   * matches nothing, so the source is not asked: a query's tenant set is never empty.
   */
  private Stream<SourceRecord> read(SourceType type, SourceQuery query) {
    if (query.tenantIds().isEmpty()) {
      return Stream.empty();
    }
    Stream<? extends SourceRecord> records = Objects.requireNonNull(source.records(type, query),
        () -> "data source returned no stream for " + type.id());
    return records.sequential().map(record -> {
      if (record == null || record.type() != type) {
        throw new InvalidDataException(name(type), record == null ? null : record.id(), null,
            "the data source returned " + (record == null ? "null" : "a " + record.type().id() + " record")
                + " when asked for " + type.id());
      }
      return (SourceRecord) record;
    }).filter(RecordFilter.of(query));
  }

  /**
   * The counting pass's read of one source: when the source declares itself ordered, each record
   * must come after the one before; and each id must be unique within the source. Ids are kept
   * packed ({@link PackedIds}, which the references object then keeps as they are) and sorted once
   * at the end when they did not come sorted, where a duplicate shows as two equal neighbours: a
   * hash set would cost several times more.
   */
  private final class FirstRead {
    final SourceType type;
    private final PackedIds ids = new PackedIds();
    private SourceRecord previous;

    FirstRead(SourceType type) {
      this.type = type;
    }

    Stream<SourceRecord> open(SourceQuery query) {
      return read(type, query).map(this::check);
    }

    private SourceRecord check(SourceRecord record) {
      ids.append(record.id());
      if (source.ordered()) {
        requireAfter(type, previous, record);
      }
      previous = record;
      return record;
    }

    long count() {
      return ids.size();
    }

    /**
     * The ids read, sorted.
     *
     * @throws InvalidDataException naming the id when one appeared twice
     */
    List<String> sortedIds() {
      // Ids usually come in id order already (they grow with time): one pass tells.
      if (!ids.strictlyAscending()) {
        ids.sort();
        for (int i = 1; i < ids.size(); i++) {
          if (ids.get(i).equals(ids.get(i - 1))) {
            throw new InvalidDataException(name(type), ids.get(i), type.idField(),
                "duplicate id within source " + type.id());
          }
        }
      }
      ids.trim();
      return ids;
    }
  }

  /**
   * Reads an ordered source again, for writing, checking that it hands out what the counting pass
   * saw: records in order, exactly {@code expected} of them. The bundle's counts, summaries and
   * digest were computed from the counting pass, so a source that changed in between must fail the
   * export rather than let it disagree with its own metadata.
   */
  private Stream<SourceRecord> reread(SourceType type, SourceQuery query, long expected) {
    Stream<SourceRecord> records = read(type, query);
    Spliterator<SourceRecord> source = records.spliterator();
    // A spliterator rather than an iterator, so that a writer consuming the stream with forEach has
    // the records pushed through without the buffering of Stream.iterator().
    Spliterator<SourceRecord> checked = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
        Spliterator.ORDERED | Spliterator.NONNULL) {
      private SourceRecord previous;
      private long seen;

      private SourceRecord check(SourceRecord record) {
        requireAfter(type, previous, record);
        if (++seen > expected) {
          throw changed(type, "more than " + expected, expected);
        }
        previous = record;
        return record;
      }

      private void requireAll() {
        if (seen != expected) {
          throw changed(type, Long.toString(seen), expected);
        }
      }

      @Override
      public boolean tryAdvance(Consumer<? super SourceRecord> action) {
        boolean more = source.tryAdvance(record -> action.accept(check(record)));
        if (!more) {
          requireAll();
        }
        return more;
      }

      @Override
      public void forEachRemaining(Consumer<? super SourceRecord> action) {
        source.forEachRemaining(record -> action.accept(check(record)));
        requireAll();
      }
    };
    return StreamSupport.stream(checked, false).onClose(records::close);
  }

  private static InvalidDataException changed(SourceType type, String seen, long expected) {
    return new InvalidDataException(name(type), null, null, "the data source returned " + seen
        + " records in scope on reading again, but " + expected + " in the counting pass; it must not change"
        + " while an export runs");
  }

  private static void requireAfter(SourceType type, SourceRecord previous, SourceRecord record) {
    if (previous != null && ORDER.compare(previous, record) >= 0) {
      throw new InvalidDataException(name(type), record.id(), type.timeField(),
          "the data source declares itself ordered by (timestamp, id) but returned this record after '"
              + previous.id() + "'");
    }
  }

  private static String name(SourceType type) {
    return type.recordType().getSimpleName();
  }

  /** A source record as a bundle item. */
  static ExportItem item(SourceRecord record) {
    return new ExportItem(record.id(), record.type().itemType(), record.timestamp(), record.fields(),
        record.relatedIds());
  }

  /**
   * The SLA section: one record per alert and per task with a deadline. From an ordered source the
   * alerts and the tasks stream side by side and are merged, so the section is never held in
   * memory: alerts ordered by (createdAt, id) give SLA records ordered by (timestamp, itemId), and
   * so do tasks. From an unordered source both are read once and sorted.
   */
  private Pass slaPass(SourceQuery query, Instant asOf) {
    Pass pass = new Pass(SectionKind.SLA_COMPLIANCE);
    PackedIds alertIds = new PackedIds();
    PackedIds taskIds = new PackedIds();
    FirstRead alerts = new FirstRead(SourceType.ALERTS);
    FirstRead tasks = new FirstRead(SourceType.TASKS);
    SectionSummary summary = SectionSummary.of(SectionKind.SLA_COMPLIANCE);
    boolean ordered = source.ordered();
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
      pass.items = () -> merge(slaRecords(reread(SourceType.ALERTS, query, alertCount), asOf),
          slaRecords(reread(SourceType.TASKS, query, taskCount), asOf), SLA_ORDER).map(SlaRecord::item);
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

  private static String digest(Plan plan, String title, String description, List<Pass> passes,
      long totalItems, long estimated, List<String> sourcesUsed) {
    try (ContentDigest digest = new ContentDigest()) {
      JsonGenerator g = digest.json();
      g.writeStartObject();
      g.writeNumberField("schemaVersion", BundleMetadata.SCHEMA_VERSION);
      g.writeStringField("category", plan.category().id());
      g.writeObjectFieldStart("scope");
      Json.writeOptional(g, "tenantId", plan.scope().tenantId());
      Json.writeOptional(g, "facilityId", plan.scope().facilityId());
      Json.writeOptional(g, "federationId", plan.scope().federationId());
      g.writeEndObject();
      g.writeObjectFieldStart("timeRange");
      g.writeStringField("from", Json.instant(plan.timeRange().from()));
      g.writeStringField("to", Json.instant(plan.timeRange().to()));
      g.writeEndObject();
      g.writeStringField("title", title);
      g.writeStringField("description", description);
      g.writeStringField("generatedBy", plan.generatedBy());
      g.writeArrayFieldStart("sections");
      for (Pass pass : passes) {
        g.writeStartObject();
        g.writeStringField("sectionId", pass.kind.id());
        g.writeStringField("title", pass.kind.title());
        g.writeStringField("description", pass.kind.description());
        g.writeStringField("dataSource", pass.kind.dataSource());
        g.writeStringField("summary", pass.summary);
        g.writeNumberField("itemCount", pass.count);
        g.writeStringField("itemsSha256", pass.itemsDigest);
        g.writeEndObject();
      }
      g.writeEndArray();
      // The references object is not hashed again: it is the sorted ids of the items (and, for SLA
      // records, of their alerts and tasks), which the sections' digests cover already.
      g.writeNumberField("totalItems", totalItems);
      g.writeNumberField("estimatedSizeBytes", estimated);
      Json.writeStrings(g, "dataSourcesUsed", sourcesUsed);
      g.writeEndObject();
      return digest.hex();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code tenant t-1}, {@code tenant t-1, facility f-a}, {@code federation fed-north}. */
  static String scopeLabel(ExportScope scope) {
    List<String> parts = new ArrayList<>(3);
    if (scope.tenantId() != null) {
      parts.add("tenant " + scope.tenantId());
    }
    if (scope.facilityId() != null) {
      parts.add("facility " + scope.facilityId());
    }
    if (scope.federationId() != null) {
      parts.add("federation " + scope.federationId());
    }
    return String.join(", ", parts);
  }

  /** {@code 2025-12-16 to 2026-01-15}: UTC dates of the range's ends. */
  static String dates(TimeRange range) {
    return DATE.format(range.from()) + " to " + DATE.format(range.to());
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
