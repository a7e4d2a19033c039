package dev.exporthub.core.bundle;

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
import dev.exporthub.api.ResolvedExport;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.SourceQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;
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

  private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private final SourceReader reader;

  public BundleBuilder(OperationalDataSource source) {
    this.reader = new SourceReader(source);
  }

  /**
   * Assembles the bundle of a resolved export: runs the counting pass over every section and
   * returns a bundle whose sections stream their items again on demand.
   *
   * @param exportId this execution's id
   * @throws InvalidDataException when a source hands out a record of the wrong type, an id twice,
   *                              or (when it declares itself ordered) records out of order; the
   *                              sections' streams throw it too when an ordered source, read again,
   *                              hands out records out of order or other than the counting pass saw
   */
  public ExportBundle build(ResolvedExport export, String exportId, Clock clock) {
    Objects.requireNonNull(exportId, "exportId");
    long started = clock.millis();
    Instant generatedAt = clock.instant();
    ExportScope scope = export.scope();
    TimeRange range = export.timeRange();
    ExportCategory category = export.category();
    SourceQuery query = new SourceQuery(export.tenants(), scope.facilityId(), range);
    Instant asOf = range.to().isBefore(generatedAt) ? range.to() : generatedAt;
    String title = category.title() + " — " + scope.label() + ", " + dates(range);
    String description = category.useCase() + ": "
        + String.join(", ", category.sections().stream().map(SectionKind::title).toList())
        + " for " + scope.label() + ", " + dates(range) + " (UTC).";

    EnumMap<SourceType, List<String>> referenced = new EnumMap<>(SourceType.class);
    List<SectionPass> passes = new ArrayList<>();
    for (SectionKind kind : category.sections()) {
      SectionPass pass = kind == SectionKind.SLA_COMPLIANCE ? SlaSection.pass(reader, query, asOf)
          : sourcePass(kind, query);
      pass.referencedIds.forEach((type, ids) -> referenced.merge(type, ids, BundleBuilder::union));
      passes.add(pass);
    }
    References references = References.ofSorted(referenced);

    List<ExportSection> sections = new ArrayList<>(passes.size());
    LinkedHashSet<String> dataSources = new LinkedHashSet<>();
    long totalItems = 0;
    for (SectionPass pass : passes) {
      sections.add(ExportSection.streamed(pass.kind, pass.summary, pass.count, generatedAt, pass.items,
          pass.figures.build()));
      dataSources.add(pass.kind.dataSource());
      totalItems += pass.count;
    }
    int totalSections = sections.size();
    long estimated = BundleMetadata.estimateSize(totalItems, totalSections);
    List<String> sourcesUsed = List.copyOf(dataSources);

    String digest = ContentDigest.ofBundle(export, title, description, passes, totalItems, estimated, sourcesUsed);
    ExportFormat format = export.format().format();
    BundleMetadata metadata = new BundleMetadata(generatedAt, export.generatedBy(), format, totalSections,
        totalItems, estimated, sourcesUsed, range, Math.max(0, clock.millis() - started),
        export.format().multiFile(), digest, BundleMetadata.SCHEMA_VERSION);
    return new ExportBundle("EXP-" + digest.substring(0, 16), exportId, title, description,
        category, format, scope, range, sections, references, metadata);
  }

  private SectionPass sourcePass(SectionKind kind, SourceQuery query) {
    SourceType type = kind.source().orElseThrow();
    SectionPass pass = new SectionPass(kind);
    SourceReader.FirstRead first = reader.new FirstRead(type);
    SectionSummary summary = SectionSummary.of(kind);
    try (ContentDigest digest = new ContentDigest()) {
      Consumer<SourceRecord> accept = record -> {
        summary.accept(record);
        ExportItem item = item(record);
        digest.item(item);
        pass.figures.add(item);
      };
      if (reader.ordered()) {
        try (Stream<SourceRecord> records = first.open(query)) {
          records.forEachOrdered(accept);
        }
        long expected = first.count();
        pass.items = () -> reader.reread(type, query, expected).map(BundleBuilder::item);
      } else {
        List<SourceRecord> sorted;
        try (Stream<SourceRecord> records = first.open(query)) {
          sorted = new ArrayList<>(records.toList());
        }
        sorted.sort(SourceRecord.ORDER);
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

  /** A source record as a bundle item. */
  static ExportItem item(SourceRecord record) {
    return new ExportItem(record.id(), record.type().itemType(), record.timestamp(), record.fields(),
        record.relatedIds());
  }

  /** {@code 2025-12-16 to 2026-01-15}: UTC dates of the range's ends. */
  static String dates(TimeRange range) {
    return DATE.format(range.from()) + " to " + DATE.format(range.to());
  }
}
