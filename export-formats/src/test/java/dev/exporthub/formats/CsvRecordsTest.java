package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.References;
import dev.exporthub.api.SectionKind;
import dev.exporthub.codec.FormulaGuard;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The CSV writer writes exactly the records Commons CSV's {@code printRecord} prints for the same
 * cells, and {@link DataValues.Texts} gives exactly {@link DataValues#text}.
 */
class CsvRecordsTest {

  private static final String SPECIAL = "\",;=\\\r\n\t\0\b\f\u001f\u007f\u2028'+-@ é€\ud83d\ude00\ud800";

  @Property(tries = 300)
  void sameRecordsAsCommonsCsv(@ForAll @IntRange(min = 0, max = 100_000) int seed) throws IOException {
    Random random = new Random(seed);
    ExportBundle bundle = bundle(random);
    for (CsvFormatWriter.Options options : List.of(CsvFormatWriter.Options.DEFAULT,
        new CsvFormatWriter.Options(true, ';'))) {
      ByteArrayOutputStream actual = new ByteArrayOutputStream();
      CsvFormatWriter.writeRows(bundle.sections(), options, actual);
      assertEquals(reference(bundle.sections(), options), actual.toString(StandardCharsets.UTF_8));
    }
  }

  @Property(tries = 300)
  void textsGiveTheTextOfEveryValue(@ForAll @IntRange(min = 0, max = 100_000) int seed) {
    Random random = new Random(seed);
    DataValues.Texts texts = new DataValues.Texts();
    for (int i = 0; i < 20; i++) {
      Object value = value(random, 0);
      assertEquals(DataValues.text(value), texts.text(value));
    }
  }

  @Test
  @DisplayName("after an unsupported nested value, the next values still come out right")
  void textsRecoverFromAnUnsupportedValue() {
    DataValues.Texts texts = new DataValues.Texts();
    assertEquals("[1,\"a\"]", texts.text(List.of(1L, "a")));
    assertThrows(IllegalArgumentException.class, () -> texts.text(List.of(1L, Map.of("k", new Object()))));
    assertEquals("{\"k\":[true]}", texts.text(Map.of("k", List.of(true))));
  }

  @Test
  @DisplayName("values nested up to Jackson's 1,000 levels have the same text both ways; deeper ones, or a list inside itself, are refused both ways")
  void nestingLimit() {
    DataValues.Texts texts = new DataValues.Texts();
    Object deepest = nested(1_000);
    assertEquals(DataValues.text(deepest), texts.text(deepest));
    Object tooDeep = nested(1_001);
    assertThrows(IllegalArgumentException.class, () -> DataValues.text(tooDeep));
    assertThrows(IllegalArgumentException.class, () -> texts.text(tooDeep));
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertThrows(IllegalArgumentException.class, () -> texts.text(cycle));
    assertEquals("[true]", texts.text(List.of(true)), "the texts still work afterwards");
  }

  /** A list of lists {@code levels} deep, holding 1 innermost. */
  private static Object nested(int levels) {
    Object value = 1L;
    for (int i = 0; i < levels; i++) {
      value = List.of(value);
    }
    return value;
  }

  // ---- the writer as it was first written, with Commons CSV printing every record

  private static String reference(List<ExportSection> sections, CsvFormatWriter.Options options) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    if (options.bom()) {
      text.write('\uFEFF');
    }
    CSVFormat format = options.format();
    format.printRecord(text, CsvFormatWriter.HEADER.toArray());
    for (ExportSection section : sections) {
      for (ExportItem item : section.itemList()) {
        format.printRecord(text, FormulaGuard.guard(section.title()),
            FormulaGuard.guard(DataValues.wellFormed(item.itemId())),
            FormulaGuard.guard(DataValues.wellFormed(item.itemType())),
            FormulaGuard.guard(DataValues.instant(item.timestamp())),
            FormulaGuard.guard(section.dataSource()),
            FormulaGuard.guard(details(item)));
      }
    }
    text.flush();
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String details(ExportItem item) {
    StringBuilder details = new StringBuilder();
    for (Map.Entry<String, Object> field : item.data().entrySet()) {
      if (details.length() > 0) {
        details.append("; ");
      }
      escape(DataValues.wellFormed(field.getKey()), details);
      details.append('=');
      escape(DataValues.text(field.getValue()), details);
    }
    return details.toString();
  }

  private static void escape(String text, StringBuilder into) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' || c == ';' || c == '=') {
        into.append('\\');
      }
      into.append(c);
    }
  }

  // ---- random bundles

  private static ExportBundle bundle(Random random) {
    List<ExportSection> sections = new ArrayList<>();
    for (SectionKind kind : List.of(SectionKind.AUDIT_FINDINGS, SectionKind.ALERT_LOGS, SectionKind.REPORTS)) {
      List<ExportItem> items = new ArrayList<>();
      for (int i = random.nextInt(6); i > 0; i--) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int f = random.nextInt(6); f > 0; f--) {
          data.put(random.nextInt(4) == 0 ? text(random) : "k" + f, value(random, 0));
        }
        Instant at = random.nextInt(10) == 0
            ? Instant.parse("+12000-01-01T00:00:00Z").plusSeconds(random.nextInt(1000))
            : Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1_000_000), random.nextInt(3) * 250_000_000);
        items.add(new ExportItem(random.nextInt(3) == 0 ? text(random) : "ID-" + i,
            random.nextInt(4) == 0 ? text(random) : kind.itemType(), at, data, List.of()));
      }
      sections.add(ExportSection.of(kind, "summary", Fixtures.GENERATED, items));
    }
    return Fixtures.bundle(ExportCategory.FULL_OPERATIONAL, ExportScope.tenant("tenant-a"), "title", "description",
        "user", sections, References.empty());
  }

  private static String text(Random random) {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(8); i > 0; i--) {
      s.append(random.nextBoolean() ? (char) ('a' + random.nextInt(26)) : SPECIAL.charAt(random.nextInt(SPECIAL.length())));
    }
    return s.toString();
  }

  private static Object value(Random random, int depth) {
    switch (random.nextInt(depth > 1 ? 10 : 14)) {
      case 0:
        return null;
      case 1:
      case 2:
        return text(random);
      case 3:
        return random.nextLong();
      case 4:
        return random.nextGaussian() * 1e6;
      case 5:
        return random.nextBoolean();
      case 6:
        return Instant.ofEpochSecond(random.nextInt(), random.nextInt(1000) * 1000);
      case 7:
        return random.nextInt();
      case 8:
        return random.nextInt(10) == 0 ? -0.0 : random.nextDouble() / 1e9;
      case 9:
        return Instant.ofEpochSecond(random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L));
      case 10: {
        Map<String, Object> map = new TreeMap<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          map.put(text(random), value(random, depth + 1));
        }
        return map;
      }
      case 11: {
        Map<String, Object> map = new HashMap<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          map.put(text(random), value(random, depth + 1));
        }
        return map;
      }
      case 12: {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          list.add(value(random, depth + 1));
        }
        return list;
      }
      default:
        return new LinkedList<>(List.of(text(random), random.nextInt(5)));
    }
  }
}
