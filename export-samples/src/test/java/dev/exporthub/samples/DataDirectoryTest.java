package dev.exporthub.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

  @TempDir
  Path temp;

  private static final SampleData DATA = SampleData.builder().size(1200).tenants(4).build();

  static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path file : list.toList()) {
        files.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    }
    return files;
  }

  @Test
  @DisplayName("writes one .jsonl file per source, named by the source id, and tenants.json; nothing else")
  void layout() throws IOException {
    DATA.writeDataDirectory(temp.resolve("new/dir"));
    List<String> expected = new ArrayList<>();
    for (SourceType type : SourceType.values()) {
      expected.add(type.id() + ".jsonl");
    }
    expected.add("tenants.json");
    expected.sort(null);
    assertEquals(expected, new ArrayList<>(files(temp.resolve("new/dir")).keySet()));
  }

  @Test
  @DisplayName("every line parses back with Jackson into a record equal to the generated one, field by field")
  void roundTrip() throws IOException {
    DATA.writeDataDirectory(temp);
    for (SourceType type : SourceType.values()) {
      List<Map<String, Object>> objects = JsonRecords.readObjects(temp.resolve(type.id() + ".jsonl"));
      List<? extends SourceRecord> records = DATA.records(type).toList();
      assertEquals(records.size(), objects.size(), type.id());
      for (int i = 0; i < records.size(); i++) {
        SourceRecord expected = records.get(i);
        SourceRecord parsed = JsonRecords.toRecord(type, objects.get(i));
        Map<String, Object> expectedFields = JsonRecords.components(expected);
        Map<String, Object> parsedFields = JsonRecords.components(parsed);
        for (String field : expectedFields.keySet()) {
          assertEquals(expectedFields.get(field), parsedFields.get(field), expected.id() + "." + field);
        }
        assertEquals(expected, parsed);
      }
    }
  }

  @Test
  @DisplayName("objects name the components in declaration order and leave absent values out")
  void keyOrder() throws IOException {
    DATA.writeDataDirectory(temp);
    int omittedNulls = 0;
    for (SourceType type : SourceType.values()) {
      List<Map<String, Object>> objects = JsonRecords.readObjects(temp.resolve(type.id() + ".jsonl"));
      List<? extends SourceRecord> records = DATA.records(type).toList();
      for (int i = 0; i < records.size(); i++) {
        SourceRecord record = records.get(i);
        List<String> present = new ArrayList<>();
        for (RecordComponent component : type.recordType().getRecordComponents()) {
          Object value = JsonRecords.components(record).get(component.getName());
          boolean absent = value == null
              || (value instanceof List<?> list && list.isEmpty())
              || (value instanceof Map<?, ?> map && map.isEmpty() && component.getName().equals("attributes"));
          if (!absent) {
            present.add(component.getName());
          } else if (value == null) {
            omittedNulls++;
          }
        }
        assertEquals(present, new ArrayList<>(objects.get(i).keySet()), record.id());
        assertFalse(objects.get(i).containsValue(null), record.id());
      }
    }
    assertTrue(omittedNulls > 0);
  }

  @Test
  @DisplayName("tenants.json maps the federation to its tenants")
  void tenantsFile() throws IOException {
    DATA.writeDataDirectory(temp);
    String text = Files.readString(temp.resolve("tenants.json"), StandardCharsets.UTF_8);
    assertEquals("{\"federations\":{\"fed-north\":[\"tenant-1\",\"tenant-2\"]}}\n", text);
    assertEquals(Map.of("federations", Map.of("fed-north", List.of("tenant-1", "tenant-2"))),
        JsonRecords.readObject(text));
  }

  @Test
  @DisplayName("the same settings write the same bytes; another seed writes others")
  void sameBytes() throws IOException {
    DATA.writeDataDirectory(temp.resolve("a"));
    SampleData.builder().size(1200).tenants(4).build().writeDataDirectory(temp.resolve("b"));
    SampleData.builder().seed(7).size(1200).tenants(4).build().writeDataDirectory(temp.resolve("c"));
    Map<String, byte[]> a = files(temp.resolve("a"));
    Map<String, byte[]> b = files(temp.resolve("b"));
    Map<String, byte[]> c = files(temp.resolve("c"));
    assertEquals(a.keySet(), b.keySet());
    for (String name : a.keySet()) {
      assertArrayEquals(a.get(name), b.get(name), name);
      if (name.endsWith(".jsonl")) {
        assertFalse(java.util.Arrays.equals(a.get(name), c.get(name)), name);
      }
    }
  }

  @Test
  @DisplayName("writeSource gives the same bytes as the file")
  void writeSource() throws IOException {
    DATA.writeDataDirectory(temp);
    for (SourceType type : SourceType.values()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      DATA.writeSource(type, out);
      assertArrayEquals(Files.readAllBytes(temp.resolve(type.id() + ".jsonl")), out.toByteArray(), type.id());
    }
  }

  @Test
  @DisplayName("the bytes do not depend on the default locale or time zone")
  void localeAndTimeZone() throws IOException {
    DATA.writeDataDirectory(temp.resolve("plain"));
    List<List<? extends SourceRecord>> before = new ArrayList<>();
    for (SourceType type : SourceType.values()) {
      before.add(DATA.records(type).toList());
    }
    Locale locale = Locale.getDefault();
    Locale format = Locale.getDefault(Locale.Category.FORMAT);
    Locale display = Locale.getDefault(Locale.Category.DISPLAY);
    TimeZone zone = TimeZone.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
      SampleData fresh = SampleData.builder().size(1200).tenants(4).build();
      fresh.writeDataDirectory(temp.resolve("turkish"));
      for (SourceType type : SourceType.values()) {
        assertEquals(before.get(type.ordinal()), fresh.records(type).toList(), type.id());
      }
      Locale.setDefault(Locale.forLanguageTag("ar-SA-u-nu-arab"));
      TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
      SampleData.builder().size(1200).tenants(4).build().writeDataDirectory(temp.resolve("arabic"));
    } finally {
      Locale.setDefault(locale);
      Locale.setDefault(Locale.Category.FORMAT, format);
      Locale.setDefault(Locale.Category.DISPLAY, display);
      TimeZone.setDefault(zone);
    }
    Map<String, byte[]> plain = files(temp.resolve("plain"));
    for (String variant : List.of("turkish", "arabic")) {
      Map<String, byte[]> other = files(temp.resolve(variant));
      assertEquals(plain.keySet(), other.keySet());
      plain.forEach((name, bytes) -> assertArrayEquals(bytes, other.get(name), variant + "/" + name));
    }
  }

  @Test
  @DisplayName("the default data set's bytes are pinned, so a change to the data is a deliberate one")
  void golden() throws IOException, NoSuchAlgorithmException {
    // Update only when the generated data is meant to change, and say so in the change log:
    // tests, demos and benchmarks elsewhere rely on seed 42 meaning the same data.
    SampleData.defaults().writeDataDirectory(temp);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (Map.Entry<String, byte[]> file : files(temp).entrySet()) {
      sha.update(file.getKey().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(file.getValue());
    }
    assertEquals("66047bcec1845fc6e386311fe44f424cf4fbe858521bd6a002ea4a99bb2b6798", HexFormat.of().formatHex(sha.digest()));
  }

  @Test
  @DisplayName("files are UTF-8 JSON Lines: one object per line, each ending with a line feed, no raw control characters")
  void lines() throws IOException {
    DATA.writeDataDirectory(temp);
    boolean sawNonAscii = false;
    boolean sawEscapedLineFeed = false;
    for (SourceType type : SourceType.values()) {
      String text = Files.readString(temp.resolve(type.id() + ".jsonl"), StandardCharsets.UTF_8);
      assertTrue(text.endsWith("}\n"), type.id());
      assertFalse(text.contains("\r"), type.id());
      assertEquals(DATA.count(type), text.lines().count(), type.id());
      for (String line : text.lines().toList()) {
        assertTrue(line.startsWith("{\"" + type.idField() + "\":\""), line);
        assertTrue(line.chars().noneMatch(c -> c < 0x20), line);
        sawNonAscii |= line.chars().anyMatch(c -> c > 0x7f);
        sawEscapedLineFeed |= line.contains("\\n");
      }
    }
    assertTrue(sawNonAscii, "no non-ASCII text (°C, names) was written");
    assertTrue(sawEscapedLineFeed, "no multi-line description was written");
  }

  @Test
  @DisplayName("replaces earlier files atomically and leaves no temporary file behind")
  void replaces() throws IOException {
    SampleData.builder().size(50).build().writeDataDirectory(temp);
    Files.writeString(temp.resolve("notes.txt"), "keep me");
    DATA.writeDataDirectory(temp);
    Map<String, byte[]> files = files(temp);
    assertEquals(12, files.size(), files.keySet().toString());
    assertEquals("keep me", new String(files.get("notes.txt"), StandardCharsets.UTF_8));
    assertEquals(DATA.count(SourceType.ALERTS),
        JsonRecords.readObjects(temp.resolve("alerts.jsonl")).size());
  }

  @Test
  @DisplayName("refuses a directory that holds a .json file for a source, and writes nothing then")
  void conflictingJsonFile() throws IOException {
    Files.writeString(temp.resolve("tasks.json"), "[]");
    FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> DATA.writeDataDirectory(temp));
    assertTrue(e.getFile().endsWith("tasks.json"));
    assertEquals(List.of("tasks.json"), new ArrayList<>(files(temp).keySet()));
  }

  @Test
  @DisplayName("an empty data set writes empty source files")
  void empty() throws IOException {
    SampleData.builder().size(0).build().writeDataDirectory(temp);
    for (SourceType type : SourceType.values()) {
      assertEquals(0, Files.size(temp.resolve(type.id() + ".jsonl")));
    }
    assertNotEquals(0, Files.size(temp.resolve("tenants.json")));
  }
}
