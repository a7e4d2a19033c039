package dev.exporthub.testkit.builtin;

import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.formats.HtmlFormatWriter;
import dev.exporthub.testkit.FormatWriterContract;
import net.jqwik.api.Label;

@Label("HtmlFormatWriter passes the FormatWriterContract")
class HtmlFormatWriterContractTest extends FormatWriterContract {
  @Override
  protected FormatWriter writer() {
    return new HtmlFormatWriter();
  }
}
