package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.WriteContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same request gives the same archive bytes, whatever the machine's defaults. */
class ArchiveReproducibilityTest {

  private static final List<String> ZONES = List.of("UTC", "America/New_York", "Pacific/Chatham");
  private static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.forLanguageTag("tr-TR"));

  /** A way to write one archive: a writer, the bundle's format and the context's options. */
  record Kind(FormatWriter writer, ExportFormat format, Map<String, String> options) {
    byte[] write(Instant generatedAt) {
      ExportBundle bundle = ArchiveFixtures.fullOperational(format, generatedAt);
      WriteContext context = ArchiveFixtures.context(options, generatedAt);
      return ArchiveFixtures.render(writer, bundle, context);
    }
  }

  static Stream<Named<Kind>> kinds() {
    return Stream.of(
        Named.of("zip bundle", new Kind(new ZipBundleWriter(), ExportFormat.ZIP, Map.of())),
        Named.of("auditor package", new Kind(new AuditorPackageWriter(), ExportFormat.AUDITOR_PACKAGE, Map.of())),
        Named.of("auditor package as a bag", new Kind(new AuditorPackageWriter(), ExportFormat.AUDITOR_PACKAGE,
            Map.of(AuditorPackageWriter.LAYOUT_OPTION, "bagit"))));
  }

  static Stream<Arguments> kindsAndTimes() {
    List<Arguments> arguments = new ArrayList<>();
    kinds().forEach(kind -> {
      arguments.add(Arguments.of(kind, Named.of("2026", Fixtures.GENERATED), LocalDateTime.of(2026, 1, 31, 12, 0, 0)));
      arguments.add(Arguments.of(kind, Named.of("the epoch (1970)", Instant.EPOCH), LocalDateTime.of(1980, 1, 1, 0, 0, 2)));
      arguments.add(Arguments.of(kind, Named.of("before 1980 in most zones", Instant.parse("1980-01-01T00:00:00Z")
          .minusSeconds(1)), LocalDateTime.of(1980, 1, 1, 0, 0, 2)));
      arguments.add(Arguments.of(kind, Named.of("exactly 1980-01-01T00:00:00Z", Instant.parse("1980-01-01T00:00:00Z")),
          LocalDateTime.of(1980, 1, 1, 0, 0, 2)));
      arguments.add(Arguments.of(kind, Named.of("2200", Instant.parse("2200-06-01T10:00:00Z")),
          LocalDateTime.of(2107, 12, 31, 23, 59, 58)));
    });
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  @DisplayName("two runs give identical bytes")
  void twoRuns(Kind kind) {
    assertArrayEquals(kind.write(Fixtures.GENERATED), kind.write(Fixtures.GENERATED));
  }

  @ParameterizedTest(name = "{0} at {1}")
  @MethodSource("kindsAndTimes")
  @DisplayName("identical bytes under UTC, America/New_York and Pacific/Chatham and the en and tr locales")
  void everyZoneAndLocale(Kind kind, Instant generatedAt, LocalDateTime expectedTime) {
    byte[] expected = kind.write(generatedAt);
    TimeZone zone = TimeZone.getDefault();
    Locale locale = Locale.getDefault();
    try {
      for (String id : ZONES) {
        for (Locale each : LOCALES) {
          TimeZone.setDefault(TimeZone.getTimeZone(id));
          Locale.setDefault(each);
          assertArrayEquals(expected, kind.write(generatedAt), id + " " + each);
        }
      }
    } finally {
      TimeZone.setDefault(zone);
      Locale.setDefault(locale);
    }
  }

  @ParameterizedTest(name = "{0} at {1}")
  @MethodSource("kindsAndTimes")
  @DisplayName("every header: deflated, the generation time in UTC clamped to 1980-2107, no extra field, no comment")
  void headers(Kind kind, Instant generatedAt, LocalDateTime expectedTime, @TempDir Path dir) throws IOException {
    byte[] zip = kind.write(generatedAt);
    List<Header> headers = headers(zip);
    assertEquals(ArchiveFixtures.entries(zip).size(), headers.size());
    int dosTime = expectedTime.getHour() << 11 | expectedTime.getMinute() << 5 | expectedTime.getSecond() >> 1;
    int dosDate = (expectedTime.getYear() - 1980) << 9 | expectedTime.getMonthValue() << 5
        | expectedTime.getDayOfMonth();
    for (Header header : headers) {
      assertEquals(8, header.method, header.name);
      assertEquals(dosTime, header.time, header.name);
      assertEquals(dosDate, header.date, header.name);
      assertEquals(0, header.extraLength, header.name);
      assertEquals(0, header.localExtraLength, header.name);
      assertEquals(0, header.commentLength, header.name);
    }
    Path file = Files.write(dir.resolve("archive.zip"), zip);
    try (ZipFile archive = new ZipFile(file.toFile())) {
      for (ZipEntry entry : Collections.list(archive.entries())) {
        assertNull(entry.getExtra(), entry.getName());
        assertNull(entry.getComment(), entry.getName());
        assertEquals(expectedTime, entry.getTimeLocal(), entry.getName());
        assertEquals(ZipEntry.DEFLATED, entry.getMethod());
      }
      assertNull(archive.getComment());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  @DisplayName("one deflate level for every entry: each recompresses to the same bytes at the default level")
  void oneCompressionLevel(Kind kind) {
    byte[] zip = kind.write(Fixtures.GENERATED);
    byte[] rebuilt = ArchiveFixtures.zipLike(ArchiveFixtures.entries(zip), ZipArchive.entryTime(Fixtures.GENERATED));
    assertArrayEquals(zip, rebuilt, "a plain ZipOutputStream at the default level writes the same archive");
  }

  /** One entry's central and local header fields. */
  record Header(String name, int method, int time, int date, int extraLength, int commentLength,
      int localExtraLength) {
  }

  /** Reads the central directory and each entry's local header, byte by byte. */
  static List<Header> headers(byte[] zip) {
    ByteBuffer bytes = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    int end = zip.length - 22;
    assertEquals(0x06054b50, bytes.getInt(end), "end of central directory, without an archive comment");
    assertEquals(0, Short.toUnsignedInt(bytes.getShort(end + 20)));
    int count = Short.toUnsignedInt(bytes.getShort(end + 10));
    int offset = bytes.getInt(end + 16);
    List<Header> headers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      assertEquals(0x02014b50, bytes.getInt(offset), "central header");
      int nameLength = Short.toUnsignedInt(bytes.getShort(offset + 28));
      int extraLength = Short.toUnsignedInt(bytes.getShort(offset + 30));
      int commentLength = Short.toUnsignedInt(bytes.getShort(offset + 32));
      int local = bytes.getInt(offset + 42);
      assertEquals(0x04034b50, bytes.getInt(local), "local header");
      String name = new String(zip, offset + 46, nameLength, java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(bytes.getShort(offset + 12), bytes.getShort(local + 10), "local time = central time");
      assertEquals(bytes.getShort(offset + 14), bytes.getShort(local + 12), "local date = central date");
      headers.add(new Header(name, Short.toUnsignedInt(bytes.getShort(offset + 10)),
          Short.toUnsignedInt(bytes.getShort(offset + 12)), Short.toUnsignedInt(bytes.getShort(offset + 14)),
          extraLength, commentLength, Short.toUnsignedInt(bytes.getShort(local + 28))));
      offset += 46 + nameLength + extraLength + commentLength;
    }
    return headers;
  }

  @org.junit.jupiter.api.Test
  @DisplayName("entry times come from generatedAt, not from the context's clock")
  void timeFromBundle() {
    ExportBundle bundle = ArchiveFixtures.fullOperational(ExportFormat.ZIP, Fixtures.GENERATED);
    byte[] a = ArchiveFixtures.render(new ZipBundleWriter(), bundle, ArchiveFixtures.context(Map.of(),
        Instant.parse("2030-01-01T00:00:00Z")));
    byte[] b = ArchiveFixtures.render(new ZipBundleWriter(), bundle, ArchiveFixtures.context(Map.of(),
        Instant.parse("2031-05-05T05:05:05Z")));
    assertArrayEquals(a, b);
    assertTrue(a.length > 1000);
  }
}
