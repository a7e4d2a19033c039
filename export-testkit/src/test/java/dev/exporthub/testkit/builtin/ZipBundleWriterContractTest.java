package dev.exporthub.testkit.builtin;

import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.formats.ZipBundleWriter;
import dev.exporthub.testkit.FormatWriterContract;
import net.jqwik.api.Label;

@Label("ZipBundleWriter passes the FormatWriterContract")
class ZipBundleWriterContractTest extends FormatWriterContract {
  @Override
  protected FormatWriter writer() {
    return new ZipBundleWriter();
  }
}
