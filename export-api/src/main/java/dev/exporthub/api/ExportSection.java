package dev.exporthub.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One section of a bundle. Its items are streamed: {@link #items()} opens a fresh, ordered stream
 * on each call, so a section of a million items never has to be in memory at once.
 *
 * <p>Instances are immutable and safe to share between threads; each call to {@link #items()}
 * returns an independent stream.
 */
public final class ExportSection {

  private final SectionKind kind;
  private final String summary;
  private final long itemCount;
  private final Instant generatedAt;
  private final Supplier<Stream<ExportItem>> items;
  private final SectionFigures figures; // null: not counted

  private ExportSection(SectionKind kind, String summary, long itemCount, Instant generatedAt,
      Supplier<Stream<ExportItem>> items, SectionFigures figures) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.summary = Objects.requireNonNull(summary, "summary");
    this.itemCount = itemCount;
    this.generatedAt = Objects.requireNonNull(generatedAt, "generatedAt");
    this.items = Objects.requireNonNull(items, "items");
    this.figures = figures;
  }

  /**
   * A section whose items come from {@code items}, which must return a new stream of exactly
   * {@code itemCount} items ordered by (timestamp, itemId) on every call. It has no figures.
   */
  public static ExportSection streamed(SectionKind kind, String summary, long itemCount, Instant generatedAt,
      Supplier<Stream<ExportItem>> items) {
    return new ExportSection(kind, summary, itemCount, generatedAt, items, null);
  }

  /** Like {@link #streamed(SectionKind, String, long, Instant, Supplier)}, with the figures of its items. */
  public static ExportSection streamed(SectionKind kind, String summary, long itemCount, Instant generatedAt,
      Supplier<Stream<ExportItem>> items, SectionFigures figures) {
    return new ExportSection(kind, summary, itemCount, generatedAt, items, Objects.requireNonNull(figures, "figures"));
  }

  /** A section over a list already in memory, which must be ordered by (timestamp, itemId); its figures are counted. */
  public static ExportSection of(SectionKind kind, String summary, Instant generatedAt, List<ExportItem> items) {
    List<ExportItem> copy = List.copyOf(items);
    return new ExportSection(kind, summary, copy.size(), generatedAt, copy::stream, SectionFigures.of(copy));
  }

  /**
   * What the section's items add up to (graded values, items per day, fields), counted with the
   * items; empty for a streamed section made without them. Writers draw charts from it.
   */
  public Optional<SectionFigures> figures() {
    return Optional.ofNullable(figures);
  }

  /** The kind, which fixes id, title, description and data source. */
  public SectionKind kind() {
    return kind;
  }

  public String sectionId() {
    return kind.id();
  }

  public String title() {
    return kind.title();
  }

  public String description() {
    return kind.description();
  }

  public String dataSource() {
    return kind.dataSource();
  }

  /** A fixed, deterministic sentence of counts and metrics. */
  public String summary() {
    return summary;
  }

  /** How many items {@link #items()} yields. */
  public long itemCount() {
    return itemCount;
  }

  /** When the section was assembled (a volatile field, from the hub's clock). */
  public Instant generatedAt() {
    return generatedAt;
  }

  /**
   * A new stream of the items, ordered by (timestamp, itemId). Close it when done (use
   * try-with-resources): it may hold files open.
   */
  public Stream<ExportItem> items() {
    return items.get();
  }

  /** Every item in a list: convenient for previews and small bundles, not for large ones. */
  public List<ExportItem> itemList() {
    try (Stream<ExportItem> stream = items()) {
      return stream.toList();
    }
  }

  @Override
  public String toString() {
    return "ExportSection[" + kind.id() + ", " + itemCount + " items]";
  }
}
