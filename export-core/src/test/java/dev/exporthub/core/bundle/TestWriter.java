package dev.exporthub.core.bundle;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.WriteContext;
import java.io.OutputStream;

/** A writer that declares a format and writes nothing: previews need a writer for the request's format. */
record TestWriter(FormatDescriptor descriptor) implements FormatWriter {

  static final TestWriter JSON = new TestWriter(new FormatDescriptor(ExportFormat.JSON, "application/json", ".json", false));
  static final TestWriter CSV = new TestWriter(new FormatDescriptor(ExportFormat.CSV, "text/csv", ".csv", false));
  static final TestWriter ZIP = new TestWriter(new FormatDescriptor(ExportFormat.ZIP, "application/zip", ".zip", true));

  @Override
  public void write(ExportBundle bundle, WriteContext context, OutputStream out) {
  }
}
