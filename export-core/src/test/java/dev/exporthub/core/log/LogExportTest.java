package dev.exporthub.core.log;

import dev.exporthub.core.internal.LogAppender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exporthub.api.LogEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The log exported as JSON (exactly the stored fields) and as RFC 4180 CSV with the formula guard. */
class LogExportTest {

  private static final Instant T0 = LogFixtures.T0;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final InMemoryLogStore store = new InMemoryLogStore();
  private final ExportLog log = new ExportLog(store);
  private final LogAppender writer = new LogAppender(store);

  @Test
  @DisplayName("JSON: an array of the entries, each exactly its stored line")
  void json() throws IOException {
    writer.append(LogFixtures.generated(T0, "t1"));
    writer.append(LogFixtures.error(T0, null));
    String json = json(log);
    assertEquals("[\n" + LogFixtures.lines(store).get(0) + ",\n" + LogFixtures.lines(store).get(1) + "\n]\n", json);
    JsonNode array = MAPPER.readTree(json);
    assertEquals(2, array.size());
    assertEquals(1, array.get(0).get("sequence").asInt());
    assertEquals("export-generated", array.get(0).get("entryType").asText());
    assertEquals(LogFixtures.lines(store).get(1), MAPPER.writeValueAsString(array.get(1)), "exactly the stored fields");
  }

  @Test
  @DisplayName("JSON: an empty log is an empty array; malformed lines are left out")
  void jsonEdges() throws IOException {
    assertEquals("[]\n", json(log));
    writer.append(LogFixtures.generated(T0, "t1"));
    List<String> lines = new ArrayList<>(LogFixtures.lines(store));
    lines.add("{broken");
    assertEquals("[\n" + lines.get(0) + "\n]\n", json(new ExportLog(new InMemoryLogStore(lines))));
  }

  @Test
  @DisplayName("CSV: header, one record per entry, every cell quoted, CRLF, parsed back by commons-csv")
  void csv() throws IOException {
    LogEntry generated = writer.append(LogFixtures.generated(T0, "t1"));
    LogEntry error = writer.append(LogFixtures.error(T0.plusSeconds(1), null));
    String csv = csv(log);
    String[] records = csv.split("\r\n", -1);
    assertEquals(4, records.length, "header, two records, and the empty rest after the last CRLF");
    assertEquals("\"sequence\",\"timestamp\",\"entryType\",\"tenantId\",\"userId\",\"summary\",\"prevHash\",\"hash\"",
        records[0]);
    assertEquals("", records[3]);
    assertEquals("\"1\",\"2026-01-15T12:00:00Z\",\"export-generated\",\"t1\",\"alice\","
        + "\"audit-findings as json: 2 sections, 10 items, 1000 bytes in 50 ms (bundle EXP-audit-findings-1768478400)\","
        + "\"" + generated.prevHash() + "\",\"" + generated.hash() + "\"", records[1]);

    List<CSVRecord> parsed = parse(csv);
    assertEquals(List.of("2", "2026-01-15T12:00:01Z", "error", "", "carol",
        "INVALID_REQUEST: Unknown category 'x' (query q1)", error.prevHash(), error.hash()), parsed.get(2).toList());
  }

  @Test
  @DisplayName("CSV: a cell that would start like a formula gets a leading quote; quotes and line breaks survive")
  void csvInjectionGuard() throws IOException {
    Map<String, String> tenants = Map.of(
        "=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")",
        "+1", "'+1",
        "-1", "'-1",
        "@SUM(A1)", "'@SUM(A1)",
        "\tTab", "'\tTab",
        "\rCR", "'\rCR",
        "\u0000NUL", "'\u0000NUL",
        "'quoted", "''quoted",
        "plain=1", "plain=1",
        "multi\nline \"q\"", "multi\nline \"q\"");
    List<String> order = new ArrayList<>(new java.util.TreeMap<>(tenants).keySet());
    for (String tenant : order) {
      writer.append(new LogEntry.ExportDownloaded(0, T0, tenant, new LogEntry.Download("EXP-1", "json", tenant, 1),
          "bob", null, null));
    }
    String csv = csv(log);
    List<CSVRecord> parsed = parse(csv);
    for (int i = 0; i < order.size(); i++) {
      assertEquals(tenants.get(order.get(i)), parsed.get(i + 1).get(3), () -> "tenant cell of " + order);
      assertEquals(order.get(i), unguard(parsed.get(i + 1).get(3)), "the guard is reversible");
    }
    assertTrue(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), "quotes inside a cell are doubled");
  }

  @Provide
  net.jqwik.api.Arbitrary<List<LogEntry>> entries() {
    return LogFixtures.entries().list().ofMaxSize(20);
  }

  @Property(tries = 100)
  void csvReadsBackToTheEntries(@ForAll("entries") List<LogEntry> entries) throws IOException {
    InMemoryLogStore anyStore = new InMemoryLogStore();
    ExportLog any = new ExportLog(anyStore);
    entries.forEach(new LogAppender(anyStore)::append);
    List<CSVRecord> parsed = parse(csv(any));
    List<LogEntry> stored = any.entries();
    assertEquals(stored.size() + 1, parsed.size());
    for (int i = 0; i < stored.size(); i++) {
      LogEntry entry = stored.get(i);
      List<String> cells = parsed.get(i + 1).toList().stream().map(LogExportTest::unguard).toList();
      assertEquals(List.of(Long.toString(entry.sequence()), entry.timestamp().toString(), entry.entryType(),
          entry.tenantId() == null ? "" : entry.tenantId(), entry.userId(), LogCsv.summary(entry), entry.prevHash(),
          entry.hash()), cells);
      for (String cell : parsed.get(i + 1).toList()) {
        assertTrue(cell.isEmpty() || "=+-@\t\r\0".indexOf(cell.charAt(0)) < 0, () -> "unguarded cell " + cell);
      }
    }
    JsonNode array = MAPPER.readTree(json(any));
    assertEquals(stored.size(), array.size());
  }

  private static String unguard(String cell) {
    return cell.startsWith("'") ? cell.substring(1) : cell;
  }

  private static List<CSVRecord> parse(String csv) throws IOException {
    try (CSVParser parser = CSVParser.parse(csv, CSVFormat.RFC4180)) {
      return parser.getRecords();
    }
  }

  private static String json(ExportLog log) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    log.writeJson(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String csv(ExportLog log) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    log.writeCsv(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
