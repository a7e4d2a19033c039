package dev.exporthub.testkit.builtin;

import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.formats.CsvFormatWriter;
import dev.exporthub.testkit.FormatWriterContract;
import net.jqwik.api.Label;

@Label("CsvFormatWriter passes the FormatWriterContract")
class CsvFormatWriterContractTest extends FormatWriterContract {
  @Override
  protected FormatWriter writer() {
    return new CsvFormatWriter();
  }
}
