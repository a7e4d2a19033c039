package dev.exporthub.api;

/**
 * A source record violates its contract (a missing id, a NaN metric, a duplicate id within a
 * source). The message names the source, the record id and the field, so a person can find and
 * fix the record.
 */
public final class InvalidDataException extends ExportException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final String recordId;
  private final String field;
  private final String problem;

  /**
   * @param source   the record type or data file, e.g. {@code AuditFinding} or {@code alerts.jsonl:12}
   * @param recordId the offending record's id, or {@code null} when it has none
   * @param field    the offending field, or {@code null} when the whole record is at fault
   * @param problem  what is wrong, e.g. {@code must not be blank}
   */
  public InvalidDataException(String source, String recordId, String field, String problem) {
    this(source, recordId, field, problem, null);
  }

  public InvalidDataException(String source, String recordId, String field, String problem, Throwable cause) {
    super(describe(source, recordId, field, problem), cause);
    this.source = source;
    this.recordId = recordId;
    this.field = field;
    this.problem = problem;
  }

  private static String describe(String source, String recordId, String field, String problem) {
    StringBuilder s = new StringBuilder(source);
    s.append(recordId == null ? " record" : " '" + recordId + "'");
    if (field != null) {
      s.append(" field '").append(field).append('\'');
    }
    return s.append(": ").append(problem).toString();
  }

  @Override
  public String errorCode() {
    return "INVALID_DATA";
  }

  /** The record type or data file at fault. */
  public String source() {
    return source;
  }

  /** The offending record's id, or {@code null}. */
  public String recordId() {
    return recordId;
  }

  /** The offending field, or {@code null}. */
  public String field() {
    return field;
  }

  /** What is wrong, e.g. {@code must not be blank}. */
  public String problem() {
    return problem;
  }
}
