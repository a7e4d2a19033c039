package dev.exporthub.core;

import static dev.exporthub.core.ExportHubTest.AUDITOR;
import static dev.exporthub.core.ExportHubTest.CLOCK;
import static dev.exporthub.core.ExportHubTest.auditFindingsJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFailedException;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.WriteContext;
import dev.exporthub.core.source.InMemoryDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Any failure after an allowed decision leaves an {@code error} entry: previews, and errors of the JVM too. */
class FailureLoggingTest {

  private static List<String> kinds(ExportHub hub) {
    return hub.log().entries().stream().map(LogEntry::entryType).toList();
  }

  private static String code(ExportHub hub) {
    List<LogEntry> entries = hub.log().entries();
    return assertInstanceOf(LogEntry.ExportError.class, entries.get(entries.size() - 1)).error().errorCode();
  }

  @Test
  @DisplayName("a preview whose source fails with an I/O error logs EXPORT_FAILED after its decision")
  void previewFailure() {
    OperationalDataSource broken = (type, query) -> {
      throw new UncheckedIOException(new IOException("disk gone"));
    };
    ExportHub hub = ExportHub.builder().dataSource(broken).clock(CLOCK).build();
    ExportFailedException e = assertThrows(ExportFailedException.class, () -> hub.preview(auditFindingsJson(), AUDITOR));
    assertTrue(e.getMessage().contains("disk gone"), e::getMessage);
    assertEquals(List.of("policy-decision", "error"), kinds(hub));
    assertEquals("EXPORT_FAILED", code(hub));
    assertTrue(hub.log().verify().valid());
  }

  @Test
  @DisplayName("an OutOfMemoryError while writing leaves an error entry and reaches the caller unchanged")
  void outOfMemory() {
    OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
    FormatWriter exhausting = new FormatWriter() {
      @Override
      public FormatDescriptor descriptor() {
        return new FormatDescriptor(ExportFormat.JSON, "application/json", ".json", false);
      }

      @Override
      public void write(ExportBundle bundle, WriteContext context, OutputStream out) {
        throw oom;
      }
    };
    ExportHub hub = ExportHub.builder().dataSource(InMemoryDataSource.of(ExportHubTest.findings())).clock(CLOCK)
        .writer(exhausting).build();
    assertEquals(oom, assertThrows(OutOfMemoryError.class, () -> hub.export(auditFindingsJson(), AUDITOR)));
    assertEquals(List.of("policy-decision", "error"), kinds(hub));
    assertEquals("EXPORT_FAILED", code(hub));
  }
}
