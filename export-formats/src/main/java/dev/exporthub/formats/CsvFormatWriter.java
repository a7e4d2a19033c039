package dev.exporthub.formats;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.WriteContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
 * <p><b>Formula injection</b> (OWASP "CSV Injection"): a cell that would start with {@code =},
 * {@code +}, {@code -}, {@code @}, TAB, CR or NUL is prefixed with {@code '}, so spreadsheets show it
 * as text instead of evaluating it. A cell that starts with {@code '} gets the prefix too, which
 * keeps the guard reversible: a reader that drops one leading {@code '} from every cell that has
 * one gets the exact value back.
 *
 * <p>Request options: {@code csv.bom=true} starts the file with a UTF-8 byte order mark;
 * {@code csv.delimiter=;} separates cells with {@code ;}, what Excel expects in locales with a
 * decimal comma. Any other value of these options is an {@link InvalidRequestException}, raised
 * before anything is written.
 *
 * <p>Items are pulled section by section and written as they come. The writer is stateless and
 * thread-safe, never closes {@code out} and lets its {@link IOException}s through.
 */
public final class CsvFormatWriter implements FormatWriter {

  /** The option that adds a UTF-8 byte order mark: {@code true} or {@code false} (the default). */
  public static final String BOM_OPTION = "csv.bom";

  /** The option that picks the cell delimiter: {@code ,} (the default) or {@code ;}. */
  public static final String DELIMITER_OPTION = "csv.delimiter";

  static final FormatDescriptor DESCRIPTOR =
      new FormatDescriptor(ExportFormat.CSV, "text/csv; charset=utf-8", ".csv", false);

  static final List<String> HEADER = List.of("Section", "Item ID", "Item Type", "Timestamp", "Data Source", "Details");

  /** The characters that make a spreadsheet treat a cell as a formula (and the guard itself). */
  private static final String GUARDED_STARTS = "=+-@\t\r\0'";

  /** Creates the writer; it keeps no state. */
  public CsvFormatWriter() {
  }

  @Override
  public FormatDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void write(ExportBundle bundle, WriteContext context, OutputStream out) throws IOException {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(out, "out");
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
   */
  static void writeRows(List<ExportSection> sections, Options options, OutputStream out) throws IOException {
    // Not closed: that would close the caller's stream.
    Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    if (options.bom()) {
      text.write('\uFEFF');
    }
    // CSVFormat prints records itself; a fresh format per call, because its print methods are
    // synchronized. (CSVPrinter is avoided: javac cannot read its SpotBugs annotations.)
    CSVFormat format = options.format();
    format.printRecord(text, HEADER.toArray());
    for (ExportSection section : sections) {
      SectionItems.forEach(section, item -> format.printRecord(text, row(section, item)));
    }
    text.flush();
  }

  private static Object[] row(ExportSection section, ExportItem item) {
    return new Object[] {
        guard(section.title()),
        guard(DataValues.wellFormed(item.itemId())),
        guard(DataValues.wellFormed(item.itemType())),
        guard(DataValues.instant(item.timestamp())),
        guard(section.dataSource()),
        guard(details(item))};
  }

  /** The item's data as {@code key=value} pairs joined by {@code "; "}, escaped as documented. */
  static String details(ExportItem item) {
    StringBuilder details = new StringBuilder();
    for (Map.Entry<String, Object> field : DataValues.entries(item.data())) {
      if (details.length() > 0) {
        details.append("; ");
      }
      String value;
      try {
        value = DataValues.text(field.getValue());
      } catch (IllegalArgumentException e) {
        throw DataValues.invalid(item, field.getKey(), e);
      }
      escapeDetail(field.getKey(), details);
      details.append('=');
      escapeDetail(value, details);
    }
    return details.toString();
  }

  private static void escapeDetail(String text, StringBuilder into) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' || c == ';' || c == '=') {
        into.append('\\');
      }
      into.append(c);
    }
  }

  /** The cell as written: with a leading {@code '} when it would start like a formula (or with {@code '}). */
  static String guard(String cell) {
    return !cell.isEmpty() && GUARDED_STARTS.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
  }
}
