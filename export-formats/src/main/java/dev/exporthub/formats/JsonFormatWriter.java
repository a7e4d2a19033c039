package dev.exporthub.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.exporthub.api.BundleMetadata;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.References;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.WriteContext;
import dev.exporthub.codec.ScopeJson;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Writes the whole bundle as one JSON document ({@code application/json}, {@code .json}).
 *
 * <p>Keys keep the order of {@code docs/SPECIFICATION.md} §5.3: {@code bundleId, exportId, title,
 * description, category, format, scope, timeRange, sections, references, metadata}; each section
 * {@code sectionId, title, description, dataSource, summary, items, itemCount, generatedAt}; each
 * item {@code itemId, itemType, timestamp, data, references}. The scope leaves out its absent
 * parts; {@code references} always has all ten sources. Output is UTF-8, indented by two spaces with
 * {@code \n} line ends (the layout of {@code JSON.stringify(bundle, null, 2)}) and ends with a line
 * end. Instants are ISO-8601 UTC strings; doubles use the shortest representation.
 *
 * <p>Items are pulled section by section and written as they come, with Jackson's streaming
 * generator. The writer is stateless and thread-safe, never closes {@code out} and lets its
 * {@link IOException}s through.
 */
public final class JsonFormatWriter extends BuiltInWriter {

  static final FormatDescriptor DESCRIPTOR = new FormatDescriptor(ExportFormat.JSON, "application/json", ".json", false);

  // The item's keys, encoded once.
  private static final SerializedString ITEM_ID = new SerializedString("itemId");
  private static final SerializedString ITEM_TYPE = new SerializedString("itemType");
  private static final SerializedString TIMESTAMP = new SerializedString("timestamp");
  private static final SerializedString DATA = new SerializedString("data");
  private static final SerializedString REFERENCES = new SerializedString("references");

  /** Creates the writer; it keeps no state. */
  public JsonFormatWriter() {
    super(DESCRIPTOR);
  }

  @Override
  void render(ExportBundle bundle, WriteContext context, OutputStream out) throws IOException {
    try (JsonGenerator json = Json.prettyGenerator(out)) {
      writeBundle(json, bundle);
      json.writeRaw('\n');
    }
  }

  /**
   * Writes one section as a JSON document of its own, laid out like the bundle document; for
   * formats that store one file per section.
   */
  static void writeSectionDocument(ExportSection section, OutputStream out) throws IOException {
    try (JsonGenerator json = Json.prettyGenerator(out)) {
      writeSection(json, section);
      json.writeRaw('\n');
    }
  }

  static void writeBundle(JsonGenerator json, ExportBundle bundle) throws IOException {
    json.writeStartObject();
    json.writeStringField("bundleId", text(bundle.bundleId()));
    json.writeStringField("exportId", text(bundle.exportId()));
    json.writeStringField("title", text(bundle.title()));
    json.writeStringField("description", text(bundle.description()));
    json.writeStringField("category", bundle.category().id());
    json.writeStringField("format", bundle.format().id());
    json.writeFieldName("scope");
    writeScope(json, bundle.scope());
    json.writeFieldName("timeRange");
    writeTimeRange(json, bundle.timeRange());
    json.writeArrayFieldStart("sections");
    for (ExportSection section : bundle.sections()) {
      writeSection(json, section);
    }
    json.writeEndArray();
    json.writeFieldName("references");
    writeReferences(json, bundle.references());
    json.writeFieldName("metadata");
    writeMetadata(json, bundle.metadata());
    json.writeEndObject();
  }

  static void writeScope(JsonGenerator json, ExportScope scope) throws IOException {
    ScopeJson.write(json, scope, DataValues::wellFormed);
  }

  static void writeTimeRange(JsonGenerator json, TimeRange range) throws IOException {
    json.writeStartObject();
    json.writeStringField("from", DataValues.instant(range.from()));
    json.writeStringField("to", DataValues.instant(range.to()));
    json.writeEndObject();
  }

  /**
   * Writes one section object, pulling its items as it goes; usable on its own by formats that
   * store one section per file.
   */
  static void writeSection(JsonGenerator json, ExportSection section) throws IOException {
    json.writeStartObject();
    json.writeStringField("sectionId", section.sectionId());
    json.writeStringField("title", section.title());
    json.writeStringField("description", section.description());
    json.writeStringField("dataSource", section.dataSource());
    json.writeStringField("summary", text(section.summary()));
    json.writeArrayFieldStart("items");
    Keys keys = new Keys();
    SectionItems.forEach(section, item -> writeItem(json, item, keys));
    json.writeEndArray();
    json.writeNumberField("itemCount", section.itemCount());
    json.writeStringField("generatedAt", DataValues.instant(section.generatedAt()));
    json.writeEndObject();
  }

  /**
   * The encoded names of recent data keys: every item of a section repeats the same few, so each is
   * checked and encoded once. Slots are picked by the key's (cached) hash code. Not thread-safe.
   */
  static final class Keys {
    private static final int SIZE = 64;
    private final String[] keys = new String[SIZE];
    private final SerializedString[] names = new SerializedString[SIZE];

    /**
     * The name to write for an ASCII {@code key}, encoded; {@code null} for any other key, which is
     * written as text: the generator escapes characters outside the BMP in names, which an encoded
     * name would not.
     */
    SerializedString name(String key) {
      int slot = key.hashCode() & (SIZE - 1);
      String cached = keys[slot];
      if (cached == key || cached != null && cached.equals(key)) {
        return names[slot];
      }
      for (int i = 0; i < key.length(); i++) {
        if (key.charAt(i) >= 0x80) {
          return null;
        }
      }
      SerializedString name = new SerializedString(key);
      keys[slot] = key;
      names[slot] = name;
      return name;
    }
  }

  private static void writeItem(JsonGenerator json, ExportItem item, Keys keys) throws IOException {
    json.writeStartObject();
    json.writeFieldName(ITEM_ID);
    json.writeString(text(item.itemId()));
    json.writeFieldName(ITEM_TYPE);
    json.writeString(text(item.itemType()));
    json.writeFieldName(TIMESTAMP);
    DataValues.writeInstant(json, item.timestamp());
    json.writeFieldName(DATA);
    json.writeStartObject();
    for (Map.Entry<String, Object> field : item.data().entrySet()) {
      SerializedString name = keys.name(field.getKey());
      if (name == null) {
        json.writeFieldName(DataValues.wellFormed(field.getKey()));
      } else {
        json.writeFieldName(name);
      }
      DataValues.writeJson(json, field.getValue());
    }
    json.writeEndObject();
    json.writeFieldName(REFERENCES);
    json.writeStartArray();
    for (String value : item.references()) {
      json.writeString(text(value));
    }
    json.writeEndArray();
    json.writeEndObject();
  }


  static void writeReferences(JsonGenerator json, References references) throws IOException {
    json.writeStartObject();
    for (Map.Entry<String, List<String>> source : references.asMap().entrySet()) {
      writeStrings(json, source.getKey(), source.getValue());
    }
    json.writeEndObject();
  }

  static void writeMetadata(JsonGenerator json, BundleMetadata metadata) throws IOException {
    json.writeStartObject();
    json.writeStringField("generatedAt", DataValues.instant(metadata.generatedAt()));
    json.writeStringField("generatedBy", text(metadata.generatedBy()));
    json.writeStringField("format", metadata.format().id());
    json.writeNumberField("totalSections", metadata.totalSections());
    json.writeNumberField("totalItems", metadata.totalItems());
    json.writeNumberField("estimatedSizeBytes", metadata.estimatedSizeBytes());
    writeStrings(json, "dataSourcesUsed", metadata.dataSourcesUsed());
    json.writeFieldName("timeRange");
    writeTimeRange(json, metadata.timeRange());
    json.writeNumberField("computationTimeMs", metadata.computationTimeMs());
    json.writeBooleanField("compressed", metadata.compressed());
    json.writeStringField("contentDigest", text(metadata.contentDigest()));
    json.writeNumberField("schemaVersion", metadata.schemaVersion());
    json.writeEndObject();
  }

  /** A field holding an array of (well-formed) strings; the Auditor Package's decision uses it too. */
  static void writeStrings(JsonGenerator json, String key, List<String> values) throws IOException {
    json.writeArrayFieldStart(key);
    for (String value : values) {
      json.writeString(text(value));
    }
    json.writeEndArray();
  }

  private static String text(String value) {
    return DataValues.wellFormed(value);
  }
}
