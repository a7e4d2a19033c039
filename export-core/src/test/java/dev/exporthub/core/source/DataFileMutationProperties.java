package dev.exporthub.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Arbitrary byte mutations of valid data files — a bit flipped, a byte inserted or deleted, the file
 * cut short, a key given twice — in both formats. Whatever the bytes, the reader either hands out
 * exactly the records they hold or refuses them with an {@link InvalidDataException} naming the file
 * and a line in it; never another exception, a record dropped, or one the bytes do not hold.
 *
 * <p>"The records they hold" is decided by an oracle that shares none of the reader's streaming: it
 * decodes the whole file with the JDK's strict UTF-8 decoder and parses it whole with Jackson, duplicate
 * keys and trailing tokens refused. A mutation can change a value and keep the file valid (a flipped
 * letter in a category); then the records differ from the original's, and must be exactly the
 * oracle's. When the mutated file holds the original's JSON values (a change to whitespace only), the
 * records must be the original's. Cutting a {@code .jsonl} file at a line end leaves a shorter valid
 * file, which JSON Lines cannot tell apart: the oracle keeps the complete lines, and so must the reader.
 */
class DataFileMutationProperties {

  private static final ObjectMapper WRITER = new ObjectMapper();
  private static final ObjectMapper ORACLE = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final Pattern KEY = Pattern.compile("\"([A-Za-z]+)\"\\s*:");
  private static final Pattern LOCATION = Pattern.compile("alerts\\.jsonl?:(\\d+)");

  enum Layout { JSONL_LF, JSONL_CRLF, JSON_COMPACT, JSON_PRETTY }

  /** One change to a file's bytes; positions are taken modulo the length, so any number fits any file. */
  sealed interface Mutation {
    byte[] apply(byte[] bytes);
  }

  record Flip(int at, int bit) implements Mutation {
    @Override
    public byte[] apply(byte[] bytes) {
      if (bytes.length == 0) {
        return bytes;
      }
      byte[] copy = bytes.clone();
      copy[at % bytes.length] ^= (byte) (1 << bit);
      return copy;
    }
  }

  record Insert(int at, byte value) implements Mutation {
    @Override
    public byte[] apply(byte[] bytes) {
      int i = at % (bytes.length + 1);
      byte[] copy = new byte[bytes.length + 1];
      System.arraycopy(bytes, 0, copy, 0, i);
      copy[i] = value;
      System.arraycopy(bytes, i, copy, i + 1, bytes.length - i);
      return copy;
    }
  }

  record Delete(int at) implements Mutation {
    @Override
    public byte[] apply(byte[] bytes) {
      if (bytes.length == 0) {
        return bytes;
      }
      int i = at % bytes.length;
      byte[] copy = new byte[bytes.length - 1];
      System.arraycopy(bytes, 0, copy, 0, i);
      System.arraycopy(bytes, i + 1, copy, i, bytes.length - i - 1);
      return copy;
    }
  }

  record Truncate(int at) implements Mutation {
    @Override
    public byte[] apply(byte[] bytes) {
      return java.util.Arrays.copyOf(bytes, at % (bytes.length + 1));
    }
  }

  /** Inserts whitespace next to the {@code which}-th bracket, comma or colon outside strings: between tokens. */
  record InsertBetweenTokens(int which, byte value) implements Mutation {
    @Override
    public byte[] apply(byte[] bytes) {
      List<Integer> gaps = new ArrayList<>();
      boolean inString = false;
      for (int i = 0; i < bytes.length; i++) {
        byte b = bytes[i];
        if (inString) {
          if (b == '\\') {
            i++;
          } else if (b == '"') {
            inString = false;
          }
        } else if (b == '"') {
          inString = true;
        } else if ("{}[],:".indexOf(b) >= 0) {
          gaps.add(i);
          gaps.add(i + 1);
        }
      }
      return gaps.isEmpty() ? bytes : new Insert(gaps.get(which % gaps.size()), value).apply(bytes);
    }
  }

  /** Gives the {@code which}-th key of the file a twin just before it: {@code "k":0,"k":...}. */
  record DuplicateKey(int which) implements Mutation {
    @Override
    public byte[] apply(byte[] bytes) {
      // ISO-8859-1 maps bytes to chars one to one, so positions in the text are positions in the bytes
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      List<Integer> starts = new ArrayList<>();
      List<String> names = new ArrayList<>();
      Matcher m = KEY.matcher(text);
      while (m.find()) {
        starts.add(m.start());
        names.add(m.group(1));
      }
      if (starts.isEmpty()) {
        return bytes;
      }
      int key = which % starts.size();
      int start = starts.get(key);
      String twin = "\"" + names.get(key) + "\":0,";
      return (text.substring(0, start) + twin + text.substring(start)).getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  record Case(List<Map<String, Object>> records, Layout layout, List<Mutation> mutations) {
    boolean jsonLines() {
      return layout == Layout.JSONL_LF || layout == Layout.JSONL_CRLF;
    }

    String fileName() {
      return jsonLines() ? "alerts.jsonl" : "alerts.json";
    }

    byte[] original() {
      try {
        String text = switch (layout) {
          case JSONL_LF -> lines("\n") + "\n";
          case JSONL_CRLF -> lines("\r\n");
          case JSON_COMPACT -> WRITER.writeValueAsString(records);
          case JSON_PRETTY -> WRITER.writerWithDefaultPrettyPrinter().writeValueAsString(records) + "\n";
        };
        return text.getBytes(StandardCharsets.UTF_8);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }

    private String lines(String separator) throws JsonProcessingException {
      List<String> lines = new ArrayList<>();
      for (Map<String, Object> record : records) {
        lines.add(WRITER.writeValueAsString(record));
      }
      return String.join(separator, lines);
    }

    byte[] mutated() {
      byte[] bytes = original();
      for (Mutation mutation : mutations) {
        bytes = mutation.apply(bytes);
      }
      return bytes;
    }
  }

  /** What reading gave: the records (as a multiset: the reader sorts), or the refusal. */
  private record Outcome(Map<SourceRecord, Long> records, InvalidDataException refused, List<JsonNode> values) {
    static Outcome of(List<? extends SourceRecord> records, List<JsonNode> values) {
      return new Outcome(records.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())),
          null, values);
    }

    static Outcome refused(InvalidDataException e) {
      return new Outcome(null, e, null);
    }
  }

  @Property(tries = 200)
  void mutatedFilesReadExactlyOrAreRefused(@ForAll("cases") Case c) throws IOException {
    // the generator must keep producing refusals, untouched records and changed ones, or the
    // property proves little; the bounds sit far below the usual shares (~80 %, ~12 %, ~5 %)
    Statistics.coverage(coverage -> {
      coverage.check("refused").percentage(p -> p >= 40);
      coverage.check("the original's records").percentage(p -> p >= 3);
      coverage.check("changed values").percentage(p -> p > 0);
    });
    byte[] original = c.original();
    Outcome before = read(c.fileName(), original);
    Outcome expectedBefore = oracle(original, c.jsonLines());
    assertEquals(expectedBefore.records(), before.records(), "the unmutated file reads as the oracle reads it");

    byte[] bytes = c.mutated();
    Outcome actual = read(c.fileName(), bytes);
    Outcome expected = oracle(bytes, c.jsonLines());

    if (expected.refused() != null) {
      Statistics.collect("refused");
      if (actual.refused() == null) {
        fail("accepted what the oracle refuses (" + expected.refused().getMessage() + "):\n" + show(bytes));
      }
      Matcher at = LOCATION.matcher(actual.refused().source());
      assertTrue(at.matches(), () -> "names the file and a line: " + actual.refused().getMessage());
      long line = Long.parseLong(at.group(1));
      assertTrue(line >= 1 && line <= lines(bytes), () -> "line " + line + " is in the file: " + actual.refused().getMessage());
      return;
    }
    if (actual.refused() != null) {
      fail("refused what the oracle reads (" + actual.refused().getMessage() + "):\n" + show(bytes));
    }
    assertEquals(expected.records(), actual.records(), () -> "the records the bytes hold:\n" + show(bytes));
    if (expected.values().equals(expectedBefore.values())) {
      Statistics.collect("the original's records");
      assertEquals(before.records(), actual.records(), "the same JSON values, the same records");
    } else {
      Statistics.collect(expected.values().size() < expectedBefore.values().size() ? "fewer lines" : "changed values");
    }
  }

  /** The reader under test, on a file of these bytes in a fresh directory. */
  private static Outcome read(String name, byte[] bytes) throws IOException {
    Path dir = Files.createTempDirectory("strict-data-");
    try {
      Files.write(dir.resolve(name), bytes);
      return Outcome.of(DataFiles.readAlerts(dir), null);
    } catch (InvalidDataException e) {
      return Outcome.refused(e);
    } finally {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(dir);
    }
  }

  /** The whole file decoded and parsed at once, strictly, then each object read as a record (and kept if in the query). */
  private static Outcome oracle(byte[] bytes, boolean jsonLines) {
    RecordReader reader = new RecordReader(SourceType.ALERTS);
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      if (text.startsWith("\uFEFF")) {
        return Outcome.refused(new InvalidDataException("oracle", null, null, "BOM"));
      }
      List<JsonNode> values = new ArrayList<>();
      if (jsonLines) {
        for (String line : text.split("\r\n|\r|\n", -1)) {
          if (!line.matches("[ \t]*")) {
            values.add(ORACLE.readTree(line));
          }
        }
      } else {
        JsonNode array = ORACLE.readTree(text);
        if (array == null || !array.isArray()) {
          return Outcome.refused(new InvalidDataException("oracle", null, null, "not an array"));
        }
        array.forEach(values::add);
      }
      List<SourceRecord> records = new ArrayList<>();
      for (JsonNode value : values) {
        SourceRecord record = reader.read(value, "oracle");
        if (DataFiles.ALL.matches(record.tenantId(), record.facilityId(), record.timestamp())) {
          records.add(record);
        }
      }
      return Outcome.of(records, values);
    } catch (CharacterCodingException | JsonProcessingException e) {
      return Outcome.refused(new InvalidDataException("oracle", null, null, e.getMessage()));
    } catch (InvalidDataException e) {
      return Outcome.refused(e);
    }
  }

  /** Lines as the reader counts them: a line break is LF, CR or CRLF. */
  private static long lines(byte[] bytes) {
    long lines = 1;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n')) {
        lines++;
      }
    }
    return lines;
  }

  private static String show(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<List<Map<String, Object>>> records = alert().list().ofMinSize(1).ofMaxSize(5).map(list -> {
      List<Map<String, Object>> numbered = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("alertId", String.format(Locale.ROOT, "AL-%05d", i + 1));
        record.putAll(list.get(i));
        numbered.add(record);
      }
      return numbered;
    });
    Arbitrary<List<Mutation>> mutations = Arbitraries.frequencyOf(
        Tuple.of(3, mutation().list().ofSize(1)), Tuple.of(1, mutation().list().ofSize(2)));
    return Combinators.combine(records, Arbitraries.of(Layout.class), mutations).as(Case::new);
  }

  private static Arbitrary<Map<String, Object>> alert() {
    Arbitrary<String> text = Arbitraries.of("power", "p\u00e9\u20ac", "\uD83D\uDE00x", "a\"b", "tab\tx", "a\\b", "x/y");
    Arbitrary<Object> attribute = Arbitraries.oneOf(
        Arbitraries.integers().between(-5, 5000).map(i -> (Object) i),
        Arbitraries.of(2.5, -0.125, 1e10).map(d -> (Object) d),
        Arbitraries.of(true, false).map(b -> (Object) b),
        text.map(s -> (Object) s),
        Arbitraries.just(List.of(1, "x", List.of())),
        Arbitraries.just(Map.of("k", "v")));
    Arbitrary<Map<String, Object>> attributes = Arbitraries.maps(Arbitraries.of("a", "b", "z", "deep"), attribute)
        .ofMaxSize(3);
    return Combinators.combine(
        Arbitraries.of("high", "low", "critical"), text, Arbitraries.of("open", "closed"),
        Arbitraries.integers().between(0, 100_000), Arbitraries.of("t-1", "t-2"),
        Arbitraries.of("TK-1", "DR-2").list().ofMaxSize(2), attributes).as((severity, category, status, minutes,
            tenant, related, attrs) -> {
          Map<String, Object> record = new LinkedHashMap<>();
          record.put("severity", severity);
          record.put("category", category);
          record.put("status", status);
          record.put("createdAt", DataFiles.T0.plusSeconds(60L * minutes).toString());
          record.put("tenantId", tenant);
          if (!related.isEmpty()) {
            record.put("relatedIds", related);
          }
          if (!attrs.isEmpty()) {
            record.put("attributes", attrs);
          }
          return record;
        });
  }

  private static Arbitrary<Mutation> mutation() {
    Arbitrary<Integer> at = Arbitraries.integers().between(0, 1_000_000);
    Arbitrary<Byte> special = Arbitraries.of('{', '}', '[', ']', ',', ':', '"', '\\', '\n', '\r', ' ', '0', 'e', 't')
        .map(ch -> (byte) (char) ch);
    Arbitrary<Byte> odd = Arbitraries.of(0x00, 0xC3, 0x80, 0xBF, 0xEF, 0xED, 0xF4, 0xFF, 0x0C).map(i -> (byte) (int) i);
    // whitespace keeps a file valid between tokens and changes a value inside a string
    Arbitrary<Byte> whitespace = Arbitraries.of(' ', '\t', '\n', '\r').map(ch -> (byte) (char) ch);
    Arbitrary<Byte> value = Arbitraries.frequencyOf(
        Tuple.of(4, whitespace), Tuple.of(4, special), Tuple.of(2, odd), Tuple.of(2, Arbitraries.bytes()));
    return Arbitraries.frequencyOf(
        Tuple.of(3, Combinators.combine(at, Arbitraries.integers().between(0, 7)).as(Flip::new)),
        Tuple.of(3, Combinators.combine(at, value).as(Insert::new)),
        Tuple.of(4, Combinators.combine(at, whitespace).as(InsertBetweenTokens::new)),
        Tuple.of(2, at.map(Delete::new)),
        Tuple.of(2, at.map(Truncate::new)),
        Tuple.of(2, at.map(DuplicateKey::new)));
  }
}
