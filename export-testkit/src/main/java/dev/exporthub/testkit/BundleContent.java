package dev.exporthub.testkit;

import dev.exporthub.api.BundleMetadata;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.References;
import dev.exporthub.api.TimeRange;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of a bundle, read independently of its digest: everything but the volatile fields
 * ({@code exportId}, {@code generatedAt}, {@code computationTimeMs}), the format-dependent ones
 * ({@code format}, {@code compressed}) and what is derived from the digest ({@code bundleId}).
 */
record BundleContent(String title, String description, ExportCategory category, ExportScope scope,
    TimeRange timeRange, List<Section> sections, References references, String generatedBy, int totalSections,
    long totalItems, long estimatedSizeBytes, List<String> dataSourcesUsed, TimeRange metadataTimeRange,
    int schemaVersion) {

  record Section(String sectionId, String title, String description, String dataSource, String summary,
      long itemCount, List<ExportItem> items) {
  }

  static BundleContent of(ExportBundle bundle) {
    List<Section> sections = new ArrayList<>();
    for (ExportSection s : bundle.sections()) {
      sections.add(new Section(s.sectionId(), s.title(), s.description(), s.dataSource(), s.summary(), s.itemCount(),
          s.itemList()));
    }
    BundleMetadata m = bundle.metadata();
    return new BundleContent(bundle.title(), bundle.description(), bundle.category(), bundle.scope(),
        bundle.timeRange(), List.copyOf(sections), bundle.references(), m.generatedBy(), m.totalSections(),
        m.totalItems(), m.estimatedSizeBytes(), m.dataSourcesUsed(), m.timeRange(), m.schemaVersion());
  }

  /** The first part in which two contents differ, for a failure message. */
  String difference(BundleContent other) {
    if (!title.equals(other.title) || !description.equals(other.description)) {
      return "title or description: " + title + " | " + other.title;
    }
    if (category != other.category || !scope.equals(other.scope) || !timeRange.equals(other.timeRange)) {
      return "category, scope or range: " + category + " " + scope + " " + timeRange + " | " + other.category + " "
          + other.scope + " " + other.timeRange;
    }
    for (int i = 0; i < Math.min(sections.size(), other.sections.size()); i++) {
      if (!sections.get(i).equals(other.sections.get(i))) {
        return "section " + i + ": " + sections.get(i) + " | " + other.sections.get(i);
      }
    }
    if (!references.equals(other.references)) {
      return "references: " + references + " | " + other.references;
    }
    return "metadata or section count: " + this + " | " + other;
  }
}
