package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.samples.SampleData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming promise, end to end: a small heap, a large shuffled source, a sorted export. */
class LargeExportProcessTest {

  private static final int RECORDS = 200_000;

  @TempDir
  Path work;

  @Test
  @DisplayName("a real process with -Xmx64m exports 200k records written in shuffled order, sorted")
  void largeShuffledExportInSmallHeap() throws IOException {
    // Only the real-time signals of a data set large enough to hold 200k of them: 24 per 100 items.
    SampleData sample = SampleData.builder().size(RECORDS * 100L / 24 + 100).tenants(1)
        .now(Instant.parse(Cli.NOW)).build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    sample.writeSource(SourceType.REAL_TIME_SIGNALS, bytes);
    List<String> lines = new ArrayList<>(bytes.toString(StandardCharsets.UTF_8).lines().toList());
    assertTrue(lines.size() >= RECORDS, () -> lines.size() + " lines");
    List<String> shuffled = new ArrayList<>(lines.subList(0, RECORDS));
    Collections.shuffle(shuffled, new Random(42));
    Path data = Files.createDirectories(work.resolve("data"));
    Files.write(data.resolve("real-time-signals.jsonl"), shuffled);

    Cli.Run run = Cli.process(work, List.of("-Xmx64m"), "export", "--data", "data", "--category",
        "real-time-metrics", "--format", "json", "--out", "signals.json", "--user", "ops",
        "--user-tenant", "tenant-1", "--now", Cli.NOW);

    assertEquals(0, run.code(), run::toString);
    assertEquals("", run.err());
    assertSorted(work.resolve("signals.json"), RECORDS);
  }

  /** Streams the items of the bundle's one section and checks they come by (timestamp, id). */
  private static void assertSorted(Path json, int expected) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    long count = 0;
    Instant previousTime = null;
    String previousId = null;
    try (JsonParser parser = mapper.getFactory().createParser(json.toFile())) {
      while (parser.nextToken() != null) {
        if (parser.currentToken() == JsonToken.FIELD_NAME && parser.currentName().equals("items")) {
          assertEquals(JsonToken.START_ARRAY, parser.nextToken());
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            JsonNode item = mapper.readTree(parser);
            Instant time = Instant.parse(item.get("timestamp").asText());
            String id = item.get("itemId").asText();
            if (previousTime != null) {
              int order = previousTime.compareTo(time);
              assertTrue(order < 0 || (order == 0 && previousId.compareTo(id) < 0),
                  previousTime + " " + previousId + " came before " + time + " " + id);
            }
            previousTime = time;
            previousId = id;
            count++;
          }
        }
      }
    }
    assertEquals(expected, count);
  }
}
