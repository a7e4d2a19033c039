package dev.exporthub.formats;

import dev.exporthub.api.BundleMetadata;
import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.PolicyDecision;
import dev.exporthub.api.References;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.WriteContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Bundles built straight from the API, and helpers to run a writer into bytes. */
final class Fixtures {

  static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant TO = Instant.parse("2026-01-31T00:00:00Z");
  static final Instant GENERATED = Instant.parse("2026-01-31T12:00:00.250Z");

  /** Who asks for every fixture export. */
  static final Caller CALLER = new Caller("auditor@example.com", "tenant-a", "fed-1", "auditor",
      Set.of("export:bundle-formats", "export:long-range"));

  private Fixtures() {
  }

  /** A write context with the given options and a fixed clock. */
  static WriteContext context(Map<String, String> options) {
    PolicyDecision decision = PolicyDecision.of("q-1", ExportScope.tenant("tenant-a"), List.of(), List.of(),
        List.of("tenant-isolation"));
    return new WriteContext(decision, CALLER, options, Clock.fixed(GENERATED, ZoneOffset.UTC));
  }

  static WriteContext context() {
    return context(Map.of());
  }

  static byte[] render(FormatWriter writer, ExportBundle bundle) {
    return render(writer, bundle, context());
  }

  static byte[] render(FormatWriter writer, ExportBundle bundle, WriteContext context) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.write(bundle, context, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String renderText(FormatWriter writer, ExportBundle bundle) {
    return new String(render(writer, bundle), StandardCharsets.UTF_8);
  }

  static Map<String, Object> data(Object... keysAndValues) {
    LinkedHashMap<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static ExportItem item(String id, String type, Instant at, Map<String, Object> data, String... references) {
    return new ExportItem(id, type, at, data, List.of(references));
  }

  /**
   * A compliance pack with every kind of data value: text, booleans, integers, longs, doubles,
   * instants, nested lists and maps, and an empty section.
   */
  static ExportBundle compliancePack() {
    Instant t1 = Instant.parse("2026-01-05T08:30:00Z");
    Instant t2 = Instant.parse("2026-01-06T09:15:30.123Z");
    List<ExportItem> findings = List.of(
        item("AF-001", "audit-finding", t1, data(
            "auditFindingId", "AF-001",
            "tenantId", "tenant-a",
            "severity", "high",
            "title", "Door left open",
            "resolved", false,
            "score", 0.1 + 0.2,
            "count", 3,
            "bytes", 12_345_678_901L,
            "foundAt", t1,
            "tags", List.of("doors", "night-shift"),
            "attributes", new TreeMap<>(Map.of("zone", "B", "floor", 2L))), "AL-7"),
        item("AF-002", "audit-finding", t2, data(
            "auditFindingId", "AF-002",
            "tenantId", "tenant-a",
            "severity", "low",
            "title", "Label faded; replace = soon \\ later",
            "resolved", true,
            "score", 1.0E-7,
            "foundAt", t2)));
    List<ExportItem> drifts = List.of(
        item("DR-1", "drift-event", t1, data("driftId", "DR-1", "metric", "temperature", "delta", -2.5)));
    List<ExportSection> sections = List.of(
        ExportSection.of(SectionKind.AUDIT_FINDINGS, "2 findings: 1 high, 1 low", GENERATED, findings),
        ExportSection.of(SectionKind.DRIFT_LOGS, "1 drift event", GENERATED, drifts),
        ExportSection.of(SectionKind.SLA_COMPLIANCE, "0 SLA records; compliance rate n/a", GENERATED, List.of()));
    References references = References.of(Map.of(
        SourceType.AUDIT_FINDINGS, List.of("AF-002", "AF-001"),
        SourceType.DRIFT_EVENTS, List.of("DR-1")));
    return bundle(ExportCategory.COMPLIANCE_PACK, ExportScope.facility("tenant-a", "plant-1"), sections, references);
  }

  /** A bundle of the given sections with consistent metadata. */
  static ExportBundle bundle(ExportCategory category, ExportScope scope, List<ExportSection> sections,
      References references) {
    return bundle(category, scope, category.title() + " for tenant-a, 2026-01-01 to 2026-01-31",
        "All records of tenant-a from 2026-01-01 to 2026-01-31 (UTC)", "auditor@example.com", sections, references);
  }

  /** A bundle with the given texts and sections, and metadata consistent with them. */
  static ExportBundle bundle(ExportCategory category, ExportScope scope, String title, String description,
      String generatedBy, List<ExportSection> sections, References references) {
    long items = sections.stream().mapToLong(ExportSection::itemCount).sum();
    List<String> sources = new ArrayList<>();
    for (ExportSection section : sections) {
      if (!sources.contains(section.dataSource())) {
        sources.add(section.dataSource());
      }
    }
    TimeRange range = TimeRange.of(FROM, TO);
    String digest = "ab".repeat(32);
    BundleMetadata metadata = new BundleMetadata(GENERATED, generatedBy, ExportFormat.JSON,
        sections.size(), items, BundleMetadata.estimateSize(items, sections.size()), sources, range, 42, false,
        digest, BundleMetadata.SCHEMA_VERSION);
    return new ExportBundle("EXP-" + digest.substring(0, 16), "export-0001", title, description, category,
        ExportFormat.JSON, scope, range, sections, references, metadata);
  }

  /** A one-section bundle holding {@code items}. */
  static ExportBundle singleSection(SectionKind kind, List<ExportItem> items) {
    return bundle(ExportCategory.AUDIT_FINDINGS, ExportScope.tenant("tenant-a"),
        List.of(ExportSection.of(kind, items.size() + " items", GENERATED, items)), References.empty());
  }

  /** {@code count} simple audit findings, ordered by timestamp. */
  static List<ExportItem> findings(int count) {
    List<ExportItem> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format(java.util.Locale.ROOT, "AF-%03d", i + 1);
      items.add(item(id, "audit-finding", FROM.plusSeconds(60L * i), data("auditFindingId", id, "n", i)));
    }
    return items;
  }
}
