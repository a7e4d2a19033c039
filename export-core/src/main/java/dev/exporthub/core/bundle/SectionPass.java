package dev.exporthub.core.bundle;

import dev.exporthub.api.ExportItem;
import dev.exporthub.api.SectionFigures;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.source.SourceType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** One section's counting pass: its items on demand, count, summary, digest of items, figures, ids. */
final class SectionPass {
  final SectionKind kind;
  Supplier<Stream<ExportItem>> items;
  long count;
  String summary;
  String itemsDigest;
  final SectionFigures.Builder figures = SectionFigures.builder();
  /** Per source, the sorted ids this section includes. */
  final Map<SourceType, List<String>> referencedIds = new EnumMap<>(SourceType.class);

  SectionPass(SectionKind kind) {
    this.kind = kind;
  }
}
