package dev.exporthub.formats;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.WriteContext;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/** What the six built-in writers share: a fixed descriptor, no state, and no null argument written. */
abstract class BuiltInWriter implements FormatWriter {

  private final FormatDescriptor descriptor;

  BuiltInWriter(FormatDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  @Override
  public final FormatDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public final void write(ExportBundle bundle, WriteContext context, OutputStream out) throws IOException {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(out, "out");
    render(bundle, context, out);
  }

  /** Writes the bundle; the arguments are not null. */
  abstract void render(ExportBundle bundle, WriteContext context, OutputStream out) throws IOException;
}
