package dev.exporthub.api;

import java.util.List;
import java.util.Objects;

/**
 * An assembled export: what a {@link dev.exporthub.api.spi.FormatWriter} renders. The sections
 * stream their items, so a bundle is cheap to hold even for very large exports.
 *
 * @param bundleId    {@code EXP-} and the first 16 hex digits of the content digest: equal content,
 *                    equal id
 * @param exportId    unique for each execution (volatile: from the hub's id supplier)
 * @param title       the category title with scope and range
 * @param description what the bundle holds, naming scope and range (UTC dates)
 * @param format      the format it is rendered to
 * @param scope       the resolved scope
 * @param timeRange   the effective time range
 * @param sections    the sections in the category's order; unmodifiable
 * @param references  the ids of every included record, per source
 * @param metadata    counts, sources, digest and timing
 */
public record ExportBundle(
    String bundleId,
    String exportId,
    String title,
    String description,
    ExportCategory category,
    ExportFormat format,
    ExportScope scope,
    TimeRange timeRange,
    List<ExportSection> sections,
    References references,
    BundleMetadata metadata) {

  public ExportBundle {
    Objects.requireNonNull(bundleId, "bundleId");
    Objects.requireNonNull(exportId, "exportId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(timeRange, "timeRange");
    sections = List.copyOf(sections);
    Objects.requireNonNull(references, "references");
    Objects.requireNonNull(metadata, "metadata");
  }

  /** The same content rendered to another format (the ZIP formats embed other renderings). */
  public ExportBundle withFormat(ExportFormat other) {
    BundleMetadata m = metadata;
    return new ExportBundle(bundleId, exportId, title, description, category, other, scope, timeRange, sections,
        references, new BundleMetadata(m.generatedAt(), m.generatedBy(), other, m.totalSections(), m.totalItems(),
            m.estimatedSizeBytes(), m.dataSourcesUsed(), m.timeRange(), m.computationTimeMs(), m.compressed(),
            m.contentDigest(), m.schemaVersion()));
  }
}
