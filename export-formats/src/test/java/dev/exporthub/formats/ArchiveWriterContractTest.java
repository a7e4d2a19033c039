package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.References;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.WriteContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The FormatWriter contract, for the two archive writers in their three layouts. */
class ArchiveWriterContractTest {

  /** A writer with the context that picks its layout. */
  record Setup(FormatWriter writer, WriteContext context) {
    byte[] render(ExportBundle bundle) {
      return ArchiveFixtures.render(writer, bundle, context);
    }
  }

  static Stream<Named<Setup>> setups() {
    return Stream.of(
        Named.of("zip", new Setup(new ZipBundleWriter(), ArchiveFixtures.context())),
        Named.of("auditor-package", new Setup(new AuditorPackageWriter(), ArchiveFixtures.context())),
        Named.of("auditor-package, bagit", new Setup(new AuditorPackageWriter(), ArchiveFixtures.bagit())));
  }

  private static ExportBundle bundle(List<ExportSection> sections) {
    return ArchiveFixtures.bundle(ExportCategory.AUDIT_FINDINGS, ExportScope.tenant("tenant-a"), "t", "d",
        ExportFormat.ZIP, Fixtures.GENERATED, sections, References.empty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  @DisplayName("does not close the caller's stream, and leaves it a complete archive")
  void leavesStreamOpen(Setup setup) throws IOException {
    AtomicBoolean closed = new AtomicBoolean();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OutputStream out = new FilterOutputStream(bytes) {
      @Override
      public void close() {
        closed.set(true);
      }
    };
    setup.writer().write(Fixtures.compliancePack(), setup.context(), out);
    assertFalse(closed.get());
    assertTrue(PackageVerifier.verify(new ByteArrayInputStream(bytes.toByteArray())).ok());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  @DisplayName("lets the stream's IOException through, unwrapped, and still does not close it")
  void propagatesIoFailures(Setup setup) {
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
    assertSame(failure, assertThrows(IOException.class,
        () -> setup.writer().write(Fixtures.compliancePack(), setup.context(), out)));
    assertFalse(closed.get());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  @DisplayName("refuses a section whose stream yields fewer items than it declares")
  void holdsSectionsToTheirCount(Setup setup) {
    List<ExportItem> two = Fixtures.findings(2);
    ExportSection liar = ExportSection.streamed(SectionKind.AUDIT_FINDINGS, "3 findings", 3, Fixtures.GENERATED,
        two::stream);
    IllegalStateException error = assertThrows(IllegalStateException.class,
        () -> setup.writer().write(bundle(List.of(liar)), setup.context(), OutputStream.nullOutputStream()));
    assertTrue(error.getMessage().contains("audit-findings"), error.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  @DisplayName("an export that fails half-way leaves bytes no reader takes for a complete archive")
  void failureLeavesNoCompleteArchive(Setup setup) {
    ExportSection failing = ExportSection.streamed(SectionKind.AUDIT_FINDINGS, "many", 5000, Fixtures.GENERATED,
        () -> IntStream.range(0, 5000).mapToObj(i -> {
          if (i == 4000) {
            throw new IllegalStateException("source went away");
          }
          return item(i);
        }));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThrows(IllegalStateException.class, () -> setup.writer().write(bundle(List.of(failing)), setup.context(),
        out));
    byte[] partial = out.toByteArray();
    assertTrue(partial.length > 100_000, "bytes were streamed before the failure: " + partial.length);
    String text = new String(partial, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertFalse(text.contains("PK\u0005\u0006"), "no end of central directory");
    assertFalse(text.contains("PK\u0001\u0002"), "no central directory");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  @DisplayName("writes each entry to the stream while it pulls the items, and closes every item stream")
  void streams(Setup setup) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Integer> sizeAtPull = new ArrayList<>();
    AtomicInteger closedStreams = new AtomicInteger();
    int count = 3000;
    ExportSection section = ExportSection.streamed(SectionKind.AUDIT_FINDINGS, "big", count, Fixtures.GENERATED,
        () -> IntStream.range(0, count).mapToObj(i -> {
          sizeAtPull.add(out.size());
          return item(i);
        }).onClose(closedStreams::incrementAndGet));

    setup.writer().write(bundle(List.of(section)), setup.context(), out);

    int passes = sizeAtPull.size() / count;
    assertEquals(setup.writer() instanceof ZipBundleWriter ? 3 : 2, passes, "JSON, CSV (and HTML) each pull once");
    assertEquals(passes, closedStreams.get());
    for (int pass = 0; pass < passes; pass++) {
      int first = sizeAtPull.get(pass * count + 100);
      int last = sizeAtPull.get(pass * count + count - 1);
      assertTrue(last - first > 500_000, "pass " + pass + ": " + first + " -> " + last + " bytes while pulling");
    }
  }

  /** An item whose data does not compress away: 1 KiB of hex from a hash chain. */
  static ExportItem item(int i) {
    byte[] seed = java.nio.ByteBuffer.allocate(4).putInt(i).array();
    StringBuilder noise = new StringBuilder();
    for (int round = 0; round < 16; round++) {
      seed = sha256(seed);
      noise.append(HexFormat.of().formatHex(seed));
    }
    return Fixtures.item(String.format(java.util.Locale.ROOT, "AF-%07d", i), "audit-finding",
        Fixtures.FROM.plusSeconds(i), Fixtures.data("n", i, "noise", noise.toString()));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  @DisplayName("one writer serves concurrent exports")
  void threadSafe(Setup setup) throws Exception {
    ExportBundle bundle = ArchiveFixtures.fullOperational(ExportFormat.AUDITOR_PACKAGE, Fixtures.GENERATED);
    byte[] expected = setup.render(bundle);
    AtomicInteger mismatches = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(new Thread(() -> {
        for (int i = 0; i < 10; i++) {
          if (!java.util.Arrays.equals(expected, setup.render(bundle))) {
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  @DisplayName("is found through ServiceLoader")
  void registered(Setup setup) {
    ExportFormat format = setup.writer().descriptor().format();
    List<FormatWriter> found = ServiceLoader.load(FormatWriter.class, getClass().getClassLoader()).stream()
        .map(ServiceLoader.Provider::get)
        .filter(writer -> writer.descriptor().format().equals(format))
        .toList();
    assertEquals(1, found.size());
    assertSame(setup.writer().getClass(), found.get(0).getClass());
    assertEquals(setup.writer().descriptor(), found.get(0).descriptor());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  @DisplayName("an empty bundle still makes a complete, verifiable archive")
  void emptyBundle(Setup setup) throws IOException {
    ExportBundle empty = bundle(List.of(ExportSection.of(SectionKind.AUDIT_FINDINGS, "0 findings",
        Fixtures.GENERATED, List.of())));
    byte[] zip = setup.render(empty);
    assertEquals(List.of(), PackageVerifier.verify(new ByteArrayInputStream(zip)).problems());
    assertArrayEquals(zip, setup.render(empty));
  }
}
