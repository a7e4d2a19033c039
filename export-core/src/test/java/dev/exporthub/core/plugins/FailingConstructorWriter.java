package dev.exporthub.core.plugins;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.WriteContext;
import java.io.OutputStream;

/** A broken plugin: it cannot be instantiated, so ServiceLoader reports a ServiceConfigurationError. */
public final class FailingConstructorWriter implements FormatWriter {

  public FailingConstructorWriter() {
    throw new IllegalStateException("this plugin is broken on purpose");
  }

  @Override
  public FormatDescriptor descriptor() {
    throw new AssertionError("never instantiated");
  }

  @Override
  public void write(ExportBundle bundle, WriteContext context, OutputStream out) {
    throw new AssertionError("never instantiated");
  }
}
