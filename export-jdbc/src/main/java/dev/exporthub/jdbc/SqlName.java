package dev.exporthub.jdbc;

import java.util.regex.Pattern;

/**
 * A table, view or column name of a mapping, checked against a strict pattern and always quoted
 * in SQL: letters, digits and {@code _}, not starting with a digit, at most 63 characters (what
 * PostgreSQL keeps), and for a table at most one schema qualifier. Such a name cannot hold a quote,
 * a space or a semicolon, so no mapping can change the statements it is put into.
 */
final class SqlName {

  private static final Pattern PART = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private SqlName() {
  }

  /** A column name, quoted: {@code "found_at"}. */
  static String column(String name) {
    return quote(check(name, "column"));
  }

  /** A table or view name, optionally {@code schema.table}, quoted part by part. */
  static String table(String name) {
    if (name != null) {
      int dot = name.indexOf('.');
      if (dot > 0) {
        return quote(check(name.substring(0, dot), "schema")) + "." + quote(check(name.substring(dot + 1), "table"));
      }
    }
    return quote(check(name, "table"));
  }

  private static String check(String name, String what) {
    if (name == null || !PART.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a valid " + what + " name: " + printable(name)
          + "; use letters, digits and _ (not first), at most 63 characters");
    }
    return name;
  }

  private static String quote(String name) {
    return '"' + name + '"';
  }

  /** The name as shown in a message: bounded, control characters escaped. */
  private static String printable(String name) {
    if (name == null) {
      return "null";
    }
    StringBuilder s = new StringBuilder("'");
    name.codePoints().limit(80).forEach(c -> {
      if (Character.isISOControl(c)) {
        s.append(String.format("\\u%04x", c));
      } else {
        s.appendCodePoint(c);
      }
    });
    return s.append(name.codePointCount(0, name.length()) > 80 ? "…'" : "'").toString();
  }
}
