package dev.exporthub.formats;

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
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Writes a large export through a pipe into {@link PackageVerifier}, in a JVM of its own so that
 * its heap can be small: {@code LargeExport <zip|auditor-package|bagit> <items>}. Prints
 * {@code ok files bytes maxHeap} and exits with 0 when the verifier found the archive intact.
 */
final class LargeExport {

  private LargeExport() {
  }

  public static void main(String[] args) throws Exception {
    String kind = args[0];
    int count = Integer.parseInt(args[1]);
    FormatWriter writer = kind.equals("zip") ? new ZipBundleWriter() : new AuditorPackageWriter();
    WriteContext context = kind.equals("bagit") ? ArchiveFixtures.bagit() : ArchiveFixtures.context(Map.of());

    ExportSection section = ExportSection.streamed(SectionKind.AUDIT_FINDINGS, count + " findings", count,
        Fixtures.GENERATED, () -> IntStream.range(0, count).mapToObj(LargeExport::item));
    ExportBundle bundle = ArchiveFixtures.bundle(ExportCategory.AUDIT_FINDINGS, ExportScope.tenant("tenant-a"),
        "Audit findings of tenant-a", "Everything", kind.equals("zip") ? ExportFormat.ZIP
            : ExportFormat.AUDITOR_PACKAGE, Fixtures.GENERATED, List.of(section), References.empty());

    PipedInputStream in = new PipedInputStream(1 << 16);
    PipedOutputStream out = new PipedOutputStream(in);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread writing = new Thread(() -> {
      try (out) {
        writer.write(bundle, context, out);
      } catch (IOException | RuntimeException e) {
        failure.set(e);
      }
    }, "writer");
    writing.start();
    PackageVerifier.Report report = PackageVerifier.verify(in);
    writing.join();
    if (failure.get() != null) {
      failure.get().printStackTrace();
      System.exit(2);
    }
    long maxHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    System.out.println(report.ok() + " " + report.files() + " " + report.bytes() + " " + maxHeap);
    if (!report.ok()) {
      System.out.println(report.problems());
    }
    System.exit(report.ok() ? 0 : 1);
  }

  static ExportItem item(int i) {
    String id = String.format(Locale.ROOT, "AF-%07d", i);
    return Fixtures.item(id, "audit-finding", Fixtures.FROM.plusMillis(i), Fixtures.data(
        "auditFindingId", id, "severity", i % 3 == 0 ? "high" : "low", "score", i / 7.0, "resolved", i % 2 == 0));
  }
}
