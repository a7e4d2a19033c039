/**
 * Export Hub's public model and its SPIs: what a host compiles against. Depends on the JDK only.
 */
module dev.exporthub.api {
  exports dev.exporthub.api;
  exports dev.exporthub.api.source;
  exports dev.exporthub.api.spi;
}
