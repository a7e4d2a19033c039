/** Internal to Export Hub: the encodings the core and the formats share. Not for hosts. */
module dev.exporthub.codec {
  requires transitive dev.exporthub.api;
  requires transitive com.fasterxml.jackson.core;

  exports dev.exporthub.codec to dev.exporthub.core, dev.exporthub.formats;
}
