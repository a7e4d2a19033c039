package dev.exporthub.formats;

import com.fasterxml.jackson.core.io.NumberOutput;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.ItemValue;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.WriteContext;
import dev.exporthub.codec.FormulaGuard;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes one CSV row per item ({@code text/csv}, {@code .csv}), with Apache Commons CSV.
 *
 * <p>By default the output is RFC 4180: UTF-8 without a byte order mark, {@code ,} between cells,
 * CRLF after every record, every cell in double quotes. The first record is the header
 * {@code Section, Item ID, Item Type, Timestamp, Data Source, Details}. Section and Data Source are
 * the section's title and data-source label; Timestamp is ISO-8601 UTC.
 *
 * <p><b>Details</b> holds the item's data as {@code key=value} pairs in the item's key order,
 * joined by {@code "; "}. In keys and values, {@code \}, {@code ;} and {@code =} are escaped with a
 * backslash, so a reader splits at the unescaped {@code ;} and then at the first unescaped
 * {@code =}. Nested maps and lists are written as compact JSON, instants as ISO-8601 UTC.
 *
 * <p><b>Formula injection</b> (OWASP "CSV Injection"): every cell passes the {@link FormulaGuard}
 * the log's CSV uses too. A cell that would start with {@code =}, {@code +}, {@code -}, {@code @},
 * TAB, CR or NUL is prefixed with {@code '}, so spreadsheets show it as text instead of evaluating
 * it. A cell that starts with {@code '} gets the prefix too, which keeps the guard reversible: a
 * reader that drops one leading {@code '} from every cell that has one gets the exact value back.
 *
 * <p>Request options: {@code csv.bom=true} starts the file with a UTF-8 byte order mark;
 * {@code csv.delimiter=;} separates cells with {@code ;}, what Excel expects in locales with a
 * decimal comma. Any other value of these options is an {@link InvalidRequestException}, raised
 * before anything is written.
 *
 * <p>Items are pulled section by section and written as they come. The writer is stateless and
 * thread-safe, never closes {@code out} and lets its {@link IOException}s through.
 */
public final class CsvFormatWriter extends BuiltInWriter {

  /** The option that adds a UTF-8 byte order mark: {@code true} or {@code false} (the default). */
  public static final String BOM_OPTION = "csv.bom";

  /** The option that picks the cell delimiter: {@code ,} (the default) or {@code ;}. */
  public static final String DELIMITER_OPTION = "csv.delimiter";

  static final FormatDescriptor DESCRIPTOR =
      new FormatDescriptor(ExportFormat.CSV, "text/csv; charset=utf-8", ".csv", false);

  static final List<String> HEADER = List.of("Section", "Item ID", "Item Type", "Timestamp", "Data Source", "Details");

  /** Creates the writer; it keeps no state. */
  public CsvFormatWriter() {
    super(DESCRIPTOR);
  }

  @Override
  void render(ExportBundle bundle, WriteContext context, OutputStream out) throws IOException {
    Options options = Options.from(context.options());
    writeRows(bundle.sections(), options, out);
  }

  /** The CSV options of a request. */
  record Options(boolean bom, char delimiter) {

    static final Options DEFAULT = new Options(false, ',');

    /** @throws InvalidRequestException on a value the writer does not understand */
    static Options from(Map<String, String> options) {
      String bom = options.getOrDefault(BOM_OPTION, "false").strip().toLowerCase(Locale.ROOT);
      if (!bom.equals("true") && !bom.equals("false")) {
        throw new InvalidRequestException("Option " + BOM_OPTION + " must be true or false, not '"
            + options.get(BOM_OPTION) + "'");
      }
      String delimiter = options.getOrDefault(DELIMITER_OPTION, ",");
      if (!delimiter.equals(",") && !delimiter.equals(";")) {
        throw new InvalidRequestException("Option " + DELIMITER_OPTION + " must be ',' or ';', not '"
            + delimiter + "'");
      }
      return new Options(bom.equals("true"), delimiter.charAt(0));
    }

    CSVFormat format() {
      return CSVFormat.RFC4180.builder()
          .setDelimiter(delimiter)
          .setQuoteMode(QuoteMode.ALL)
          .setRecordSeparator("\r\n")
          .get();
    }
  }

  /**
   * Writes the header and one row per item of {@code sections}; usable on its own by formats that
   * store one section per file.
   *
   * <p>The records are what Commons CSV's {@code CSVFormat.printRecord} prints for {@link Options#format()}
   * (every cell in quotes, quotes doubled, the delimiter between cells, CRLF after each record),
   * written straight into UTF-8 bytes; the tests hold the two to the same output.
   */
  static void writeRows(List<ExportSection> sections, Options options, OutputStream out) throws IOException {
    // Not closed: that would close the caller's stream.
    Utf8Writer text = new Utf8Writer(out);
    if (options.bom()) {
      text.write('\uFEFF');
    }
    Rows rows = new Rows(text, options.delimiter());
    for (int i = 0; i < HEADER.size(); i++) {
      rows.cell(HEADER.get(i), i == 0);
    }
    text.write(RECORD_SEPARATOR);
    for (ExportSection section : sections) {
      String title = FormulaGuard.guard(section.title());
      String dataSource = FormulaGuard.guard(section.dataSource());
      SectionItems.forEach(section, item -> rows.row(title, dataSource, item));
    }
    text.flush();
  }

  private static final String RECORD_SEPARATOR = "\r\n";

  /** Writes rows; holds what one export reuses from row to row. */
  private static final class Rows {
    private final Utf8Writer out;
    private final char delimiter;
    private final DataValues.Texts values = new DataValues.Texts();
    private final char[] instant = new char[IsoInstant.MAX_LENGTH];
    private final Keys keys = new Keys();

    Rows(Utf8Writer out, char delimiter) {
      this.out = out;
      this.delimiter = delimiter;
    }

    void row(String guardedTitle, String guardedDataSource, ExportItem item) throws IOException {
      cell(guardedTitle, true);
      guardedCell(DataValues.wellFormed(item.itemId()));
      guardedCell(DataValues.wellFormed(item.itemType()));
      int length = IsoInstant.write(item.timestamp(), instant, 0);
      if (length < 0) {
        guardedCell(DataValues.instant(item.timestamp()));
      } else {
        // ISO-8601 text starts with a digit (or, outside years 0 to 9999, a sign): never guarded, never quoted inside.
        out.write(delimiter);
        out.write('"');
        out.write(instant, 0, length);
        out.write('"');
      }
      cell(guardedDataSource, false);
      detailsCell(item);
      out.write(RECORD_SEPARATOR);
    }

    /**
     * The Details cell: {@code key=value} pairs in the item's key order joined by {@code "; "},
     * escaped as the class documents and then quoted, in one pass straight to the output; the guard
     * looks at what the cell's text starts with.
     */
    private void detailsCell(ExportItem item) throws IOException {
      out.write(delimiter);
      out.write('"');
      boolean first = true;
      for (Map.Entry<String, Object> field : item.data().entrySet()) {
        String key = keys.escaped(field.getKey());
        if (first) {
          // The text starts with the escaped key's first character, or with '=' after an empty key.
          if (FormulaGuard.guards(key.isEmpty() ? '=' : key.charAt(0))) {
            out.write(FormulaGuard.MARK);
          }
          first = false;
        } else {
          out.write("; ");
        }
        out.write(key);
        out.write('=');
        value(field.getValue());
      }
      out.write('"');
    }

    /**
     * An item value's text, escaped. Numbers, booleans and instants of years 0 to 9999 hold no
     * character to escape, so their text is written as it is, without being scanned.
     */
    private void value(Object value) throws IOException {
      switch (ItemValue.kindOf(value)) {
        case STRING -> detail(DataValues.wellFormed((String) value));
        case INTEGER, LONG -> out.write(Long.toString(((Number) value).longValue()));
        case DOUBLE -> out.write(NumberOutput.toString((Double) value, true));
        case BOOLEAN -> out.write((Boolean) value ? "true" : "false");
        case INSTANT -> {
          if (!writeInstant((Instant) value)) {
            detail(DataValues.instant((Instant) value));
          }
        }
        case NULL, LIST, MAP -> detail(values.text(value));
      }
    }

    /** Writes an instant of a year 0 to 9999; {@code false} (nothing written) for any other. */
    private boolean writeInstant(Instant at) throws IOException {
      int length = IsoInstant.write(at, instant, 0);
      if (length < 0) {
        return false;
      }
      out.write(instant, 0, length);
      return true;
    }

    /** {@code \\}, {@code ;} and {@code =} escaped with a backslash, quotes doubled for the cell. */
    private void detail(String text) throws IOException {
      int start = 0;
      int length = text.length();
      for (int i = 0; i < length; i++) {
        char c = text.charAt(i);
        if (isDetailSpecial(c)) {
          out.write(text, start, i - start);
          out.write('\\');
          start = i;
        } else if (c == '"') {
          out.write(text, start, i + 1 - start);
          out.write('"');
          start = i + 1;
        }
      }
      out.write(text, start, length - start);
    }

    private void guardedCell(String value) throws IOException {
      out.write(delimiter);
      out.write('"');
      if (!value.isEmpty() && FormulaGuard.guards(value.charAt(0))) {
        out.write(FormulaGuard.MARK);
      }
      quoted(value);
      out.write('"');
    }

    /** A cell as Commons CSV prints it: in quotes, with each quote doubled. */
    void cell(String value, boolean first) throws IOException {
      if (!first) {
        out.write(delimiter);
      }
      out.write('"');
      quoted(value);
      out.write('"');
    }

    private void quoted(String value) throws IOException {
      int start = 0;
      for (int quote = value.indexOf('"'); quote >= 0; quote = value.indexOf('"', quote + 1)) {
        out.write(value, start, quote + 1 - start);
        out.write('"');
        start = quote + 1;
      }
      out.write(value, start, value.length() - start);
    }

  }

  /**
   * The escaped text of recent data keys, as the Details cell carries them (well-formed, special
   * characters escaped, quotes doubled): every item repeats the same few keys. Not thread-safe.
   */
  private static final class Keys {
    private static final int SIZE = 64;
    private final String[] keys = new String[SIZE];
    private final String[] escaped = new String[SIZE];

    String escaped(String key) {
      int slot = key.hashCode() & (SIZE - 1);
      String cached = keys[slot];
      if (cached == key || cached != null && cached.equals(key)) {
        return escaped[slot];
      }
      String text = DataValues.wellFormed(key);
      StringBuilder s = new StringBuilder(text.length() + 4);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (isDetailSpecial(c)) {
          s.append('\\');
        } else if (c == '"') {
          s.append('"');
        }
        s.append(c);
      }
      keys[slot] = key;
      escaped[slot] = s.toString();
      return escaped[slot];
    }
  }

  private static boolean isDetailSpecial(char c) {
    return c == '\\' || c == ';' || c == '=';
  }
}
