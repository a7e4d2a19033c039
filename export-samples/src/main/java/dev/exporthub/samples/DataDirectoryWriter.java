package dev.exporthub.samples;

import static dev.exporthub.samples.SampleData.FEDERATION_ID;
import static dev.exporthub.samples.SampleData.SOURCE_FILE_EXTENSION;
import static dev.exporthub.samples.SampleData.TENANTS_FILE;

import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a {@link SampleData} set as a data directory; {@link SampleData#writeDataDirectory(Path)}
 * documents the layout and what a failure leaves behind.
 */
final class DataDirectoryWriter {

  private DataDirectoryWriter() {}

  static void write(SampleData data, Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir");
    Files.createDirectories(dir);
    for (SourceType type : SourceType.values()) {
      Path conflicting = dir.resolve(type.id() + ".json");
      if (Files.exists(conflicting)) {
        throw new FileAlreadyExistsException(conflicting.toString(), null,
            "a data directory holds one file per source; remove it before writing " + type.id() + SOURCE_FILE_EXTENSION);
      }
    }
    for (SourceType type : SourceType.values()) {
      writeAtomically(dir.resolve(type.id() + SOURCE_FILE_EXTENSION), out -> writeSource(data, type, out));
    }
    writeAtomically(dir.resolve(TENANTS_FILE), out -> writeTenants(data, out));
  }

  static void writeSource(SampleData data, SourceType type, OutputStream out) throws IOException {
    Objects.requireNonNull(type, "type");
    Writer writer = utf8(out);
    StringBuilder line = new StringBuilder(512);
    try (Stream<? extends SourceRecord> records = data.records(type)) {
      Iterator<? extends SourceRecord> iterator = records.iterator();
      while (iterator.hasNext()) {
        line.setLength(0);
        Json.record(iterator.next(), line);
        line.append('\n');
        writer.append(line);
      }
    }
    writer.flush();
  }

  private static void writeTenants(SampleData data, OutputStream out) throws IOException {
    StringBuilder json = new StringBuilder(96).append("{\"federations\":");
    Json.value(Map.of(FEDERATION_ID, List.copyOf(data.federationTenantIds())), json);
    json.append("}\n");
    Writer writer = utf8(out);
    writer.append(json);
    writer.flush();
  }

  private static Writer utf8(OutputStream out) {
    // Strict: an unencodable character is a bug to report, not a '?' to write.
    return new OutputStreamWriter(out, StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  @FunctionalInterface
  private interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private static void writeAtomically(Path target, Content content) throws IOException {
    // A hidden sibling with the directory's default permissions (unlike Files.createTempFile's
    // owner-only ones), so the final file is as readable as any other the user creates there.
    Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(
          Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
        content.writeTo(out);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
