/**
 * NIST OSCAL 1.1 JSON formats, found through {@link dev.exporthub.api.spi.FormatWriter}: assessment
 * results ({@code oscal-assessment-results}) and a plan of action and milestones ({@code oscal-poam}).
 */
module dev.exporthub.oscal {
  requires transitive dev.exporthub.api;

  exports dev.exporthub.oscal;

  provides dev.exporthub.api.spi.FormatWriter with
      dev.exporthub.oscal.OscalAssessmentResultsWriter,
      dev.exporthub.oscal.OscalPoamWriter;
}
