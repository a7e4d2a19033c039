package dev.exporthub.oscal;

import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.testkit.FormatWriterContract;

class OscalPoamWriterContractTest extends FormatWriterContract {
  @Override
  protected FormatWriter writer() {
    return new OscalPoamWriter();
  }
}
