/** Seeded, realistic sample data sets and the data-directory layout. */
module dev.exporthub.samples {
  requires transitive dev.exporthub.api;

  exports dev.exporthub.samples;
}
