/** The {@code exporthub} command. */
module dev.exporthub.cli {
  requires dev.exporthub.core;
  requires dev.exporthub.formats;
  requires dev.exporthub.samples;
  requires dev.exporthub.console;
  requires dev.exporthub.jdbc;
  requires com.fasterxml.jackson.core;
  requires info.picocli;

  // picocli reads the commands' annotated fields reflectively.
  opens dev.exporthub.cli to info.picocli;
}
