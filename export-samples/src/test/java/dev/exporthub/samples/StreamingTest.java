package dev.exporthub.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.source.SourceType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generation streams: a data set far larger than the heap can be read and written. Runs the work in
 * a child JVM with a 32 MB heap, where a materialised list of the records (hundreds of bytes each)
 * could not fit.
 */
class StreamingTest {

  static final long READ_ITEMS = 1_000_000;
  static final long WRITE_ITEMS = 150_000;

  @Test
  @DisplayName("a million items stream through a 32 MB heap, and 150,000 are written to disk in it")
  void flatMemory(@TempDir Path dir) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path output = dir.resolve("probe.out");
    Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx32m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), Probe.class.getName(), dir.resolve("data").toString()))
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the probe did not finish");
    String text = Files.readString(output, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), text);
    assertEquals("read " + READ_ITEMS + "\nwrote " + WRITE_ITEMS + "\n", text.replace("\r\n", "\n"));
    long lines = 0;
    for (SourceType type : SourceType.values()) {
      try (var stream = Files.lines(dir.resolve("data").resolve(type.id() + ".jsonl"), StandardCharsets.UTF_8)) {
        lines += stream.count();
      }
    }
    assertEquals(WRITE_ITEMS, lines);
  }

  /** The child JVM's work: reads every record of a large data set, then writes a smaller one. */
  public static final class Probe {

    private Probe() {}

    public static void main(String[] args) throws IOException {
      SampleData data = SampleData.builder().seed(3).size(READ_ITEMS).tenants(5).build();
      long read = 0;
      for (SourceType type : SourceType.values()) {
        // forEach, not count(): a sized stream may count without generating anything.
        long[] seen = {0};
        data.records(type).forEach(record -> seen[0] += record.id().isEmpty() ? 0 : 1);
        read += seen[0];
      }
      System.out.print("read " + read + "\n");
      SampleData written = SampleData.builder().seed(3).size(WRITE_ITEMS).tenants(5).build();
      written.writeDataDirectory(Path.of(args[0]));
      System.out.print("wrote " + written.size() + "\n");
    }
  }
}
