package dev.exporthub.core.bundle;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.exporthub.api.BundleMetadata;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ItemValue;
import dev.exporthub.api.ResolvedExport;
import dev.exporthub.codec.ScopeJson;
import dev.exporthub.core.internal.Hashing;
import dev.exporthub.core.internal.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * A SHA-256 over a canonical encoding of bundle content, fed to the digest as it is produced, so
 * nothing is held in memory.
 *
 * <p><b>Items</b> ({@link #item}) are encoded in a compact, unambiguous binary form, built in a
 * reused buffer: every string is its length followed by its characters, every value carries a tag
 * for its {@linkplain ItemValue.Kind kind}, every map and list its size. That is the content the
 * bundle's JSON carries, for a fraction of the cost of generating JSON text on the counting pass,
 * which reads every item of every export:
 * <pre>
 * item   = string(itemId) string(itemType) instant(timestamp) map(data) list(references)
 * string = varint(2 * length + 0) byte* (every char below U+0080: one byte each)
 *        | varint(2 * length + 1) (byte byte)* (else: every char as two bytes, big-endian)
 * instant = int64(epoch second) int32(nano)
 * map    = varint(size) (string(key) value)*            (in iteration order)
 * list   = varint(size) value*
 * value  = 'N' (NULL) | 'S' string (STRING) | 'T' | 'F' (BOOLEAN)
 *        | 'L' int64 (INTEGER and LONG: one number, as in every writer)
 *        | 'D' int64 (DOUBLE: the bits of the double) | 'I' instant (INSTANT)
 *        | 'M' map (MAP) | 'V' list (LIST)
 * varint = 7 bits a byte, least significant first, the high bit set on every byte but the last
 * int32, int64 = big-endian
 * </pre>
 * Maps are hashed in their iteration order, which {@link ExportItem} makes key order for every
 * nested map and which is the field order for the data map itself; so equal content has equal
 * bytes, whatever map the item was made from.
 *
 * <p><b>The bundle</b> ({@link #json}) is hashed as compact JSON with a fixed key order; it includes
 * each section's {@code itemsSha256}, the digest of its items.
 */
final class ContentDigest implements AutoCloseable {

  private static final int BUFFER = 8192;

  /** Room for a tag and the largest header: a tag byte and a five-byte varint. */
  private static final int HEADER = 6;

  private final MessageDigest digest = Hashing.sha256();
  private final byte[] buffer = new byte[BUFFER];
  private int position;
  private JsonGenerator generator;
  /** A map entry; keys of item data are strings ({@link ItemValue}). */
  private final BiConsumer<Object, Object> entry = (key, value) -> {
    key((String) key);
    value(value);
  };

  /**
   * The encodings of recent map keys: every item of a section repeats the same few field names, so
   * each is encoded once and then copied. Slots are picked by the key's (cached) hash code.
   */
  private static final int KEYS = 64;
  private final String[] keys = new String[KEYS];
  private final byte[][] keyBytes = new byte[KEYS][];

  /** A generator of compact JSON into the digest, for the bundle-level content. */
  JsonGenerator json() {
    if (generator == null) {
      flushBuffer();
      try {
        generator = Json.FACTORY.createGenerator(new OutputStream() {
          @Override
          public void write(int b) {
            digest.update((byte) b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return generator;
  }

  /** Hashes one item exactly as bundles carry it. */
  void item(ExportItem item) {
    string(item.itemId());
    string(item.itemType());
    instant(item.timestamp());
    map(item.data());
    List<String> references = item.references();
    int size = references.size();
    room(HEADER);
    varint(size);
    for (int i = 0; i < size; i++) {
      string(references.get(i));
    }
  }

  /** Hashes one item value: its kind's tag, then what the kind holds. */
  void value(Object value) {
    ItemValue.Kind kind = ItemValue.kindOf(value);
    // Room for the tag and the largest fixed payload, an int64, or a header.
    room(9);
    buffer[position++] = switch (kind) {
      case NULL -> 'N';
      case STRING -> 'S';
      case BOOLEAN -> (byte) ((Boolean) value ? 'T' : 'F');
      case INTEGER, LONG -> 'L';
      case DOUBLE -> 'D';
      case INSTANT -> 'I';
      case MAP -> 'M';
      case LIST -> 'V';
    };
    switch (kind) {
      case NULL, BOOLEAN -> { }
      case STRING -> string((String) value);
      case INTEGER, LONG -> int64(((Number) value).longValue());
      case DOUBLE -> int64(Double.doubleToLongBits((Double) value));
      case INSTANT -> instant((Instant) value);
      case MAP -> map((Map<?, ?>) value);
      case LIST -> {
        List<?> list = (List<?>) value;
        varint(list.size());
        for (Object element : list) {
          value(element);
        }
      }
    }
  }

  private void map(Map<?, ?> map) {
    room(HEADER);
    varint(map.size());
    map.forEach(entry);
  }

  /** A map key: a string, from the cache when this key was seen before. */
  private void key(String key) {
    int slot = key.hashCode() & (KEYS - 1);
    String cached = keys[slot];
    if (cached == key || cached != null && cached.equals(key)) {
      byte[] bytes = keyBytes[slot];
      if (bytes.length > BUFFER - position) {
        flushBuffer();
      }
      System.arraycopy(bytes, 0, buffer, position, bytes.length);
      position += bytes.length;
      return;
    }
    if (key.length() > 64) {
      string(key);
      return;
    }
    // Short keys always fit the buffer's remaining room after one flush: encode, then keep a copy.
    room(HEADER + 2 * key.length());
    int start = position;
    string(key);
    keys[slot] = key;
    keyBytes[slot] = Arrays.copyOfRange(buffer, start, position);
  }

  private void instant(Instant instant) {
    room(12);
    int64(instant.getEpochSecond());
    int32(instant.getNano());
  }

  /**
   * A string: copied as one byte a character while checking that every character is ASCII, the
   * common case, in one pass; otherwise written again as two bytes a character.
   */
  private void string(String text) {
    int length = text.length();
    room(HEADER);
    int start = position;
    varint(2 * length);
    if (length <= BUFFER - position) {
      byte[] b = buffer;
      int p = position;
      int any = 0;
      for (int i = 0; i < length; i++) {
        char c = text.charAt(i);
        any |= c;
        b[p + i] = (byte) c;
      }
      if (any < 0x80) {
        position = p + length;
        return;
      }
      position = start;
    } else {
      boolean narrow = true;
      for (int i = 0; i < length && narrow; i++) {
        narrow = text.charAt(i) < 0x80;
      }
      if (narrow) {
        for (int i = 0; i < length; i++) {
          room(1);
          buffer[position++] = (byte) text.charAt(i);
        }
        return;
      }
      position = start;
    }
    varint(2 * length + 1);
    for (int i = 0; i < length; i++) {
      room(2);
      char c = text.charAt(i);
      buffer[position++] = (byte) (c >>> 8);
      buffer[position++] = (byte) c;
    }
  }

  /** An unsigned varint; room for five bytes is ensured. */
  private void varint(int value) {
    int v = value;
    while ((v & ~0x7F) != 0) {
      buffer[position++] = (byte) (v & 0x7F | 0x80);
      v >>>= 7;
    }
    buffer[position++] = (byte) v;
  }

  private void int32(int value) {
    buffer[position++] = (byte) (value >>> 24);
    buffer[position++] = (byte) (value >>> 16);
    buffer[position++] = (byte) (value >>> 8);
    buffer[position++] = (byte) value;
  }

  private void int64(long value) {
    int32((int) (value >>> 32));
    int32((int) value);
  }

  private void room(int bytes) {
    if (position + bytes > BUFFER) {
      flushBuffer();
    }
  }

  private void flushBuffer() {
    if (position > 0) {
      digest.update(buffer, 0, position);
      position = 0;
    }
  }

  /** Finishes and returns the lower-case hex digest. */
  String hex() {
    if (generator != null) {
      try {
        generator.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    flushBuffer();
    return Hashing.hex(digest.digest());
  }

  /**
   * The content digest of a bundle: compact JSON with a fixed key order of everything but the
   * format and the volatile fields, with each section's items digest.
   */
  static String ofBundle(ResolvedExport export, String title, String description, List<SectionPass> passes,
      long totalItems, long estimated, List<String> sourcesUsed) {
    try (ContentDigest digest = new ContentDigest()) {
      JsonGenerator g = digest.json();
      g.writeStartObject();
      g.writeNumberField("schemaVersion", BundleMetadata.SCHEMA_VERSION);
      g.writeStringField("category", export.category().id());
      g.writeFieldName("scope");
      ScopeJson.write(g, export.scope(), UnaryOperator.identity());
      g.writeObjectFieldStart("timeRange");
      g.writeStringField("from", Json.instant(export.timeRange().from()));
      g.writeStringField("to", Json.instant(export.timeRange().to()));
      g.writeEndObject();
      g.writeStringField("title", title);
      g.writeStringField("description", description);
      g.writeStringField("generatedBy", export.generatedBy());
      g.writeArrayFieldStart("sections");
      for (SectionPass pass : passes) {
        g.writeStartObject();
        g.writeStringField("sectionId", pass.kind.id());
        g.writeStringField("title", pass.kind.title());
        g.writeStringField("description", pass.kind.description());
        g.writeStringField("dataSource", pass.kind.dataSource());
        g.writeStringField("summary", pass.summary);
        g.writeNumberField("itemCount", pass.count);
        g.writeStringField("itemsSha256", pass.itemsDigest);
        g.writeEndObject();
      }
      g.writeEndArray();
      // The references object is not hashed again: it is the sorted ids of the items (and, for SLA
      // records, of their alerts and tasks), which the sections' digests cover already.
      g.writeNumberField("totalItems", totalItems);
      g.writeNumberField("estimatedSizeBytes", estimated);
      Json.writeStrings(g, "dataSourcesUsed", sourcesUsed);
      g.writeEndObject();
      return digest.hex();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (generator != null) {
      try {
        generator.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
