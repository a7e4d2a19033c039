package dev.exporthub.jdbc;

import dev.exporthub.api.source.SourceType;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Set;

/**
 * Where one source's records live: a table or view and, for each field of the record in
 * component order, its column ({@code null}: an optional field the table does not have).
 *
 * @param type   the source
 * @param table  the table or view, as mapped (checked, unquoted)
 * @param fields every component of the record type, in order
 */
record SourceMapping(SourceType type, String table, List<Field> fields) {

  /** The fields a table may leave unmapped: absent, as an absent value in a data file. */
  static final Set<String> OPTIONAL = Set.of("facilityId", "resolvedAt", "slaDeadline", "completedAt",
      "assignedTo", "relatedIds", "attributes");

  /**
   * One field of the record.
   *
   * @param name     the record component, e.g. {@code foundAt}
   * @param javaType its type
   * @param column   the column, or {@code null} when unmapped (optional fields only)
   */
  record Field(String name, Class<?> javaType, String column) {
    boolean required() {
      return !OPTIONAL.contains(name);
    }
  }

  /** The field of this name. */
  Field field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  /** The components of a record type, in order. */
  static RecordComponent[] components(SourceType type) {
    return type.recordType().getRecordComponents();
  }

  /** {@code auditFindingId} as {@code audit_finding_id}: the conventional layout's column. */
  static String snakeCase(String field) {
    StringBuilder s = new StringBuilder();
    for (char c : field.toCharArray()) {
      if (Character.isUpperCase(c)) {
        s.append('_').append(Character.toLowerCase(c));
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }

  /** {@code audit-findings} as {@code audit_findings}: the conventional layout's table. */
  static String tableOf(SourceType type) {
    return type.id().replace('-', '_');
  }
}
