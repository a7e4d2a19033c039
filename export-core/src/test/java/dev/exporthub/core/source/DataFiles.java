package dev.exporthub.core.source;

import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.SourceQuery;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Data files for the reader's tests: valid alert lines, and large hostile files written as streams. */
final class DataFiles {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final SourceQuery ALL = new SourceQuery(Set.of("t-1", "t-2"), null,
      TimeRange.of(T0.minusSeconds(86_400 * 365L), T0.plusSeconds(86_400 * 365L)));

  private DataFiles() {
  }

  /** A valid alert of tenant t-1, {@code AL-0000i}, created i minutes after {@link #T0}. */
  static String alert(int i) {
    return "{\"alertId\":\"AL-" + String.format(Locale.ROOT, "%05d", i) + "\",\"severity\":\"high\","
        + "\"category\":\"power\",\"status\":\"open\",\"createdAt\":\"" + T0.plusSeconds(i * 60L)
        + "\",\"tenantId\":\"t-1\",\"relatedIds\":[\"TK-1\"],\"attributes\":{\"z\":1,\"a\":[true,2.5]}}";
  }

  /** Every record of a source, in the order the source hands them out. */
  static List<SourceRecord> read(DataDirectorySource source, SourceType type) {
    try (Stream<? extends SourceRecord> records = source.records(type, ALL)) {
      return new ArrayList<>(records.toList());
    }
  }

  /** Opens {@code dir}, reads its alerts, closes it. */
  static List<SourceRecord> readAlerts(Path dir) {
    try (DataDirectorySource source = DataDirectorySource.open(dir)) {
      return read(source, SourceType.ALERTS);
    }
  }

  /**
   * Writes {@code prefix}, then {@code count} copies of {@code fill}, then {@code suffix}, through
   * a small buffer: a file of any size without holding it.
   */
  static Path stream(Path file, String prefix, byte fill, long count, String suffix) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, fill);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      out.write(prefix.getBytes(StandardCharsets.UTF_8));
      for (long left = count; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
      out.write(suffix.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  /** A sparse file of {@code size} NUL bytes: it takes no disk space and no time to write. */
  static Path sparse(Path file, long size) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size);
    }
    return file;
  }

  /** {@code depth} nested arrays in an alert's attributes: the record's JSON nests {@code depth + 2} levels. */
  static String nested(int i, int depth) {
    String line = alert(i);
    String nesting = "[".repeat(depth) + "]".repeat(depth);
    return line.replace("\"attributes\":{\"z\":1,\"a\":[true,2.5]}", "\"attributes\":{\"deep\":" + nesting + "}");
  }
}
