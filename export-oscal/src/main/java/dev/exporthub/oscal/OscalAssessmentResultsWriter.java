package dev.exporthub.oscal;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.WriteContext;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Format {@code oscal-assessment-results}: the bundle as a NIST OSCAL 1.1 assessment-results
 * document (JSON) with one result holding the audit findings as findings and observations, the
 * drift events as observations and the breached SLA records as risks. A category without those
 * sections, or a bundle without such items, gives a valid document whose result holds none.
 * Stateless; found through {@code ServiceLoader}.
 */
public final class OscalAssessmentResultsWriter implements FormatWriter {

  /** The format id, {@code oscal-assessment-results}. */
  public static final ExportFormat FORMAT = ExportFormat.of("oscal-assessment-results");

  private static final FormatDescriptor DESCRIPTOR =
      new FormatDescriptor(FORMAT, "application/json", ".oscal-ar.json", false);

  /** For {@code ServiceLoader}. */
  public OscalAssessmentResultsWriter() {
  }

  @Override
  public FormatDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void write(ExportBundle bundle, WriteContext context, OutputStream out) throws IOException {
    OscalDocument.writeAssessmentResults(bundle, FORMAT.id(), out);
  }
}
