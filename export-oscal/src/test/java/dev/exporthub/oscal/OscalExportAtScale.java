package dev.exporthub.oscal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.SectionKind;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.core.ExportHub;
import dev.exporthub.samples.SampleData;
import dev.exporthub.testkit.Callers;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A compliance pack of a 1,000,000-record data set in both OSCAL formats, streamed into a counter in a
 * 128 MB heap: the writers keep nothing of a section in memory. Minutes, so not in the default build:
 * {@code mvn -Pscale -pl export-oscal -Dtest=OscalExportAtScale}.
 */
class OscalExportAtScale {

  @Test
  void aMillionRecordComplianceExportStreamsInBoundedMemory() {
    SampleData data = SampleData.builder().seed(5).size(1_000_000).tenants(1).build();
    for (FormatWriter writer : List.of(new OscalAssessmentResultsWriter(), new OscalPoamWriter())) {
      ExportHub hub = ExportHub.builder().dataSource(data).tenantDirectory(data.tenantDirectory())
          .clock(Clock.fixed(data.now(), ZoneOffset.UTC)).idSupplier(() -> "scale").discoverWriters(false)
          .writer(writer).build();
      ExportRequest request = ExportRequest.builder(ExportCategory.COMPLIANCE_PACK, writer.descriptor().format())
          .build();
      Counter out = new Counter("\"target-id\"");
      long started = System.nanoTime();
      ExportResult result = hub.export(request, Callers.admin("tenant-1"), out);
      long ms = (System.nanoTime() - started) / 1_000_000;
      ExportResult.Completed done = result.orThrow();
      long findings = done.bundle().sections().stream().filter(x -> x.kind() == SectionKind.AUDIT_FINDINGS)
          .mapToLong(x -> x.itemCount()).sum();
      System.out.printf("%s: %d items, %d bytes in %d ms, max heap %d MB%n", writer.descriptor().format().id(),
          done.bundle().metadata().totalItems(), out.bytes, ms, Runtime.getRuntime().maxMemory() >> 20);
      assertTrue(done.bundle().metadata().totalItems() > 200_000, "items: " + done.bundle().metadata().totalItems());
      if (writer instanceof OscalAssessmentResultsWriter) {
        assertEquals(findings, out.hits, "one finding target per audit finding");
      }
    }
  }

  /** Counts bytes and occurrences of one ASCII marker, keeping nothing. */
  private static final class Counter extends OutputStream {
    private final byte[] marker;
    private int matched;
    long bytes;
    long hits;

    Counter(String marker) {
      this.marker = marker.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void write(int b) {
      bytes++;
      if (b == marker[matched]) {
        if (++matched == marker.length) {
          hits++;
          matched = 0;
        }
      } else {
        matched = b == marker[0] ? 1 : 0;
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }
  }
}
