package dev.exporthub.testkit;

import dev.exporthub.api.BundleMetadata;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.References;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.Alert;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.source.Task;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.WriteContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Bundles with nasty text in every place a writer prints text: ids, titles, descriptions,
 * summaries, scope, requester, item data and keys, references, policy warnings; lone surrogates
 * included. Built directly, not by the engine, so that nothing upstream of the writer cleans the
 * text first. Internally consistent (counts, references, bundle id and digest agree).
 */
final class UnicodeBundles {


  private UnicodeBundles() {
  }

  /** What to write: the bundle parts and the context parts; the format is the writer's. */
  record Case(ExportCategory category, ExportScope scope, List<SourceRecord> records, String title,
      String description, String summary, String generatedBy, String exportId, List<String> warnings,
      Map<String, String> options) {

    ExportBundle bundle(FormatDescriptor descriptor) {
      Instant now = SourceRecords.DEFAULT_NOW;
      TimeRange range = TimeRange.of(now.minus(Duration.ofDays(3650)), now.plus(Duration.ofDays(2)));
      Map<SourceType, Set<String>> ids = new EnumMap<>(SourceType.class);
      List<ExportSection> sections = new ArrayList<>();
      LinkedHashSet<String> sources = new LinkedHashSet<>();
      long total = 0;
      for (SectionKind kind : category.sections()) {
        List<ExportItem> items = new ArrayList<>();
        for (SourceRecord r : records) {
          if (kind.source().isPresent() && kind.source().get() == r.type()) {
            items.add(new ExportItem(r.id(), r.type().itemType(), r.timestamp(), r.fields(), r.relatedIds()));
            ids.computeIfAbsent(r.type(), t -> new TreeSet<>()).add(r.id());
          } else if (kind == SectionKind.SLA_COMPLIANCE && (r instanceof Alert || r instanceof Task)) {
            items.add(sla(r, now));
            ids.computeIfAbsent(r.type(), t -> new TreeSet<>()).add(r.id());
          }
        }
        items.sort(ExportItem.ORDER);
        sections.add(ExportSection.of(kind, summary, now, items));
        sources.add(kind.dataSource());
        total += items.size();
      }
      String digest = sha256(title + description + summary + records);
      BundleMetadata metadata = new BundleMetadata(now, generatedBy, descriptor.format(), sections.size(), total,
          BundleMetadata.estimateSize(total, sections.size()), List.copyOf(sources), range, 0,
          descriptor.multiFile(), digest, BundleMetadata.SCHEMA_VERSION);
      return new ExportBundle("EXP-" + digest.substring(0, 16), exportId, title, description, category,
          descriptor.format(), scope, range, sections, References.of(ids), metadata);
    }

    WriteContext context() {
      return WriterInput.context(scope, warnings, options, Clock.fixed(SourceRecords.DEFAULT_NOW, ZoneOffset.UTC));
    }
  }

  static Arbitrary<Case> cases() {
    Arbitrary<String> text = Texts.withLoneSurrogates().map(s -> s.isBlank() ? "x" + s : s);
    Arbitrary<ExportScope> scopes = Combinators.combine(text, text.injectNull(0.5), text.injectNull(0.5))
        .as(ExportScope::new);
    Arbitrary<List<SourceRecord>> records = Combinators.combine(Arbitraries.of(SourceType.class), text, text,
            text.injectNull(0.5), SourceRecords.instantsAround(SourceRecords.DEFAULT_NOW), text.list().ofMaxSize(2))
        .as((type, id, tenant, facility, time, related) ->
            new Spot(type, new SourceRecords.Placement(id, tenant, facility, time, related)))
        .flatMap(spot -> SourceRecords.of(spot.type(), spot.placement()))
        .list().ofMaxSize(12)
        .uniqueElements(r -> r.type() + "\u0000" + r.id());
    Arbitrary<Head> heads = Combinators.combine(Arbitraries.of(ExportCategory.class), scopes, records, text, text,
        text, text, text).as(Head::new);
    return Combinators.combine(heads, text.list().ofMaxSize(2), Requests.options())
        .as((h, warnings, options) -> new Case(h.category(), h.scope(), h.records(), h.title(), h.description(),
            h.summary(), h.generatedBy(), h.exportId(), warnings, options));
  }

  private record Spot(SourceType type, SourceRecords.Placement placement) {
  }

  private record Head(ExportCategory category, ExportScope scope, List<SourceRecord> records, String title,
      String description, String summary, String generatedBy, String exportId) {
  }

  private static ExportItem sla(SourceRecord r, Instant asOf) {
    Map<String, Object> data = new LinkedHashMap<>();
    String kind = r instanceof Alert ? "alert" : "task";
    data.put("sourceType", kind);
    data.put("sourceId", r.id());
    if (r instanceof Alert a) {
      data.put("severity", a.severity());
      data.put("status", a.status());
      data.put("createdAt", a.createdAt());
      data.put("slaDeadline", a.slaDeadline() == null ? a.createdAt() : a.slaDeadline());
    } else {
      Task t = (Task) r;
      data.put("priority", t.priority());
      data.put("status", t.status());
      data.put("createdAt", t.createdAt());
      data.put("slaDeadline", t.slaDeadline() == null ? t.createdAt() : t.slaDeadline());
    }
    data.put("slaStatus", List.of("met", "breached", "pending").get(Math.floorMod(r.id().hashCode(), 3)));
    data.put("asOf", asOf);
    data.put("tenantId", r.tenantId());
    if (r.facilityId() != null) {
      data.put("facilityId", r.facilityId());
    }
    return new ExportItem(kind + ":" + r.id(), SectionKind.SLA_COMPLIANCE.itemType(), r.timestamp(),
        java.util.Collections.unmodifiableMap(data), List.of(r.id()));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
