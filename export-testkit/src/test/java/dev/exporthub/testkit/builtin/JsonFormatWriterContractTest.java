package dev.exporthub.testkit.builtin;

import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.formats.JsonFormatWriter;
import dev.exporthub.testkit.FormatWriterContract;
import net.jqwik.api.Label;

@Label("JsonFormatWriter passes the FormatWriterContract")
class JsonFormatWriterContractTest extends FormatWriterContract {
  @Override
  protected FormatWriter writer() {
    return new JsonFormatWriter();
  }
}
