package dev.exporthub.core.log;

/** The argument rules of {@code ExportLogStore.read}, shared by the stores here. */
final class LineRange {

  private LineRange() {}

  static void check(long from, int max) {
    if (from < 1) {
      throw new IllegalArgumentException("Lines are numbered from 1, not " + from);
    }
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative, was " + max);
    }
  }
}
