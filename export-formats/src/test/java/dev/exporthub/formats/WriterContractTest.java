package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.References;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.spi.FormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every built-in writer promises: the FormatWriter contract. */
class WriterContractTest {

  static Stream<Named<FormatWriter>> writers() {
    return Stream.of(new JsonFormatWriter(), new CsvFormatWriter(), new HtmlFormatWriter(), new MarkdownFormatWriter())
        .map(writer -> Named.of(writer.descriptor().format().id(), writer));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writers")
  @DisplayName("the same bundle written twice gives the same bytes")
  void deterministic(FormatWriter writer) {
    byte[] first = Fixtures.render(writer, Fixtures.compliancePack());
    byte[] second = Fixtures.render(writer, Fixtures.compliancePack());
    assertTrue(first.length > 500);
    assertArrayEquals(first, second);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writers")
  @DisplayName("the bytes do not depend on the default locale (tr_TR) or time zone (Pacific/Chatham)")
  void independentOfDefaults(FormatWriter writer) {
    byte[] expected = Fixtures.render(writer, Fixtures.compliancePack());
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
      assertArrayEquals(expected, Fixtures.render(writer, Fixtures.compliancePack()));
      Locale.setDefault(Locale.forLanguageTag("ar-SA-u-nu-arab"));
      TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
      assertArrayEquals(expected, Fixtures.render(writer, Fixtures.compliancePack()));
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writers")
  @DisplayName("does not close the caller's stream")
  void leavesStreamOpen(FormatWriter writer) throws IOException {
    AtomicBoolean closed = new AtomicBoolean();
    OutputStream out = new FilterOutputStream(new ByteArrayOutputStream()) {
      @Override
      public void close() {
        closed.set(true);
      }
    };
    writer.write(Fixtures.compliancePack(), Fixtures.context(), out);
    assertFalse(closed.get());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writers")
  @DisplayName("lets the stream's IOException through, unwrapped, and still does not close it")
  void propagatesIoFailures(FormatWriter writer) {
    IOException failure = new IOException("disk full");
    AtomicBoolean closed = new AtomicBoolean();
    OutputStream out = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw failure;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw failure;
      }

      @Override
      public void close() {
        closed.set(true);
      }
    };
    IOException thrown = assertThrows(IOException.class, () -> writer.write(Fixtures.compliancePack(),
        Fixtures.context(), out));
    assertSame(failure, thrown);
    assertFalse(closed.get());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writers")
  @DisplayName("writes items to the stream as it pulls them, and closes each item stream")
  void streams(FormatWriter writer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Integer> sizeAtPull = new ArrayList<>();
    AtomicBoolean streamClosed = new AtomicBoolean();
    int count = 200;
    String filler = "x".repeat(2000);
    ExportSection section = ExportSection.streamed(SectionKind.AUDIT_FINDINGS, "big", count, Fixtures.GENERATED,
        () -> IntStream.range(0, count).mapToObj(i -> {
          sizeAtPull.add(out.size());
          return Fixtures.item("AF-" + i, "audit-finding", Fixtures.FROM.plusSeconds(i), Fixtures.data("text", filler));
        }).onClose(() -> streamClosed.set(true)));
    ExportBundle bundle = Fixtures.bundle(ExportCategory.AUDIT_FINDINGS, ExportScope.tenant("tenant-a"),
        List.of(section), References.empty());

    writer.write(bundle, Fixtures.context(), out);

    assertTrue(streamClosed.get(), "item stream closed");
    if (writer instanceof MarkdownFormatWriter) {
      assertEquals(MarkdownFormatWriter.ITEMS_PER_SECTION, sizeAtPull.size(), "pulls only what it shows");
      assertTrue(sizeAtPull.get(9) > sizeAtPull.get(1), "bytes reached the stream between pulls");
    } else {
      assertEquals(count, sizeAtPull.size());
      assertTrue(sizeAtPull.get(100) > 100 * 1000, "half the items already written: " + sizeAtPull.get(100));
      assertTrue(sizeAtPull.get(199) > sizeAtPull.get(100));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writers")
  @DisplayName("refuses a section whose stream yields fewer items than it declares")
  void holdsSectionsToTheirCount(FormatWriter writer) {
    List<ExportItem> two = Fixtures.findings(2);
    ExportSection liar = ExportSection.streamed(SectionKind.AUDIT_FINDINGS, "3 findings", 3, Fixtures.GENERATED,
        two::stream);
    ExportBundle bundle = Fixtures.bundle(ExportCategory.AUDIT_FINDINGS, ExportScope.tenant("tenant-a"),
        List.of(liar), References.empty());
    IllegalStateException error = assertThrows(IllegalStateException.class,
        () -> writer.write(bundle, Fixtures.context(), OutputStream.nullOutputStream()));
    assertTrue(error.getMessage().contains("audit-findings"), error.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writers")
  @DisplayName("one writer serves concurrent exports")
  void threadSafe(FormatWriter writer) throws Exception {
    byte[] expected = Fixtures.render(writer, Fixtures.compliancePack());
    AtomicInteger mismatches = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(new Thread(() -> {
        for (int i = 0; i < 25; i++) {
          if (!java.util.Arrays.equals(expected, Fixtures.render(writer, Fixtures.compliancePack()))) {
            mismatches.incrementAndGet();
          }
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(0, mismatches.get());
  }
}
