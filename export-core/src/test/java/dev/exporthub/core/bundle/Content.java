package dev.exporthub.core.bundle;

import dev.exporthub.api.BundleMetadata;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportSection;

/**
 * A bundle's content as text: everything but the format and the volatile fields ({@code exportId},
 * {@code generatedAt}, {@code computationTimeMs}, {@code compressed}). Item data print in their own
 * key order, so a change of key order is a change of content.
 */
final class Content {

  private Content() {}

  static String of(ExportBundle bundle) {
    StringBuilder s = new StringBuilder();
    s.append(bundle.bundleId()).append('\n')
        .append(bundle.title()).append('\n')
        .append(bundle.description()).append('\n')
        .append(bundle.category()).append(' ').append(bundle.scope()).append(' ').append(bundle.timeRange()).append('\n');
    for (ExportSection section : bundle.sections()) {
      s.append("section ").append(section.sectionId()).append(" | ").append(section.title()).append(" | ")
          .append(section.description()).append(" | ").append(section.dataSource()).append(" | ")
          .append(section.summary()).append(" | ").append(section.itemCount()).append('\n');
      for (ExportItem item : section.itemList()) {
        s.append("  ").append(item).append('\n');
      }
    }
    s.append(bundle.references()).append('\n');
    BundleMetadata m = bundle.metadata();
    s.append(m.generatedBy()).append(' ').append(m.totalSections()).append(' ').append(m.totalItems()).append(' ')
        .append(m.estimatedSizeBytes()).append(' ').append(m.dataSourcesUsed()).append(' ').append(m.timeRange())
        .append(' ').append(m.contentDigest()).append(' ').append(m.schemaVersion());
    return s.toString();
  }
}
