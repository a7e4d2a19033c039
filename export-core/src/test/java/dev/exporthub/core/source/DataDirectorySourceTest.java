package dev.exporthub.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.Alert;
import dev.exporthub.api.source.Insight;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.SourceQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectorySourceTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final SourceQuery ALL = new SourceQuery(Set.of("t-1", "t-2"), null,
      TimeRange.of(T0.minusSeconds(86_400 * 365L), T0.plusSeconds(86_400 * 365L)));

  @TempDir
  Path dir;

  private static String alertLine(int i, String tenant) {
    return "{\"alertId\":\"AL-" + String.format(java.util.Locale.ROOT, "%05d", i) + "\",\"severity\":\"HIGH\","
        + "\"category\":\"power\",\"status\":\"open\",\"createdAt\":\"" + T0.plusSeconds(i * 60L)
        + "\",\"slaDeadline\":\"" + T0.plusSeconds(i * 60L + 3600) + "\",\"tenantId\":\"" + tenant
        + "\",\"relatedIds\":[\"TK-1\"],\"attributes\":{\"z\":1,\"a\":[true,2.5]}}";
  }

  private List<SourceRecord> read(DataDirectorySource source, SourceType type, SourceQuery query) {
    try (Stream<? extends SourceRecord> records = source.records(type, query)) {
      return new ArrayList<>(records.toList());
    }
  }

  @Test
  @DisplayName("a shuffled JSON Lines file comes out sorted by (timestamp, id), through an external merge of many runs")
  void sortsShuffledFiles() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      lines.add(alertLine(i, i % 2 == 0 ? "t-1" : "t-2"));
    }
    Collections.shuffle(lines, new Random(7));
    Files.write(dir.resolve("alerts.jsonl"), lines, StandardCharsets.UTF_8);
    try (DataDirectorySource source = DataDirectorySource.open(dir, 16)) {
      List<SourceRecord> records = read(source, SourceType.ALERTS, ALL);
      assertEquals(250, records.size());
      for (int i = 0; i < records.size(); i++) {
        assertEquals(String.format(java.util.Locale.ROOT, "AL-%05d", i), records.get(i).id());
      }
      Alert first = (Alert) records.get(0);
      assertEquals("high", first.severity());
      assertEquals(List.of("TK-1"), first.relatedIds());
      assertEquals(List.of("a", "z"), List.copyOf(first.attributes().keySet()));
      assertEquals(List.of(true, 2.5), first.attributes().get("a"));
      assertEquals(records, read(source, SourceType.ALERTS, ALL), "a second read gives the same records");
      SourceQuery oneTenant = new SourceQuery(Set.of("t-2"), null, ALL.timeRange());
      assertTrue(read(source, SourceType.ALERTS, oneTenant).stream().allMatch(r -> r.tenantId().equals("t-2")));
      assertEquals(List.of(), read(source, SourceType.TASKS, ALL), "a missing file is an empty source");
    }
  }

  @Test
  @DisplayName("a .json array file is read too, and tenants.json gives the federations")
  void readsJsonArraysAndTenants() throws IOException {
    Files.writeString(dir.resolve("insights.json"), "[\n"
        + "{\"insightId\":\"IN-2\",\"category\":\"cost\",\"severity\":\"low\",\"summary\":\"s\",\"metrics\":{\"b\":2,\"a\":1.5},"
        + "\"generatedAt\":\"2026-01-02T00:00:00Z\",\"tenantId\":\"t-1\",\"facilityId\":\"f-1\"},\n"
        + "{\"insightId\":\"IN-1\",\"category\":\"cost\",\"severity\":\"low\",\"summary\":\"s\",\"metrics\":{},"
        + "\"generatedAt\":\"2026-01-01T00:00:00Z\",\"tenantId\":\"t-1\"}\n]\n");
    Files.writeString(dir.resolve("tenants.json"), "{\"federations\": {\"fed-a\": [\"t-1\", \"t-2\"]}}");
    try (DataDirectorySource source = DataDirectorySource.open(dir)) {
      List<SourceRecord> records = read(source, SourceType.INSIGHTS, ALL);
      assertEquals(List.of("IN-1", "IN-2"), records.stream().map(SourceRecord::id).toList());
      assertEquals(Map.of("a", 1.5, "b", 2.0), ((Insight) records.get(1)).metrics());
      assertEquals(Set.of("t-1", "t-2"), source.tenantDirectory().tenantsOf("fed-a"));
      assertEquals(Set.of(), source.tenantDirectory().tenantsOf("fed-b"));
    }
  }

  @Test
  @DisplayName("a malformed line is refused naming the file and the line")
  void malformedLine() throws IOException {
    Files.write(dir.resolve("alerts.jsonl"), List.of(alertLine(1, "t-1"), "{\"alertId\": \"AL-2\", oops}"));
    try (DataDirectorySource source = DataDirectorySource.open(dir)) {
      InvalidDataException e = assertThrows(InvalidDataException.class, () -> read(source, SourceType.ALERTS, ALL));
      assertEquals("alerts.jsonl:2", e.source());
      assertTrue(e.getMessage().contains("not valid JSON"), e::getMessage);
    }
  }

  @Test
  @DisplayName("a bad field is refused naming file, line, record id and field")
  void badField() throws IOException {
    Files.write(dir.resolve("alerts.jsonl"), List.of(alertLine(1, "t-1"),
        alertLine(2, "t-1").replace("\"createdAt\":\"2026-01-01T00:02:00Z\"", "\"createdAt\":\"yesterday\"")));
    try (DataDirectorySource source = DataDirectorySource.open(dir)) {
      InvalidDataException e = assertThrows(InvalidDataException.class, () -> read(source, SourceType.ALERTS, ALL));
      assertEquals("alerts.jsonl:2", e.source());
      assertEquals("AL-00002", e.recordId());
      assertEquals("createdAt", e.field());
    }
  }

  @Test
  @DisplayName("a misspelt field is refused rather than silently dropped")
  void unknownField() throws IOException {
    Files.write(dir.resolve("alerts.jsonl"), List.of(alertLine(1, "t-1").replace("\"category\"", "\"categry\"")));
    try (DataDirectorySource source = DataDirectorySource.open(dir)) {
      InvalidDataException e = assertThrows(InvalidDataException.class, () -> read(source, SourceType.ALERTS, ALL));
      assertEquals("categry", e.field());
      assertEquals("alerts.jsonl:1", e.source());
    }
  }

  @Test
  @DisplayName("the record constructor's own checks surface with file and line")
  void recordContractWithLocation() throws IOException {
    Files.write(dir.resolve("alerts.jsonl"), List.of(alertLine(1, "t-1").replace("\"tenantId\":\"t-1\"", "\"tenantId\":\" \"")));
    try (DataDirectorySource source = DataDirectorySource.open(dir)) {
      InvalidDataException e = assertThrows(InvalidDataException.class, () -> read(source, SourceType.ALERTS, ALL));
      assertEquals("alerts.jsonl:1", e.source());
      assertEquals("tenantId", e.field());
      assertEquals("AL-00001", e.recordId());
    }
  }

  @Test
  @DisplayName("both alerts.json and alerts.jsonl is ambiguous and refused: the source is not ready, and no read serves")
  void ambiguousFiles() throws IOException {
    Files.writeString(dir.resolve("alerts.json"), "[]");
    Files.writeString(dir.resolve("alerts.jsonl"), "");
    try (DataDirectorySource source = DataDirectorySource.open(dir)) {
      InvalidDataException e = assertThrows(InvalidDataException.class, source::ready);
      assertTrue(e.getMessage().contains("keep one"), e::getMessage);
      assertThrows(InvalidDataException.class, () -> source.records(SourceType.TASKS, ALL));
      assertThrows(InvalidDataException.class, () -> source.tenantDirectory().tenantsOf("fed-a"));
    }
  }

  @Test
  @DisplayName("close removes the temporary sorted files and never touches the data files")
  void temporaryFilesRemoved() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 20; i > 0; i--) {
      lines.add(alertLine(i, "t-1"));
    }
    Path file = dir.resolve("alerts.jsonl");
    Files.write(file, lines);
    byte[] before = Files.readAllBytes(file);
    Set<Path> tempBefore;
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> list = Files.list(tmp)) {
      tempBefore = list.filter(p -> p.getFileName().toString().startsWith("exporthub-")).collect(Collectors.toSet());
    }
    DataDirectorySource source = DataDirectorySource.open(dir, 4);
    assertEquals(20, read(source, SourceType.ALERTS, ALL).size());
    source.close();
    try (Stream<Path> list = Files.list(tmp)) {
      assertEquals(tempBefore,
          list.filter(p -> p.getFileName().toString().startsWith("exporthub-")).collect(Collectors.toSet()));
    }
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)));
  }

  @Test
  @DisplayName("a data file changed after it was read is read again, so a later read sees what it holds now")
  void changedFileReadAgain() throws IOException {
    Path file = dir.resolve("alerts.jsonl");
    Files.write(file, List.of(alertLine(2, "t-1"), alertLine(1, "t-1")));
    try (DataDirectorySource source = DataDirectorySource.open(dir)) {
      assertEquals(List.of("AL-00001", "AL-00002"), read(source, SourceType.ALERTS, ALL).stream().map(SourceRecord::id).toList());
      Files.write(file, List.of(alertLine(3, "t-1")));
      assertEquals(List.of("AL-00003"), read(source, SourceType.ALERTS, ALL).stream().map(SourceRecord::id).toList());
    }
  }

  @Test
  @DisplayName("a stream closed early stops its decoder thread")
  void earlyCloseStopsDecoder() throws IOException, InterruptedException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      lines.add(alertLine(i, "t-1"));
    }
    Files.write(dir.resolve("alerts.jsonl"), lines);
    try (DataDirectorySource source = DataDirectorySource.open(dir)) {
      try (Stream<? extends SourceRecord> records = source.records(SourceType.ALERTS, ALL)) {
        assertEquals(3, records.limit(3).count());
      }
      for (int wait = 0; wait < 200 && decoders() > 0; wait++) {
        Thread.sleep(50);
      }
      assertEquals(0, decoders(), "no decoder thread outlives its closed stream");
    }
  }

  private static long decoders() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("exporthub-spill-decoder-") && t.isAlive()).count();
  }
}
