package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.SectionKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvFormatWriterTest {

  private final CsvFormatWriter writer = new CsvFormatWriter();

  @Test
  @DisplayName("declares text/csv (UTF-8) and .csv, single file")
  void descriptor() {
    assertEquals(ExportFormat.CSV, writer.descriptor().format());
    assertEquals("text/csv; charset=utf-8", writer.descriptor().mimeType());
    assertEquals(".csv", writer.descriptor().fileSuffix());
    assertFalse(writer.descriptor().multiFile());
  }

  @Test
  @DisplayName("one row per item under the header of SPECIFICATION.md §5.4, read back field by field")
  void roundTrip() {
    ExportBundle bundle = Fixtures.compliancePack();
    List<List<String>> rows = Readers.csv(Fixtures.render(writer, bundle), ',', false);

    assertEquals(List.of("Section", "Item ID", "Item Type", "Timestamp", "Data Source", "Details"), rows.get(0));
    List<List<String>> expected = new ArrayList<>();
    for (ExportSection section : bundle.sections()) {
      for (ExportItem item : section.itemList()) {
        expected.add(List.of(section.title(), item.itemId(), item.itemType(), item.timestamp().toString(),
            section.dataSource()));
      }
    }
    assertEquals(expected.size() + 1, rows.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), rows.get(i + 1).subList(0, 5));
    }

    List<Map.Entry<String, String>> first = Readers.details(rows.get(1).get(5));
    assertEquals(List.of(
        pair("auditFindingId", "AF-001"), pair("tenantId", "tenant-a"), pair("severity", "high"),
        pair("title", "Door left open"), pair("resolved", "false"), pair("score", "0.30000000000000004"),
        pair("count", "3"), pair("bytes", "12345678901"), pair("foundAt", "2026-01-05T08:30:00Z"),
        pair("tags", "[\"doors\",\"night-shift\"]"), pair("attributes", "{\"floor\":2,\"zone\":\"B\"}")), first);
    List<Map.Entry<String, String>> second = Readers.details(rows.get(2).get(5));
    assertEquals(pair("title", "Label faded; replace = soon \\ later"), second.get(3));
    assertEquals(pair("score", "1.0E-7"), second.get(5));
  }

  @Test
  @DisplayName("is RFC 4180: CRLF after every record, every cell quoted, no byte order mark")
  void rfc4180() {
    String csv = Fixtures.renderText(writer, Fixtures.compliancePack());
    assertTrue(csv.startsWith("\"Section\",\"Item ID\",\"Item Type\",\"Timestamp\",\"Data Source\",\"Details\"\r\n"));
    assertTrue(csv.endsWith("\"\r\n"));
    assertEquals(4, csv.split("\r\n", -1).length - 1, "header and three rows");
    assertFalse(csv.replace("\r\n", "").contains("\n"));
    assertTrue(csv.contains("; tags=[\"\"doors\"\",\"\"night-shift\"\"]; "), "embedded quotes doubled");
    assertTrue(csv.contains("title=Label faded\\; replace \\= soon \\\\ later; "), "Details escapes \\ ; =");
  }

  @Test
  @DisplayName("csv.bom=true starts with a UTF-8 byte order mark; csv.delimiter=; separates cells with ;")
  void excelOptions() {
    ExportBundle bundle = Fixtures.compliancePack();
    byte[] bytes = Fixtures.render(writer, bundle, Fixtures.context(Map.of("csv.bom", "true", "csv.delimiter", ";")));
    assertEquals((byte) 0xEF, bytes[0]);
    assertEquals((byte) 0xBB, bytes[1]);
    assertEquals((byte) 0xBF, bytes[2]);
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\uFEFF\"Section\";\"Item ID\";"));
    List<List<String>> rows = Readers.csv(bytes, ';', true);
    assertEquals(Readers.csv(Fixtures.render(writer, bundle), ',', false), rows, "same cells either way");
  }

  @Test
  @DisplayName("csv.bom=false and csv.delimiter=, are the defaults, spelled out")
  void explicitDefaults() {
    ExportBundle bundle = Fixtures.compliancePack();
    assertEquals(new String(Fixtures.render(writer, bundle), StandardCharsets.UTF_8),
        new String(Fixtures.render(writer, bundle,
            Fixtures.context(Map.of("csv.bom", "FALSE", "csv.delimiter", ","))), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"csv.bom=yes", "csv.delimiter=|", "csv.delimiter=;;", "csv.delimiter="})
  @DisplayName("an option value it does not understand is an invalid request, before any byte is written")
  void badOptions(String option) {
    String[] kv = option.split("=", 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InvalidRequestException error = assertThrows(InvalidRequestException.class,
        () -> writer.write(Fixtures.compliancePack(), Fixtures.context(Map.of(kv[0], kv[1])), out));
    assertTrue(error.getMessage().contains(kv[0]), error.getMessage());
    assertEquals(0, out.size());
  }

  @Test
  @DisplayName("cells that would start a formula get a leading ', and so do cells starting with '")
  void formulaInjection() {
    List<String> payloads = List.of("=1+1", "+SUM(A1:A9)", "-2+3", "@SUM(1)", "\t=1", "\r=1", "\0=1",
        "'quoted", "=HYPERLINK(\"http://evil.example\",\"click\")", "safe", "");
    List<ExportItem> items = new ArrayList<>();
    for (int i = 0; i < payloads.size(); i++) {
      items.add(Fixtures.item(payloads.get(i), payloads.get(i), Fixtures.FROM.plusSeconds(i),
          Fixtures.data(payloads.get(i), payloads.get(i))));
    }
    List<List<String>> rows = Readers.csv(Fixtures.render(writer, Fixtures.singleSection(SectionKind.AUDIT_FINDINGS,
        items)), ',', false);
    for (int i = 0; i < payloads.size(); i++) {
      String payload = payloads.get(i);
      List<String> row = rows.get(i + 1);
      boolean guarded = !payload.isEmpty() && "=+-@\t\r\0'".indexOf(payload.charAt(0)) >= 0;
      assertEquals(guarded ? "'" + payload : payload, row.get(1), "item id " + i);
      assertEquals(payload, Readers.unguard(row.get(1)));
      assertEquals(payload, Readers.unguard(row.get(2)));
      assertEquals(List.of(pair(payload, payload)), Readers.details(Readers.unguard(row.get(5))));
      for (String cell : row) {
        assertFalse(!cell.isEmpty() && "=+-@\t\r\0".indexOf(cell.charAt(0)) >= 0, "cell starts a formula: " + cell);
      }
    }
  }

  @Test
  @DisplayName("an item without data has an empty Details cell")
  void emptyDetails() {
    ExportItem item = Fixtures.item("X-1", "audit-finding", Fixtures.FROM, Map.of());
    List<List<String>> rows = Readers.csv(Fixtures.render(writer, Fixtures.singleSection(SectionKind.AUDIT_FINDINGS,
        List.of(item))), ',', false);
    assertEquals("", rows.get(1).get(5));
    assertEquals(List.of(), Readers.details(""));
  }

  @Test
  @DisplayName("a bundle without items is the header alone")
  void headerOnly() {
    assertEquals("\"Section\",\"Item ID\",\"Item Type\",\"Timestamp\",\"Data Source\",\"Details\"\r\n",
        Fixtures.renderText(writer, Fixtures.singleSection(SectionKind.DRIFT_LOGS, List.of())));
  }

  private static Map.Entry<String, String> pair(String key, String value) {
    return new AbstractMap.SimpleEntry<>(key, value);
  }
}
