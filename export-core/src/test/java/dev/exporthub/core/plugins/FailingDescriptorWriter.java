package dev.exporthub.core.plugins;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.WriteContext;
import java.io.OutputStream;

/** A broken plugin: it loads, but cannot say what it writes. */
public final class FailingDescriptorWriter implements FormatWriter {

  @Override
  public FormatDescriptor descriptor() {
    throw new UnsupportedOperationException("no descriptor, on purpose");
  }

  @Override
  public void write(ExportBundle bundle, WriteContext context, OutputStream out) {
    throw new AssertionError("never chosen");
  }
}
