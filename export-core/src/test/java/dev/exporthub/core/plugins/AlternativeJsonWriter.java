package dev.exporthub.core.plugins;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.WriteContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A second writer for json, to clash with the built-in one. */
public final class AlternativeJsonWriter implements FormatWriter {

  @Override
  public FormatDescriptor descriptor() {
    return new FormatDescriptor(ExportFormat.JSON, "application/json", ".json", false);
  }

  @Override
  public void write(ExportBundle bundle, WriteContext context, OutputStream out) throws IOException {
    out.write(("{\"alternative\":\"" + bundle.bundleId() + "\"}").getBytes(StandardCharsets.UTF_8));
  }
}
