package dev.exporthub.oscal;

import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.testkit.FormatWriterContract;

class OscalAssessmentResultsWriterContractTest extends FormatWriterContract {
  @Override
  protected FormatWriter writer() {
    return new OscalAssessmentResultsWriter();
  }
}
