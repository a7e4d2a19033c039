package dev.exporthub.oscal;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.WriteContext;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Format {@code oscal-poam}: the bundle's open audit findings as the items of a NIST OSCAL 1.1 plan
 * of action and milestones (JSON), each with the observation it rests on. As NIST's schema requires
 * at least one item, a bundle without an open finding gives one marker item saying so. Stateless;
 * found through {@code ServiceLoader}.
 */
public final class OscalPoamWriter implements FormatWriter {

  /** The format id, {@code oscal-poam}. */
  public static final ExportFormat FORMAT = ExportFormat.of("oscal-poam");

  private static final FormatDescriptor DESCRIPTOR =
      new FormatDescriptor(FORMAT, "application/json", ".oscal-poam.json", false);

  /** For {@code ServiceLoader}. */
  public OscalPoamWriter() {
  }

  @Override
  public FormatDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void write(ExportBundle bundle, WriteContext context, OutputStream out) throws IOException {
    OscalDocument.writePoam(bundle, FORMAT.id(), out);
  }
}
