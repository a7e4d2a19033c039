package dev.exporthub.core.source;

import static dev.exporthub.core.source.DataFiles.alert;
import static dev.exporthub.core.source.DataFiles.readAlerts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.Alert;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.core.ExportHub;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The hostile inputs of the issue, one test each, and the edges of what the reader accepts. */
class StrictDataFileTest {

  private static final String A = alert(1);
  private static final String B = alert(2);
  private static final long MIB_100 = 100L << 20;
  private static final long GIB_2 = 2L << 30;

  @TempDir
  Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  /** Reading the alerts fails with an InvalidDataException at {@code source}, its problem containing {@code problem}. */
  private InvalidDataException refused(String source, String problem) {
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> readAlerts(dir));
    assertEquals(source, e.source(), e::getMessage);
    assertTrue(e.problem().contains(problem), e::getMessage);
    return e;
  }

  private static List<String> ids(List<SourceRecord> records) {
    return records.stream().map(SourceRecord::id).toList();
  }

  // --- row 1: duplicate keys, trailing content, a second record on a line

  @Test
  @DisplayName("a field twice in one record is refused, naming the field, in .jsonl and in .json; never the last one wins")
  void duplicateField() throws IOException {
    write("alerts.jsonl", A + "\n" + B.replace("\"severity\":\"high\"", "\"severity\":\"high\",\"severity\":\"low\"") + "\n");
    InvalidDataException lines = refused("alerts.jsonl:2", "appears twice");
    assertEquals("severity", lines.field());

    Files.delete(dir.resolve("alerts.jsonl"));
    write("alerts.json", "[\n" + A + ",\n{\"alertId\":\"AL-00002\",\n \"attributes\":{\"x\":1,\n \"x\":2}}\n]");
    InvalidDataException array = refused("alerts.json:5", "appears twice");
    assertEquals("x", array.field());
  }

  static Stream<Arguments> jsonStructures() {
    return Stream.of(
        arguments("[{A}]{oops", "alerts.json:1", "after the JSON array's closing ']'"),
        arguments("[{A}] [{B}]", "alerts.json:1", "after the JSON array's closing ']'"),
        arguments("[{A}]\n\n x", "alerts.json:3", "after the JSON array's closing ']'"),
        arguments("[{A} {B}]", "alerts.json:1", "expected ',' or ']' after a record"),
        arguments("[{A},]", "alerts.json:1", "no comma after the last element"),
        arguments("[,{A}]", "alerts.json:1", "expected a record (a JSON object) in the array, found ','"),
        arguments("[{A},,{B}]", "alerts.json:1", "found ','"),
        arguments("[{A},\n{B}", "alerts.json:2", "a ']' is missing"),
        arguments("[{A},\n{\"x\":", "alerts.json:2", "a '}' is missing"),
        arguments("[{A},\n\"x\"]", "alerts.json:2", "expected a record (a JSON object)"),
        arguments("[{A},\n{\"x\":[1}]", "alerts.json:2", "is not valid JSON: Unexpected close marker '}'"),
        arguments("{A}", "alerts.json:1", "one JSON array of records, found '{'"),
        arguments("", "alerts.json:1", "is empty"),
        arguments(" \n ", "alerts.json:2", "is empty"));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("jsonStructures")
  @DisplayName("a .json file is one array of records and nothing after it")
  void jsonStructure(String content, String source, String problem) throws IOException {
    write("alerts.json", content.replace("{A}", A).replace("{B}", B));
    refused(source, problem);
  }

  static Stream<Arguments> jsonLinesStructures() {
    return Stream.of(
        arguments("{A}{B}", "alerts.jsonl:1", "exactly one record"),
        arguments("{A}\n{B} {B}", "alerts.jsonl:2", "exactly one record"),
        arguments("{A} oops", "alerts.jsonl:1", "exactly one record"),
        arguments("{A}\n[{B}]", "alerts.jsonl:2", "expected a record (a JSON object) at the start of the line, found '['"),
        arguments("{A}\n{\"alertId\":", "alerts.jsonl:2", "a '}' is missing"),
        arguments("{\"alertId\":\n\"AL-1\"}", "alerts.jsonl:1", "a .jsonl record is one line"),
        arguments("{A}\n{\"x\":[1}\n", "alerts.jsonl:2", "is not valid JSON: Unexpected close marker '}'"),
        arguments("{A}\n\f", "alerts.jsonl:2", "the control character 0x0C"));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("jsonLinesStructures")
  @DisplayName("a .jsonl line holds exactly one record: a second one, or anything after it, is refused")
  void jsonLinesStructure(String content, String source, String problem) throws IOException {
    write("alerts.jsonl", content.replace("{A}", A).replace("{B}", B));
    refused(source, problem);
  }

  // --- row 2: a 100 MB line, a 2 GB sparse file; the hub logs the error

  @Test
  @DisplayName("a 100 MB single .jsonl line is refused at line 1 after reading one MiB of it")
  void hugeLine() throws IOException {
    DataFiles.stream(dir.resolve("alerts.jsonl"), "{\"alertId\":\"", (byte) 'A', MIB_100, "\"}\n");
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> refused("alerts.jsonl:1", "longer than 1048576 bytes"));
  }

  @Test
  @DisplayName("a 100 MB record in a .json array is refused at the line it starts on")
  void hugeRecordInArray() throws IOException {
    DataFiles.stream(dir.resolve("alerts.json"), "[\n" + A + ",\n{\"alertId\":\"", (byte) 'A', MIB_100, "\"}]");
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> refused("alerts.json:3", "longer than 1048576 bytes"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"alerts.jsonl", "alerts.json"})
  @DisplayName("a 2 GB sparse file is refused at its first byte, a NUL")
  void sparseFile(String name) throws IOException {
    DataFiles.sparse(dir.resolve(name), GIB_2);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> refused(name + ":1", "NUL byte at column 1"));
  }

  @Test
  @DisplayName("a 2 GB file of valid records and then NUL bytes is refused at the first NUL, not read to its end")
  void validThenSparse() throws IOException {
    Path file = Files.writeString(dir.resolve("alerts.jsonl"), A + "\n" + B + "\n");
    DataFiles.sparse(file, GIB_2);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> refused("alerts.jsonl:3", "NUL byte"));
  }

  @Test
  @DisplayName("the hub logs the allowed decision and then an INVALID_DATA error for a 100 MB line")
  void hubLogsTheError() throws IOException {
    DataFiles.stream(dir.resolve("alerts.jsonl"), "{\"alertId\":\"", (byte) 'A', MIB_100, "\"}\n");
    Instant now = Instant.parse("2026-01-15T12:00:00Z");
    try (DataDirectorySource source = DataDirectorySource.open(dir)) {
      ExportHub hub = ExportHub.builder().dataSource(source).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
      ExportRequest request = ExportRequest.builder(ExportCategory.ALERT_LOGS, ExportFormat.JSON)
          .timeRange(TimeRange.of(DataFiles.T0, now)).build();
      Caller caller = Caller.of("ana", "t-1", "auditor", Set.of());

      InvalidDataException e = assertThrows(InvalidDataException.class,
          () -> hub.export(request, caller, new ByteArrayOutputStream()));

      assertEquals("alerts.jsonl:1", e.source());
      List<LogEntry> entries = hub.log().entries();
      assertEquals(List.of("policy-decision", "error"), entries.stream().map(LogEntry::entryType).toList());
      assertTrue(assertInstanceOf(LogEntry.PolicyEvaluated.class, entries.get(0)).decision().allowed());
      LogEntry.ExportError error = assertInstanceOf(LogEntry.ExportError.class, entries.get(1));
      assertEquals("INVALID_DATA", error.error().errorCode());
      assertTrue(error.error().message().contains("alerts.jsonl:1"), error.error()::message);
    }
  }

  // --- row 3: deep nesting, invalid UTF-8, a BOM, NUL bytes

  @ParameterizedTest
  @ValueSource(strings = {"alerts.jsonl", "alerts.json"})
  @DisplayName("a record nested 20,000 deep is refused at its line, before Jackson builds anything")
  void deepNesting(String name) throws IOException {
    String deep = DataFiles.nested(2, 20_000);
    write(name, name.endsWith(".json") ? "[" + A + ",\n" + deep + "]" : A + "\n" + deep + "\n");
    refused(name + ":2", "nests deeper than 101 levels");
  }

  @Test
  @DisplayName("nesting up to the limit reads, as deep as a record's attributes may nest; one more level is refused")
  void nestingLimit() throws IOException {
    write("alerts.jsonl", DataFiles.nested(1, DataDirectorySource.MAX_NESTING_DEPTH - 2) + "\n");
    Alert alert = (Alert) readAlerts(dir).get(0);
    assertTrue(alert.attributes().containsKey("deep"));

    write("alerts.jsonl", DataFiles.nested(1, DataDirectorySource.MAX_NESTING_DEPTH - 1) + "\n");
    refused("alerts.jsonl:1", "nests deeper than 101 levels");
  }

  @ParameterizedTest(name = "{index}: {0}")
  @CsvSource({
      "ff,            byte 0xFF",
      "c328,          byte 0x28",
      "c0af,          byte 0xC0",
      "e0808f,        byte 0x80",
      "eda080,        byte 0xA0",
      "f4908080,      byte 0x90",
      "f5808080,      byte 0xF5",
      "80,            byte 0x80",
  })
  @DisplayName("invalid UTF-8 in a .jsonl string is refused at its line and column")
  void invalidUtf8(String hex, String problem) throws IOException {
    byte[] bad = HexFormat.of().parseHex(hex);
    byte[] before = (A + "\n" + B + "\n{\"alertId\":\"AL-").getBytes(StandardCharsets.UTF_8);
    byte[] after = "\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[before.length + bad.length + after.length];
    System.arraycopy(before, 0, content, 0, before.length);
    System.arraycopy(bad, 0, content, before.length, bad.length);
    System.arraycopy(after, 0, content, before.length + bad.length, after.length);
    write("alerts.jsonl", content);
    refused("alerts.jsonl:3", "is not valid UTF-8: " + problem);
  }

  @Test
  @DisplayName("a file that ends inside a multi-byte character is refused")
  void truncatedCharacter() throws IOException {
    byte[] start = (A + "\n{\"alertId\":\"").getBytes(StandardCharsets.UTF_8);
    byte[] content = java.util.Arrays.copyOf(start, start.length + 2);
    content[start.length] = (byte) 0xE2;
    content[start.length + 1] = (byte) 0x82;
    write("alerts.jsonl", content);
    refused("alerts.jsonl:2", "ends inside a multi-byte character");
  }

  @ParameterizedTest
  @ValueSource(strings = {"alerts.jsonl", "alerts.json"})
  @DisplayName("a UTF-8 byte order mark is refused in both formats, naming line 1")
  void byteOrderMark(String name) throws IOException {
    String content = name.endsWith(".json") ? "[" + A + "]" : A + "\n";
    write(name, "\uFEFF" + content);
    refused(name + ":1", "byte order mark");
  }

  @Test
  @DisplayName("U+FEFF where a record should start is refused; inside a string it is a character like any other")
  void byteOrderMarkElsewhere() throws IOException {
    write("alerts.jsonl", A + "\n\uFEFF" + B + "\n");
    refused("alerts.jsonl:2", "found U+FEFF");
    Files.delete(dir.resolve("alerts.jsonl"));
    write("alerts.json", "[" + A + ",\uFEFF" + B + "]");
    refused("alerts.json:1", "found U+FEFF");
    Files.delete(dir.resolve("alerts.json"));
    write("alerts.jsonl", A.replace("\"power\"", "\"po\uFEFFwer\"") + "\n");
    assertEquals("po\uFEFFwer", ((Alert) readAlerts(dir).get(0)).category());
  }

  @Test
  @DisplayName("2 GB of NUL bytes as .json is invalid data at line 1, not an export failure")
  void nulBytesAsJson() throws IOException {
    DataFiles.sparse(dir.resolve("alerts.json"), GIB_2);
    InvalidDataException e = refused("alerts.json:1", "NUL byte");
    assertEquals("INVALID_DATA", e.errorCode());
  }

  @Test
  @DisplayName("UTF-16 is not UTF-8: its NUL bytes say so, where Jackson would have guessed the encoding")
  void utf16() throws IOException {
    write("alerts.json", ("[" + A + "]").getBytes(StandardCharsets.UTF_16LE));
    refused("alerts.json:1", "NUL byte at column 2");
  }

  // --- what is still read, and the limit's edge

  /** Alert AL-00001 grown to {@code bytes} bytes by its category. */
  private static String exactly(int bytes) {
    String record = A.replace("\"power\"", "\"" + "p".repeat(bytes - A.length() + "power".length()) + "\"");
    assertEquals(bytes, record.getBytes(StandardCharsets.UTF_8).length);
    return record;
  }

  @Test
  @DisplayName("a line of exactly 1 MiB reads; one byte more is refused")
  void lineLimit() throws IOException {
    String exact = exactly(DataDirectorySource.MAX_RECORD_BYTES);
    write("alerts.jsonl", exact + "\r\n" + B + "\r\n");
    assertEquals(List.of("AL-00001", "AL-00002"), ids(readAlerts(dir)));

    write("alerts.jsonl", exact.replace("\"ppp", "\"pppp") + "\n");
    refused("alerts.jsonl:1", "longer than 1048576 bytes");
    write("alerts.jsonl", " " + exact + "\n");
    refused("alerts.jsonl:1", "longer than 1048576 bytes");
  }

  @Test
  @DisplayName("a .json record of exactly 1 MiB reads, however it is indented; one byte more is refused")
  void recordLimit() throws IOException {
    String exact = exactly(DataDirectorySource.MAX_RECORD_BYTES);
    write("alerts.json", "[\n  " + exact + " ,\n\n  " + B + "\n]\n");
    assertEquals(List.of("AL-00001", "AL-00002"), ids(readAlerts(dir)));
    write("alerts.json", "[\n  " + B + " ,\n\n  " + exact.replace("\"ppp", "\"pppp") + "\n]\n");
    refused("alerts.json:4", "longer than 1048576 bytes");
  }

  @Test
  @DisplayName("pretty-printed .json, CRLF and CR line ends, blank lines and multi-byte text across buffer ends all read as before")
  void validVariants() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 200; i > 0; i--) {
      lines.append(alert(i).replace("\"power\"", "\"p\u00e9\u20ac\uD83D\uDE00" + "\u00e9".repeat(i) + "\""))
          .append(i % 3 == 0 ? "\r\n" : i % 3 == 1 ? "\r" : "\n \t\n");
    }
    write("alerts.jsonl", lines.toString());
    List<SourceRecord> fromLines = readAlerts(dir);
    assertEquals(200, fromLines.size());
    assertEquals("AL-00001", fromLines.get(0).id());
    assertEquals("p\u00e9\u20ac\uD83D\uDE00\u00e9", ((Alert) fromLines.get(0)).category());

    Files.delete(dir.resolve("alerts.jsonl"));
    String pretty = lines.toString().replace("\r\n", ",\n").replace("\r", ",\r").replace("\n \t\n", ",\n")
        .replace("\",\"", "\",\n    \"").replace(":{", ":\n  {");
    write("alerts.json", "[\n" + pretty.substring(0, pretty.length() - 2) + "\n]\n");
    assertEquals(fromLines, readAlerts(dir));
  }

  @Test
  @DisplayName("multi-byte characters split across buffer ends read the same through buffers of 1 to 7 bytes")
  void charactersAcrossBufferEnds() throws IOException {
    String text = A.replace("\"power\"", "\"p\u00e9\u20ac\uD83D\uDE00\u00e9\"") + "\n";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Path file = write("alerts.jsonl", bytes);
    for (int buffer = 1; buffer <= 7; buffer++) {
      try (Utf8Input in = Utf8Input.open(file, "alerts.jsonl", buffer)) {
        java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
        for (int b = in.next(); b >= 0; b = in.next()) {
          read.write(b);
        }
        assertTrue(java.util.Arrays.equals(bytes, read.toByteArray()), "buffer " + buffer);
        assertEquals(1, in.line(), "the last byte, the line break, is on line 1");
      }
    }
  }

  @Test
  @DisplayName("a number of more than 1,000 characters is refused as past a limit, at its line")
  void longNumber() throws IOException {
    write("alerts.jsonl", A + "\n" + B.replace("\"z\":1", "\"z\":" + "7".repeat(1001)) + "\n");
    refused("alerts.jsonl:2", "exceeds a limit of the data reader: Number value length (1001)");
  }

  @Test
  @DisplayName("an error inside a pretty-printed record names the line it is on")
  void lineInsideARecord() throws IOException {
    write("alerts.json", "[\n" + A + ",\n{\n  \"alertId\": \"AL-2\",\n  \"severity\": high\n}\n]");
    refused("alerts.json:5", "is not valid JSON");
  }

  @Test
  @DisplayName("tenants.json is read as strictly: a federation twice, or a tenant that is not text, makes the directory unreadable")
  void strictTenants() throws IOException {
    write("tenants.json", "{\"federations\": {\"fed-a\": [\"t-1\"],\n \"fed-a\": [\"t-2\"]}}");
    try (DataDirectorySource source = DataDirectorySource.open(dir)) {
      InvalidDataException e = assertThrows(InvalidDataException.class, source::ready);
      assertEquals(dir.resolve("tenants.json") + ":2", e.source());
      assertEquals("fed-a", e.field());
    }
    write("tenants.json", "{\"federations\": {\"fed-a\": [\"t-1\", 2]}}");
    try (DataDirectorySource source = DataDirectorySource.open(dir)) {
      InvalidDataException e = assertThrows(InvalidDataException.class, source::ready);
      assertEquals("federations.fed-a", e.field());
    }
    write("tenants.json", "{\"federations\": {}} {}");
    try (DataDirectorySource source = DataDirectorySource.open(dir)) {
      assertTrue(assertThrows(InvalidDataException.class, source::ready).problem().contains("more than one JSON value"));
    }
  }

  @Test
  @DisplayName("a directory by a data file's name makes the directory unreadable rather than failing as I/O")
  void notARegularFile() throws IOException {
    Files.createDirectory(dir.resolve("alerts.jsonl"));
    try (DataDirectorySource source = DataDirectorySource.open(dir)) {
      InvalidDataException e = assertThrows(InvalidDataException.class, source::ready);
      assertTrue(e.problem().contains("is not a regular file"), e::getMessage);
    }
  }

  @Test
  @DisplayName("run texts stay bounded: records much larger than usual are sorted in short runs, and come out sorted")
  void largeRecordsSortInShortRuns() throws IOException {
    StringBuilder lines = new StringBuilder();
    String padding = "q".repeat(200_000);
    for (int i = 60; i > 0; i--) {
      lines.append(alert(i).replace("\"power\"", "\"" + padding + "\"")).append('\n');
    }
    write("alerts.jsonl", lines.toString());
    List<SourceRecord> records = readAlerts(dir);
    assertEquals(60, records.size());
    for (int i = 0; i < 60; i++) {
      assertEquals(String.format(java.util.Locale.ROOT, "AL-%05d", i + 1), records.get(i).id());
    }
  }
}
