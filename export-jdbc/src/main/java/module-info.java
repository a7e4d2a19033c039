/**
 * Operational records and the export log in a relational database, through {@code java.sql} only.
 */
module dev.exporthub.jdbc {
  requires transitive dev.exporthub.api;
  requires transitive java.sql;
  requires org.slf4j;

  exports dev.exporthub.jdbc;
}
