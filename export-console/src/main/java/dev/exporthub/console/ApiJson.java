package dev.exporthub.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.ExportStatistics;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.SectionFigures;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.spi.FormatDescriptor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/** The JSON bodies of the console's API: plain trees, fields in a fixed order. */
final class ApiJson {

  private static final Map<String, String> FORMAT_LABELS = Map.of(
      "json", "JSON", "csv", "CSV", "html", "HTML", "markdown", "Markdown",
      "zip", "ZIP Bundle", "auditor-package", "Auditor Package");

  private final ObjectMapper mapper;

  ApiJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * A format's display name: that of {@code docs/SPECIFICATION.md} §5.1 for the six built-ins, the
   * upper-cased id otherwise.
   */
  static String formatLabel(String id) {
    String label = FORMAT_LABELS.get(id);
    return label != null ? label : id.toUpperCase(Locale.ROOT);
  }

  static String instant(Instant instant) {
    return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  ResponseBody body(ObjectNode node) throws JsonProcessingException {
    return ResponseBody.json(mapper.writeValueAsBytes(node));
  }

  ObjectNode session(Caller caller, ExportScope scope, List<String> facilities) {
    ObjectNode node = mapper.createObjectNode();
    node.put("user", caller.userId());
    node.put("tenant", scope.tenantId() != null ? scope.tenantId() : caller.tenantId());
    node.put("facility", scope.facilityId());
    strings(node.putArray("facilities"), facilities);
    node.put("federation", scope.federationId() != null ? scope.federationId() : caller.federationId());
    node.put("role", caller.role());
    strings(node.putArray("permissions"), caller.permissions());
    return node;
  }

  ObjectNode catalog(Map<ExportCategory, List<ExportFormat>> visible, List<FormatDescriptor> formats) {
    ObjectNode node = mapper.createObjectNode();
    node.put("totalCategories", ExportCategory.values().length);
    ArrayNode categories = node.putArray("categories");
    java.util.Set<ExportFormat> used = new java.util.TreeSet<>();
    visible.forEach((category, allowed) -> {
      ObjectNode c = categories.addObject();
      c.put("id", category.id());
      c.put("title", category.title());
      c.put("useCase", category.useCase());
      ArrayNode sections = c.putArray("sections");
      for (SectionKind kind : category.sections()) {
        ObjectNode s = sections.addObject();
        s.put("id", kind.id());
        s.put("title", kind.title());
        s.put("dataSource", kind.dataSource());
      }
      ArrayNode ids = c.putArray("formats");
      allowed.forEach(f -> ids.add(f.id()));
      used.addAll(allowed);
    });
    ArrayNode list = node.putArray("formats");
    for (FormatDescriptor descriptor : formats) {
      if (used.contains(descriptor.format())) {
        ObjectNode f = list.addObject();
        f.put("id", descriptor.format().id());
        f.put("label", formatLabel(descriptor.format().id()));
        f.put("mimeType", descriptor.mimeType());
        f.put("fileSuffix", descriptor.fileSuffix());
        f.put("multiFile", descriptor.multiFile());
      }
    }
    return node;
  }

  /**
   * The body of a completed export: the bundle's preview with {@code firstRows} of each section
   * (in section order), the artifact and the policy's warnings.
   */
  ObjectNode created(ExportResult.Completed done, List<List<ExportItem>> firstRows, String downloadPath) {
    ObjectNode node = mapper.createObjectNode();
    node.set("bundle", bundle(done.bundle(), firstRows));
    ObjectNode artifact = node.putObject("artifact");
    artifact.put("filename", done.filename());
    artifact.put("mimeType", done.mimeType());
    artifact.put("sizeBytes", done.sizeBytes());
    artifact.put("sha256", done.sha256());
    artifact.put("download", downloadPath);
    strings(node.putArray("warnings"), done.decision().warnings());
    return node;
  }

  private ObjectNode bundle(ExportBundle bundle, List<List<ExportItem>> firstRows) {
    ObjectNode node = mapper.createObjectNode();
    node.put("bundleId", bundle.bundleId());
    node.put("exportId", bundle.exportId());
    node.put("title", bundle.title());
    node.put("description", bundle.description());
    ObjectNode category = node.putObject("category");
    category.put("id", bundle.category().id());
    category.put("title", bundle.category().title());
    ObjectNode format = node.putObject("format");
    format.put("id", bundle.format().id());
    format.put("label", formatLabel(bundle.format().id()));
    ObjectNode scope = node.putObject("scope");
    scope.put("tenantId", bundle.scope().tenantId());
    scope.put("facilityId", bundle.scope().facilityId());
    scope.put("federationId", bundle.scope().federationId());
    ObjectNode range = node.putObject("timeRange");
    range.put("from", instant(bundle.timeRange().from()));
    range.put("to", instant(bundle.timeRange().to()));
    ArrayNode sections = node.putArray("sections");
    for (int i = 0; i < bundle.sections().size(); i++) {
      ExportSection section = bundle.sections().get(i);
      ObjectNode s = sections.addObject();
      s.put("sectionId", section.sectionId());
      s.put("title", section.title());
      s.put("description", section.description());
      s.put("dataSource", section.dataSource());
      s.put("summary", section.summary());
      s.put("itemCount", section.itemCount());
      List<String> columns = section.figures().map(SectionFigures::fields).orElse(List.of());
      strings(s.putArray("columns"), columns);
      ArrayNode rows = s.putArray("rows");
      for (ExportItem item : firstRows.get(i)) {
        ObjectNode row = rows.addObject();
        row.put("itemId", item.itemId());
        row.put("itemType", item.itemType());
        row.put("timestamp", instant(item.timestamp()));
        ArrayNode cells = row.putArray("cells");
        columns.forEach(column -> cells.add(text(item.data().get(column))));
      }
    }
    var m = bundle.metadata();
    ObjectNode metadata = node.putObject("metadata");
    metadata.put("generatedAt", instant(m.generatedAt()));
    metadata.put("generatedBy", m.generatedBy());
    metadata.put("totalSections", m.totalSections());
    metadata.put("totalItems", m.totalItems());
    metadata.put("estimatedSizeBytes", m.estimatedSizeBytes());
    strings(metadata.putArray("dataSourcesUsed"), m.dataSourcesUsed());
    metadata.put("computationTimeMs", m.computationTimeMs());
    metadata.put("compressed", m.compressed());
    metadata.put("contentDigest", m.contentDigest());
    metadata.put("schemaVersion", m.schemaVersion());
    return node;
  }

  /** A field's value as the preview shows it: instants in ISO form, lists joined, maps as {@code key: value} pairs. */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return instant(instant);
    }
    if (value instanceof List<?> list) {
      return String.join(", ", list.stream().map(ApiJson::text).toList());
    }
    if (value instanceof Map<?, ?> map) {
      return String.join("; ", map.entrySet().stream().map(e -> e.getKey() + ": " + text(e.getValue())).toList());
    }
    return String.valueOf(value);
  }

  ObjectNode statistics(ExportStatistics stats, Instant now, SortedMap<LocalDate, Long> perDay) {
    ObjectNode node = mapper.createObjectNode();
    node.put("now", instant(now));
    node.put("totalExports", stats.totalExports());
    node.put("totalDownloads", stats.totalDownloads());
    node.put("averageSizeBytes", stats.averageSizeBytes());
    node.put("averageGenerationTimeMs", stats.averageGenerationTimeMs());
    node.put("dataSourcesUsed", stats.dataSourcesUsed());
    ObjectNode trends = node.putObject("trends");
    trends.put("exportsChange", stats.trends().exportsChange());
    trends.put("downloadsChange", stats.trends().downloadsChange());
    counts(node.putObject("byCategory"), stats.byCategory());
    counts(node.putObject("byFormat"), stats.byFormat());
    counts(node.putObject("byTenant"), stats.byTenant());
    ArrayNode daily = node.putArray("daily");
    perDay.forEach((day, exports) -> daily.addObject().put("date", day.toString()).put("exports", exports));
    return node;
  }

  ObjectNode history(List<LogEntry.ExportGenerated> entries) {
    ObjectNode node = mapper.createObjectNode();
    ArrayNode exports = node.putArray("exports");
    for (LogEntry.ExportGenerated entry : entries) {
      LogEntry.GeneratedExport e = entry.export();
      ObjectNode item = exports.addObject();
      item.put("sequence", entry.sequence());
      item.put("bundleId", e.bundleId());
      item.put("category", e.category());
      item.put("categoryTitle", categoryTitle(e.category()));
      item.put("format", e.format());
      item.put("formatLabel", formatLabel(e.format()));
      item.put("sections", e.sectionsGenerated());
      item.put("items", e.itemsIncluded());
      item.put("sizeBytes", e.sizeBytes());
      item.put("timestamp", instant(entry.timestamp()));
      item.put("generatedBy", entry.generatedBy());
    }
    return node;
  }

  ObjectNode error(HttpProblem problem) {
    ObjectNode node = mapper.createObjectNode();
    node.put("error", problem.code());
    node.put("message", problem.getMessage());
    if (!problem.violations().isEmpty() || problem.code().equals("denied")) {
      strings(node.putArray("violations"), problem.violations());
      strings(node.putArray("warnings"), problem.warnings());
    }
    return node;
  }

  private static String categoryTitle(String id) {
    try {
      return ExportCategory.fromId(id).title();
    } catch (InvalidRequestException e) {
      return id;
    }
  }

  private static void strings(ArrayNode array, Collection<String> values) {
    values.forEach(array::add);
  }

  private static void counts(ObjectNode node, Map<String, Long> counts) {
    counts.forEach(node::put);
  }
}
