package dev.exporthub.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: columns as wide as their widest cell, two spaces apart, columns of numbers
 * aligned right (their header too), no trailing spaces. Used by {@code demo}, {@code sample} and {@code log stats}.
 */
final class Table {

  private final List<Object[]> rows = new ArrayList<>();
  private final int columns;

  static Table withHeader(String... header) {
    Table table = new Table(header.length);
    table.rows.add(header);
    return table;
  }

  /** A table without a header row. */
  static Table of(int columns) {
    return new Table(columns);
  }

  private Table(int columns) {
    this.columns = columns;
  }

  Table row(Object... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
    }
    rows.add(cells.clone());
    return this;
  }

  /** Prints the rows, each cell indented by {@code indent}. */
  void print(PrintStream out, String indent) {
    int[] widths = new int[columns];
    boolean[] numeric = new boolean[columns];
    for (Object[] row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], String.valueOf(row[c]).length());
        numeric[c] |= row[c] instanceof Number;
      }
    }
    for (Object[] row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int c = 0; c < columns; c++) {
        String cell = String.valueOf(row[c]);
        String padding = " ".repeat(widths[c] - cell.length());
        if (c > 0) {
          line.append("  ");
        }
        line.append(numeric[c] ? padding + cell : cell + padding);
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
