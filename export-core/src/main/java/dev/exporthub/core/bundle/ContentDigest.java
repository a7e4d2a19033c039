package dev.exporthub.core.bundle;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.exporthub.api.ExportItem;
import dev.exporthub.core.internal.Hashing;
import dev.exporthub.core.internal.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;

/**
 * A SHA-256 over a canonical encoding: compact JSON, fixed key order, written straight into the
 * digest as it is generated. Items are hashed as they stream by, so nothing is held in memory.
 */
final class ContentDigest implements AutoCloseable {

  private final MessageDigest digest = Hashing.sha256();
  private final JsonGenerator generator;

  ContentDigest() {
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

  JsonGenerator json() {
    return generator;
  }

  /** Hashes one item exactly as bundles carry it. */
  void item(ExportItem item) {
    try {
      writeItem(generator, item);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeItem(JsonGenerator g, ExportItem item) throws IOException {
    g.writeStartObject();
    g.writeStringField("itemId", item.itemId());
    g.writeStringField("itemType", item.itemType());
    g.writeStringField("timestamp", Json.instant(item.timestamp()));
    g.writeFieldName("data");
    Json.writeValue(g, item.data());
    Json.writeStrings(g, "references", item.references());
    g.writeEndObject();
  }

  /** Finishes and returns the lower-case hex digest. */
  String hex() {
    try {
      generator.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Hashing.hex(digest.digest());
  }

  @Override
  public void close() {
    try {
      generator.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
