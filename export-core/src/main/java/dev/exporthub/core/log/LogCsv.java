package dev.exporthub.core.log;

import dev.exporthub.api.LogEntry;
import dev.exporthub.codec.FormulaGuard;
import dev.exporthub.core.internal.Json;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The log as RFC 4180 CSV: a header row, one record per entry, every cell quoted (a {@code "} inside
 * doubled), records ended by CRLF. Every cell passes the bundle CSV's {@link FormulaGuard}: one that
 * would start like a spreadsheet formula, or with the guard {@code '} itself, gets a leading
 * {@code '}, so a reader that drops one leading {@code '} from every cell that has one gets the exact
 * value back.
 */
final class LogCsv {

  static final List<String> HEADER =
      List.of("sequence", "timestamp", "entryType", "tenantId", "userId", "summary", "prevHash", "hash");

  private LogCsv() {}

  static void writeHeader(Writer out) throws IOException {
    writeRecord(out, HEADER);
  }

  static void writeEntry(Writer out, LogEntry entry) throws IOException {
    writeRecord(out, List.of(
        Long.toString(entry.sequence()),
        Json.instant(entry.timestamp()),
        entry.entryType(),
        entry.tenantId() == null ? "" : entry.tenantId(),
        entry.userId(),
        summary(entry),
        entry.prevHash(),
        entry.hash()));
  }

  /** One record: every cell guarded, quoted, separated by commas, ended by CRLF. */
  static void writeRecord(Writer out, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write('"');
      out.write(FormulaGuard.guard(cells.get(i)).replace("\"", "\"\""));
      out.write('"');
    }
    out.write("\r\n");
  }

  /** A sentence on what the entry records; locale-free. */
  static String summary(LogEntry entry) {
    if (entry instanceof LogEntry.ExportGenerated e) {
      LogEntry.GeneratedExport x = e.export();
      return x.category() + " as " + x.format() + ": " + x.sectionsGenerated() + " sections, "
          + x.itemsIncluded() + " items, " + x.sizeBytes() + " bytes in " + x.computationTimeMs()
          + " ms (bundle " + x.bundleId() + ")";
    }
    if (entry instanceof LogEntry.ExportDownloaded e) {
      LogEntry.Download d = e.download();
      return d.bundleId() + " as " + d.format() + ": " + d.filename() + ", " + d.sizeBytes() + " bytes";
    }
    if (entry instanceof LogEntry.PolicyEvaluated e) {
      return (e.decision().allowed() ? "allowed: " : "denied: ") + e.decision().reason()
          + " (query " + e.decision().queryId() + ")";
    }
    LogEntry.ExportError e = (LogEntry.ExportError) entry;
    return e.error().errorCode() + ": " + e.error().message()
        + (e.error().queryId() == null ? "" : " (query " + e.error().queryId() + ")");
  }
}
