package dev.exporthub.core.plugins;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.WriteContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A plugin writer registered through the test class path's META-INF/services file. */
public final class PlainTextWriter implements FormatWriter {

  public static final ExportFormat FORMAT = ExportFormat.of("plain-text");

  @Override
  public FormatDescriptor descriptor() {
    return new FormatDescriptor(FORMAT, "text/plain; charset=utf-8", ".txt", false);
  }

  @Override
  public void write(ExportBundle bundle, WriteContext context, OutputStream out) throws IOException {
    StringBuilder text = new StringBuilder(bundle.title()).append('\n');
    for (ExportSection section : bundle.sections()) {
      text.append(section.title()).append(": ").append(section.itemCount()).append('\n');
    }
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
