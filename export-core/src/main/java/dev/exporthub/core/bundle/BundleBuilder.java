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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

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
 * the first thing a writer emits); writers then read the items again from the source. Only a
 * source that declares itself unordered, and the derived SLA section, are held in memory to be
 * sorted.
 *
 * <p>Immutable and thread-safe.
 */
public final class BundleBuilder {

  private static final Comparator<SourceRecord> ORDER =
      Comparator.comparing(SourceRecord::timestamp).thenComparing(SourceRecord::id);
  private static final Comparator<ExportItem> ITEM_ORDER =
      Comparator.comparing(ExportItem::timestamp).thenComparing(ExportItem::itemId);
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
   *                              or (when it declares itself ordered) records out of order
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

    EnumMap<SourceType, Set<String>> referenced = new EnumMap<>(SourceType.class);
    List<Pass> passes = new ArrayList<>();
    for (SectionKind kind : plan.category().sections()) {
      Pass pass = kind == SectionKind.SLA_COMPLIANCE ? slaPass(query, asOf) : sourcePass(kind, query);
      pass.referencedIds.forEach((type, ids) -> referenced.computeIfAbsent(type, t -> new HashSet<>()).addAll(ids));
      passes.add(pass);
    }
    References references = References.of(referenced);

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

    String digest = digest(plan, title, description, passes, references, totalItems, estimated, sourcesUsed);
    BundleMetadata metadata = new BundleMetadata(generatedAt, plan.generatedBy(), plan.format(), totalSections,
        totalItems, estimated, sourcesUsed, plan.timeRange(), Math.max(0, clock.millis() - started),
        plan.compressed(), digest, BundleMetadata.SCHEMA_VERSION);
    return new ExportBundle("EXP-" + digest.substring(0, 16), plan.exportId(), title, description,
        plan.category(), plan.format(), plan.scope(), plan.timeRange(), sections, references, metadata);
  }

  /** One section's counting pass: its items on demand, count, summary, digest of items, ids. */
  private static final class Pass {
    SectionKind kind;
    Supplier<Stream<ExportItem>> items;
    long count;
    String summary;
    String itemsDigest;
    final Map<SourceType, Set<String>> referencedIds = new EnumMap<>(SourceType.class);
  }

  private Pass sourcePass(SectionKind kind, SourceQuery query) {
    SourceType type = kind.source().orElseThrow();
    Pass pass = new Pass();
    pass.kind = kind;
    Set<String> ids = new HashSet<>();
    pass.referencedIds.put(type, ids);
    SectionSummary summary = SectionSummary.of(kind);
    try (ContentDigest digest = new ContentDigest()) {
      if (source.ordered()) {
        try (Stream<? extends SourceRecord> records = read(type, query)) {
          SourceRecord[] previous = new SourceRecord[1];
          records.forEachOrdered(record -> {
            if (previous[0] != null && ORDER.compare(previous[0], record) >= 0 && !record.id().equals(previous[0].id())) {
              throw new InvalidDataException(type.recordType().getSimpleName(), record.id(), type.timeField(),
                  "the data source declares itself ordered by (timestamp, id) but returned this record after '"
                      + previous[0].id() + "'");
            }
            previous[0] = record;
            count(type, record, ids, summary, digest);
          });
        }
        pass.items = () -> read(type, query).map(BundleBuilder::item);
      } else {
        List<SourceRecord> sorted;
        try (Stream<? extends SourceRecord> records = read(type, query)) {
          sorted = new ArrayList<>(records.toList());
        }
        sorted.sort(ORDER);
        sorted.forEach(record -> count(type, record, ids, summary, digest));
        List<SourceRecord> held = List.copyOf(sorted);
        pass.items = () -> held.stream().map(BundleBuilder::item);
      }
      pass.count = summary.count;
      pass.summary = summary.sentence();
      pass.itemsDigest = digest.hex();
    }
    return pass;
  }

  /** Reads one source, re-applying the query (sources may return more) and checking record types. */
  private Stream<SourceRecord> read(SourceType type, SourceQuery query) {
    Stream<? extends SourceRecord> records = Objects.requireNonNull(source.records(type, query),
        () -> "data source returned no stream for " + type.id());
    return records.map(record -> {
      if (record == null || record.type() != type) {
        throw new InvalidDataException(type.recordType().getSimpleName(), record == null ? null : record.id(), null,
            "the data source returned " + (record == null ? "null" : "a " + record.type().id() + " record")
                + " when asked for " + type.id());
      }
      return (SourceRecord) record;
    }).filter(record -> query.matches(record.tenantId(), record.facilityId(), record.timestamp()));
  }

  private static void count(SourceType type, SourceRecord record, Set<String> ids, SectionSummary summary,
      ContentDigest digest) {
    if (!ids.add(record.id())) {
      throw new InvalidDataException(type.recordType().getSimpleName(), record.id(), type.idField(),
          "duplicate id within source " + type.id());
    }
    summary.accept(record);
    digest.item(item(record));
  }

  /** A source record as a bundle item. */
  static ExportItem item(SourceRecord record) {
    return new ExportItem(record.id(), record.type().itemType(), record.timestamp(), record.fields(),
        record.relatedIds());
  }

  private Pass slaPass(SourceQuery query, Instant asOf) {
    Pass pass = new Pass();
    pass.kind = SectionKind.SLA_COMPLIANCE;
    Set<String> alertIds = new HashSet<>();
    Set<String> taskIds = new HashSet<>();
    pass.referencedIds.put(SourceType.ALERTS, alertIds);
    pass.referencedIds.put(SourceType.TASKS, taskIds);
    List<SlaItem> items = new ArrayList<>();
    try (Stream<SourceRecord> alerts = read(SourceType.ALERTS, query)) {
      alerts.forEach(record -> {
        Alert a = (Alert) record;
        if (a.slaDeadline() != null) {
          if (!alertIds.add(a.alertId())) {
            throw new InvalidDataException("Alert", a.alertId(), "alertId", "duplicate id within source alerts");
          }
          SlaStatus status = SlaStatus.of(a.slaDeadline(), a.resolvedAt(), asOf);
          items.add(new SlaItem(status, slaItem("alert", a.alertId(), a.createdAt(), a.slaDeadline(), a.resolvedAt(), status, asOf,
              "severity", a.severity(), a.status(), a)));
        }
      });
    }
    try (Stream<SourceRecord> tasks = read(SourceType.TASKS, query)) {
      tasks.forEach(record -> {
        Task t = (Task) record;
        if (t.slaDeadline() != null) {
          if (!taskIds.add(t.taskId())) {
            throw new InvalidDataException("Task", t.taskId(), "taskId", "duplicate id within source tasks");
          }
          SlaStatus status = SlaStatus.of(t.slaDeadline(), t.completedAt(), asOf);
          items.add(new SlaItem(status, slaItem("task", t.taskId(), t.createdAt(), t.slaDeadline(), t.completedAt(), status, asOf,
              "priority", t.priority(), t.status(), t)));
        }
      });
    }
    items.sort(Comparator.comparing(SlaItem::item, ITEM_ORDER));
    SectionSummary summary = SectionSummary.of(SectionKind.SLA_COMPLIANCE);
    List<ExportItem> held = new ArrayList<>(items.size());
    try (ContentDigest digest = new ContentDigest()) {
      for (SlaItem sla : items) {
        summary.accept(sla.status());
        digest.item(sla.item());
        held.add(sla.item());
      }
      pass.itemsDigest = digest.hex();
    }
    List<ExportItem> frozen = List.copyOf(held);
    pass.items = frozen::stream;
    pass.count = summary.count;
    pass.summary = summary.sentence();
    return pass;
  }

  private record SlaItem(SlaStatus status, ExportItem item) { }

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
        java.util.Collections.unmodifiableMap(data), List.of(id));
  }

  private static String digest(Plan plan, String title, String description, List<Pass> passes,
      References references, long totalItems, long estimated, List<String> sourcesUsed) {
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
      g.writeFieldName("references");
      Json.writeValue(g, references.asMap());
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
