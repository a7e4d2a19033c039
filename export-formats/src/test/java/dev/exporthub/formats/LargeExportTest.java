package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Archives stream: a large export goes through the writer and the verifier in a JVM whose heap is
 * far smaller than the archive. The item count is {@code -Dexporthub.largeItems} (default 100,000,
 * some 86 MB of ZIP bundle in an 8 MB heap; a million runs the same way, only slower).
 */
class LargeExportTest {

  private static final int ITEMS = Integer.getInteger("exporthub.largeItems", 100_000);

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({"zip, 8m", "bagit, 8m"})
  @DisplayName("a large export is written and verified in a small heap")
  void smallHeap(String kind, String heap) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx" + heap, "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), LargeExport.class.getName(), kind, Integer.toString(ITEMS))
        .redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(process.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, process.exitValue(), output);
    List<String> fields = List.of(output.lines().reduce((a, b) -> b).orElse("").split(" "));
    assertEquals("true", fields.get(0), output);
    long bytes = Long.parseLong(fields.get(2));
    long maxHeap = Long.parseLong(fields.get(3));
    assertTrue(bytes > 4 * maxHeap, "the archive holds " + bytes + " bytes, the heap at most " + maxHeap);
  }
}
