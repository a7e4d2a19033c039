package dev.exporthub.testkit.builtin;

import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.formats.MarkdownFormatWriter;
import dev.exporthub.testkit.FormatWriterContract;
import net.jqwik.api.Label;

@Label("MarkdownFormatWriter passes the FormatWriterContract")
class MarkdownFormatWriterContractTest extends FormatWriterContract {
  @Override
  protected FormatWriter writer() {
    return new MarkdownFormatWriter();
  }
}
