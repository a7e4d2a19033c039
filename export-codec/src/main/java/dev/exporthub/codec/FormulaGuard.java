package dev.exporthub.codec;

/**
 * The CSV formula guard (OWASP "CSV Injection"), the same in the bundle CSV and the log's CSV: a cell
 * that would start like a spreadsheet formula ({@code =}, {@code +}, {@code -}, {@code @}, TAB, CR or
 * NUL) is written with a leading {@code '}, so a spreadsheet shows it as text instead of evaluating
 * it. A cell that starts with {@code '} gets one too, which keeps the guard reversible: a reader that
 * drops one leading {@code '} from every cell that has one gets the exact value back.
 *
 * <p>Internal to Export Hub.
 */
public final class FormulaGuard {

  /** The guard written before a cell's text. */
  public static final char MARK = '\'';

  /** The characters that make a spreadsheet treat a cell as a formula, and the mark itself. */
  private static final String GUARDED_STARTS = "=+-@\t\r\0" + MARK;

  private FormulaGuard() {}

  /** Whether a cell whose text starts with {@code first} is written with the {@link #MARK} before it. */
  public static boolean guards(char first) {
    return GUARDED_STARTS.indexOf(first) >= 0;
  }

  /** The cell as written: with the {@link #MARK} before it when {@link #guards} says so. */
  public static String guard(String cell) {
    return !cell.isEmpty() && guards(cell.charAt(0)) ? MARK + cell : cell;
  }
}
