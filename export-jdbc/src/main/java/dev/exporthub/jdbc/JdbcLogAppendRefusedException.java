package dev.exporthub.jdbc;

/**
 * {@link JdbcLogStore} does not append after a last row whose line is not sealed like a log entry:
 * it may be an entry someone damaged, and an entry chained after it would bury it. Nothing was
 * stored; the row is kept and {@code verify()} reports it as {@code MALFORMED}. Appends go on once an
 * operator has acted: kept the table as evidence and started a new log in another schema, or
 * restored the line from a trusted copy. The file store's equivalent is {@code LogAppendRefusedException}.
 */
public final class JdbcLogAppendRefusedException extends JdbcLogException {

  private static final long serialVersionUID = 1L;

  private final long position;

  JdbcLogAppendRefusedException(long position) {
    super("Not appending to the export log table export_log: its last line, line " + position + ", is not sealed "
        + "like a log entry (it must begin with schemaVersion and end with its prevHash and hash members). The row is "
        + "kept as evidence and verify() reports it as MALFORMED. To go on, keep the table and start a new log in "
        + "another schema, or restore line " + position + " from a trusted copy", null);
    this.position = position;
  }

  /** The position (line number, from 1) of the damaged last line. */
  public long position() {
    return position;
  }
}
