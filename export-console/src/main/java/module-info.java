/** The web console of one {@code ExportHub}, served by the JDK's HTTP server. */
module dev.exporthub.console {
  requires transitive dev.exporthub.core;
  requires transitive jdk.httpserver;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.exporthub.console;
}
