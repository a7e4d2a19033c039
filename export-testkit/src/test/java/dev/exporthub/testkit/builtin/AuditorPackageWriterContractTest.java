package dev.exporthub.testkit.builtin;

import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.formats.AuditorPackageWriter;
import dev.exporthub.testkit.FormatWriterContract;
import net.jqwik.api.Label;

@Label("AuditorPackageWriter passes the FormatWriterContract")
class AuditorPackageWriterContractTest extends FormatWriterContract {
  @Override
  protected FormatWriter writer() {
    return new AuditorPackageWriter();
  }
}
