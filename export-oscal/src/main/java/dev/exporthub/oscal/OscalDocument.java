package dev.exporthub.oscal;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.source.SourceType;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The mapping of a bundle onto OSCAL 1.1 (see the module's README for the table): audit findings
 * are findings, each with the observation it rests on; drift events are observations; breached SLA
 * records are risks; open audit findings are POA&amp;M items. Sections of other kinds have no OSCAL
 * counterpart and are left out. Every identifier is a {@linkplain OscalUuids name-based UUID} of the
 * bundle id and the item id; every timestamp comes from the bundle (its items, its range, and its
 * {@code generatedAt}, which the hub reads from its clock).
 *
 * <p>Streams: each section is read item by item (the audit findings twice: once for their
 * observations, once for the findings), and nothing of a section is kept in memory.
 */
final class OscalDocument {

  /** The OSCAL version of NIST's schemas the documents conform to. */
  static final String OSCAL_VERSION = "1.1.2";
  /** The namespace of Export Hub's own properties (OSCAL asks for one on every non-NIST prop). */
  static final String NS = "https://exporthub.dev/ns/oscal";

  /** Audit finding statuses that close a finding even without a {@code resolvedAt}. */
  private static final Set<String> CLOSED_STATUSES = Set.of("resolved", "closed");

  private final ExportBundle bundle;
  private final JsonOut json;
  private final String formatId;

  private OscalDocument(ExportBundle bundle, OutputStream out, String formatId) {
    this.bundle = bundle;
    this.json = new JsonOut(out);
    this.formatId = formatId;
  }

  static void writeAssessmentResults(ExportBundle bundle, String formatId, OutputStream out) throws IOException {
    new OscalDocument(bundle, out, formatId).assessmentResults();
  }

  static void writePoam(ExportBundle bundle, String formatId, OutputStream out) throws IOException {
    new OscalDocument(bundle, out, formatId).poam();
  }

  /** Whether an audit finding is still open: no {@code resolvedAt}, and a status other than resolved or closed. */
  static boolean isOpen(ExportItem finding) {
    String status = text(finding, "status");
    return finding.data().get("resolvedAt") == null
        && (status == null || !CLOSED_STATUSES.contains(status.toLowerCase(Locale.ROOT)));
  }

  // ---- assessment results -------------------------------------------------------------------

  private void assessmentResults() throws IOException {
    json.beginObject().name("assessment-results").beginObject();
    json.field("uuid", uuid(formatId));
    metadata("Assessment results: ");
    json.name("import-ap").beginObject()
        .field("href", "#" + uuid("bundle"))
        .field("remarks", "Export Hub assesses no OSCAL assessment plan: the results come from the export "
            + "request the back-matter resource describes.")
        .endObject();
    json.name("results").beginArray().beginObject();
    json.field("uuid", uuid("result"));
    // markup-line must not be empty: a bundle's title normally is not, but nothing forbids it.
    json.field("title", OscalText.markdownLine(bundle.title().isBlank() ? "Export " + bundle.bundleId() : bundle.title()));
    json.field("description", OscalText.markdown(bundle.description()));
    json.field("start", time(bundle.timeRange().from(), "timeRange", "from"));
    json.field("end", time(bundle.timeRange().to(), "timeRange", "to"));
    json.name("reviewed-controls").beginObject()
        .field("description", "Export Hub's records name no control catalog: every control of the "
            + "system's baseline is in scope.")
        .name("control-selections").beginArray().beginObject().emptyObject("include-all").endObject().endArray()
        .endObject();

    Lazy observations = new Lazy("observations");
    for (ExportSection section : sections(SectionKind.AUDIT_FINDINGS)) {
      forEach(section, item -> true, item -> observation(observations, item, "EXAMINE", "foundAt",
          "Audit finding"));
    }
    for (ExportSection section : sections(SectionKind.DRIFT_LOGS)) {
      forEach(section, item -> true, item -> observation(observations, item, "TEST", "detectedAt",
          "Drift event"));
    }
    observations.close();

    Lazy risks = new Lazy("risks");
    for (ExportSection section : sections(SectionKind.SLA_COMPLIANCE)) {
      forEach(section, item -> "breached".equals(item.data().get("slaStatus")), item -> risk(risks, item));
    }
    risks.close();

    Lazy findings = new Lazy("findings");
    for (ExportSection section : sections(SectionKind.AUDIT_FINDINGS)) {
      forEach(section, item -> true, item -> finding(findings, item));
    }
    findings.close();

    json.field("remarks", remarks());
    json.endObject().endArray();
    backMatter();
    json.endObject().endObject().finish();
  }

  private void observation(Lazy array, ExportItem item, String method, String timeField, String what)
      throws IOException {
    array.next();
    json.field("uuid", observationUuid(item));
    json.field("title", OscalText.markdownLine(what + " " + item.itemId()));
    json.field("description", OscalText.markdown(describe(item)));
    props(item);
    json.name("methods").beginArray().value(method).endArray();
    if (item.itemType().equals(SectionKind.AUDIT_FINDINGS.itemType())) {
      json.name("types").beginArray().value("finding").endArray();
    }
    json.field("collected", time(instant(item, timeField, item.timestamp()), item, timeField));
    json.endObject();
  }

  private void finding(Lazy array, ExportItem item) throws IOException {
    array.next();
    json.field("uuid", uuid("finding/" + item.itemId()));
    json.field("title", OscalText.markdownLine("Audit finding " + item.itemId()));
    json.field("description", OscalText.markdown(describe(item)));
    props(item);
    String category = Optional.ofNullable(text(item, "category")).orElse("uncategorised");
    json.name("target").beginObject()
        .field("type", "objective-id")
        .field("target-id", OscalText.token(category))
        .field("title", OscalText.markdownLine(category))
        .name("status").beginObject()
        .field("state", isOpen(item) ? "not-satisfied" : "satisfied")
        .field("reason", isOpen(item) ? "fail" : "pass")
        .endObject()
        .endObject();
    json.name("related-observations").beginArray();
    related(observationUuid(item));
    List<String> drifts = bundle.references().ids(SourceType.DRIFT_EVENTS);
    if (!sections(SectionKind.DRIFT_LOGS).isEmpty()) {
      for (String id : item.references().stream().distinct().sorted().toList()) {
        if (Collections.binarySearch(drifts, id) >= 0) {
          related(uuid("observation/" + SectionKind.DRIFT_LOGS.itemType() + "/" + id));
        }
      }
    }
    json.endArray();
    json.endObject();
  }

  private void related(String observationUuid) throws IOException {
    json.beginObject().field("observation-uuid", observationUuid).endObject();
  }

  private void risk(Lazy array, ExportItem item) throws IOException {
    array.next();
    String source = Optional.ofNullable(text(item, "sourceType")).orElse("record");
    boolean closed = item.data().get("closedAt") != null;
    json.field("uuid", uuid("risk/" + item.itemId()));
    json.field("title", OscalText.markdownLine("SLA breached: " + source + " " + item.itemId()));
    json.field("description", OscalText.markdown(describe(item)));
    json.field("statement", OscalText.markdown("The " + source + " was not "
        + (closed ? "closed by its SLA deadline." : "closed, and its SLA deadline has passed.")));
    props(item);
    json.field("status", closed ? "closed" : "open");
    Object deadline = item.data().get("slaDeadline");
    if (deadline instanceof Instant at) {
      json.field("deadline", time(at, item, "slaDeadline"));
    }
    json.endObject();
  }

  // ---- plan of action and milestones --------------------------------------------------------

  private void poam() throws IOException {
    json.beginObject().name("plan-of-action-and-milestones").beginObject();
    json.field("uuid", uuid(formatId));
    metadata("Plan of action and milestones: ");
    Lazy observations = new Lazy("observations");
    for (ExportSection section : sections(SectionKind.AUDIT_FINDINGS)) {
      forEach(section, OscalDocument::isOpen, item -> observation(observations, item, "EXAMINE", "foundAt",
          "Audit finding"));
    }
    observations.close();
    json.name("poam-items").beginArray();
    boolean[] any = {false};
    for (ExportSection section : sections(SectionKind.AUDIT_FINDINGS)) {
      forEach(section, OscalDocument::isOpen, item -> {
        any[0] = true;
        poamItem(item);
      });
    }
    if (!any[0]) {
      noOpenFindings();
    }
    json.endArray();
    backMatter();
    json.endObject().endObject().finish();
  }

  private void poamItem(ExportItem item) throws IOException {
    json.beginObject();
    json.field("uuid", uuid("poam-item/" + item.itemId()));
    json.field("title", OscalText.markdownLine("Open audit finding " + item.itemId()));
    json.field("description", OscalText.markdown(describe(item)));
    props(item);
    json.name("related-observations").beginArray();
    related(observationUuid(item));
    json.endArray();
    json.endObject();
  }

  /**
   * NIST's schema requires at least one POA&amp;M item. With no open finding the document holds one
   * item that says so, marked by the {@code no-open-findings} property, rather than an item
   * invented from nothing or a document no OSCAL tool accepts.
   */
  private void noOpenFindings() throws IOException {
    json.beginObject();
    json.field("uuid", uuid("no-open-findings"));
    json.field("title", "No open findings");
    json.field("description", OscalText.markdown("The export holds no open audit finding in its scope and "
        + "time range, so nothing awaits remediation. This item is a marker, not a weakness."));
    json.name("props").beginArray();
    prop("no-open-findings", "true");
    json.endArray();
    json.endObject();
  }

  // ---- shared parts -------------------------------------------------------------------------

  private void metadata(String titlePrefix) throws IOException {
    json.name("metadata").beginObject();
    json.field("title", OscalText.markdownLine(titlePrefix + bundle.title()));
    json.field("last-modified", time(bundle.metadata().generatedAt(), "metadata", "generatedAt"));
    json.field("version", bundle.bundleId());
    json.field("oscal-version", OSCAL_VERSION);
    json.name("props").beginArray();
    prop("bundle-id", bundle.bundleId());
    prop("export-id", bundle.exportId());
    prop("category", bundle.category().id());
    prop("content-digest", bundle.metadata().contentDigest());
    json.endArray();
    json.field("remarks", OscalText.markdown(bundle.description()));
    json.endObject();
  }

  private void backMatter() throws IOException {
    json.name("back-matter").beginObject().name("resources").beginArray().beginObject();
    json.field("uuid", uuid("bundle"));
    json.field("title", OscalText.markdownLine("Export Hub bundle " + bundle.bundleId()));
    json.field("description", OscalText.markdown("The export request these results come from: "
        + bundle.description()));
    json.name("props").beginArray();
    prop("bundle-id", bundle.bundleId());
    prop("category", bundle.category().id());
    prop("scope", bundle.scope().toString());
    prop("time-range-from", OscalText.dateTime(bundle.timeRange().from()));
    prop("time-range-to", OscalText.dateTime(bundle.timeRange().to()));
    prop("generated-by", bundle.metadata().generatedBy());
    json.endArray();
    json.endObject().endArray().endObject();
  }

  private String remarks() {
    StringBuilder b = new StringBuilder("Sections of the bundle: ");
    for (int i = 0; i < bundle.sections().size(); i++) {
      ExportSection s = bundle.sections().get(i);
      b.append(i == 0 ? "" : "; ").append(s.sectionId()).append(" (").append(s.itemCount()).append(" items)");
    }
    b.append(". Audit findings map to findings and observations, drift events to observations, breached SLA "
        + "records to risks; other sections have no OSCAL counterpart here.");
    return OscalText.markdown(b.toString());
  }

  /** The item's own fields as props, in its data's order: text, instants and numbers; nested values left out. */
  private void props(ExportItem item) throws IOException {
    json.name("props").beginArray();
    prop("item-id", item.itemId());
    prop("item-type", item.itemType());
    for (Map.Entry<String, Object> field : item.data().entrySet()) {
      Object v = field.getValue();
      String value = v instanceof String || v instanceof Instant || v instanceof Number || v instanceof Boolean
          ? OscalText.value(v)
          : null;
      if (value != null && !field.getKey().equals("description")) {
        prop(OscalText.token(kebab(field.getKey())), value);
      }
    }
    json.endArray();
  }

  private void prop(String name, String value) throws IOException {
    String v = OscalText.string(value);
    if (v != null) {
      json.beginObject().field("name", name).field("ns", NS).field("value", v).endObject();
    }
  }

  /** A plain-text account of an item, its description first, then every field. */
  private static String describe(ExportItem item) {
    StringBuilder b = new StringBuilder();
    String description = text(item, "description");
    if (description != null) {
      b.append(description).append("\n\n");
    }
    b.append(item.itemType()).append(' ').append(item.itemId()).append(" at ")
        .append(OscalText.dateTime(item.timestamp()));
    for (Map.Entry<String, Object> field : item.data().entrySet()) {
      if (!field.getKey().equals("description")) {
        b.append("\n").append(field.getKey()).append(": ").append(OscalText.value(field.getValue()));
      }
    }
    return b.toString();
  }

  private String observationUuid(ExportItem item) {
    return uuid("observation/" + item.itemType() + "/" + item.itemId());
  }

  private String uuid(String role) {
    return OscalUuids.of(bundle.bundleId() + "/" + role).toString();
  }

  private List<ExportSection> sections(SectionKind kind) {
    return bundle.sections().stream().filter(s -> s.kind() == kind).toList();
  }

  private static String text(ExportItem item, String key) {
    return item.data().get(key) instanceof String s ? s : null;
  }

  private static Instant instant(ExportItem item, String key, Instant fallback) {
    return item.data().get(key) instanceof Instant at ? at : fallback;
  }

  private String time(Instant at, String source, String field) {
    if (!OscalText.representable(at)) {
      throw new InvalidDataException(source, bundle.bundleId(), field, "is " + at
          + ", outside the years 1900 to 2999 that OSCAL's date-time type can hold");
    }
    return OscalText.dateTime(at);
  }

  private static String time(Instant at, ExportItem item, String field) {
    if (!OscalText.representable(at)) {
      throw new InvalidDataException(item.itemType(), item.itemId(), field, "is " + at
          + ", outside the years 1900 to 2999 that OSCAL's date-time type can hold");
    }
    return OscalText.dateTime(at);
  }

  /** {@code slaDeadline} → {@code sla-deadline}: OSCAL prop names are kebab-case by convention. */
  private static String kebab(String camel) {
    StringBuilder b = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        b.append('-').append((char) (c + ('a' - 'A')));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private interface ItemAction {
    void accept(ExportItem item) throws IOException;
  }

  private static void forEach(ExportSection section, Predicate<ExportItem> filter, ItemAction action)
      throws IOException {
    try (Stream<ExportItem> items = section.items()) {
      Iterator<ExportItem> it = items.iterator();
      while (it.hasNext()) {
        ExportItem item = it.next();
        if (filter.test(item)) {
          action.accept(item);
        }
      }
    }
  }

  /** An array of objects written only once it has an element: OSCAL forbids empty arrays. */
  private final class Lazy {
    private final String name;
    private boolean open;

    Lazy(String name) {
      this.name = name;
    }

    /** Opens the array if needed, and the next element's object. */
    void next() throws IOException {
      if (!open) {
        json.name(name).beginArray();
        open = true;
      }
      json.beginObject();
    }

    void close() throws IOException {
      if (open) {
        json.endArray();
      }
    }
  }
}
