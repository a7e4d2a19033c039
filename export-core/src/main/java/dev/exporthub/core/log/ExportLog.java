package dev.exporthub.core.log;

import dev.exporthub.api.ExportStatistics;
import dev.exporthub.api.LogCheckpoint;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.core.internal.LogCodec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The tamper-evident export log: every entry is chained to the one before it by a SHA-256 hash
 * over every stored byte, so {@link #verify()} finds any modified, deleted, reordered, duplicated
 * or inserted entry, and {@link #verify(LogCheckpoint)} also a log cut back behind a checkpoint.
 *
 * <p>Each entry is stored as one line of compact JSON with a fixed key order: {@code schemaVersion},
 * {@code sequence}, {@code entryType}, {@code timestamp} (ISO-8601 UTC), the entry type's own fields
 * in the order of {@code docs/SPECIFICATION.md} §7.1, {@code prevHash}, and {@code hash} last.
 * {@code hash} is SHA-256 over the previous entry's hash (64 lower-case hex digits; 64 zeros before
 * the first entry) followed by the exact UTF-8 bytes of the line without its {@code hash} member
 * (§7.2).
 *
 * <p>This is the log's read side: nothing here appends. Only the hub appends, the entries that
 * {@code docs/SPECIFICATION.md} §7.3 lists, so no host code can forge an entry through it. A log
 * read here may be one a hub is appending to.
 *
 * <p><b>Cost.</b> Nothing here loads the whole log. {@link #statistics} is answered from a summary
 * kept line by line (per-tenant totals and the last 48 hours; saved among the store's derived data,
 * {@code <log>.summary} beside a file store's log, and never trusted without checking that the log
 * still holds its last line), so
 * it costs the same at ten entries and ten million, apart from reading the lines appended since the
 * last call. {@link #recentExports} reads the lines the summary names for each tenant's newest
 * exports, or, for a query it cannot answer so (a time range, a limit over 100), reads back from the
 * end until it has enough. {@link #verify},
 * the exports and {@link #entries} stream the log; {@link #entries} holds what matches.
 *
 * <p>Thread-safe: appends are serialised by the store, which also keeps other processes from
 * forking the chain when it is shared (see {@link FileLogStore}). Reads see the store as it is when
 * they run.
 */
public final class ExportLog {

  private static final String GENERATED_TYPE = "\"entryType\":\"export-generated\"";
  /** Lines read between two saves of a file store's summary: at most these are read again on open. */
  private static final int SAVE_EVERY = 4096;

  private final ExportLogStore store;
  private final ExportLogStore.DerivedData derived; // null when the store keeps no derived data
  private LogSummary summary;     // guarded by this; null until first needed
  private long savedLines;        // guarded by this; -1 when the file holds no summary of this log

  /** A log over this store. */
  public ExportLog(ExportLogStore store) {
    this.store = Objects.requireNonNull(store, "store");
    this.derived = store.derivedData().orElse(null);
  }

  /**
   * Every well-formed entry, in stored order, as stored. Lines that are not well-formed are left out
   * here; {@link #verify()} reports them, and tells whether the entries can be trusted. Holds every
   * entry in memory: for a large log, prefer a {@link LogQuery} or the streaming exports.
   */
  public List<LogEntry> entries() {
    return entries(LogQuery.all());
  }

  /** The well-formed entries that match the query, in stored order; the log is streamed, the matches held. */
  public List<LogEntry> entries(LogQuery query) {
    Objects.requireNonNull(query, "query");
    try (Stream<String> lines = store.stream(1)) {
      return lines.filter(query::mayMatch).map(ExportLog::decodeOrNull).filter(e -> e != null && query.matches(e))
          .toList();
    }
  }

  /**
   * The newest {@code export-generated} entries, newest (highest sequence number) first: the export
   * history of {@code docs/SPECIFICATION.md} §7.7 and §12.
   *
   * @param limit how many at most, e.g. 10
   */
  public List<LogEntry.ExportGenerated> recentExports(int limit) {
    return recentExports(limit, LogQuery.all());
  }

  /** Like {@link #recentExports(int)}, of the entries that match the query. */
  public List<LogEntry.ExportGenerated> recentExports(int limit, LogQuery query) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    Objects.requireNonNull(query, "query");
    Optional<List<Long>> known = summary().recentExportLines(query, limit);
    if (known.isPresent()) {
      List<LogEntry.ExportGenerated> found = new ArrayList<>();
      for (long line : known.get()) {
        if (store.read(line, 1).stream().findFirst().map(ExportLog::decodeOrNull).orElse(null)
            instanceof LogEntry.ExportGenerated generated && query.matches(generated)) {
          found.add(generated);
        }
      }
      if (found.size() == known.get().size()) {
        return found.stream().sorted(Comparator.comparingLong(LogEntry::sequence).reversed()).toList();
      }
      // A kept line no longer decodes as the export it was: read the log itself.
    }
    List<LogEntry.ExportGenerated> found = new ArrayList<>();
    int batch = 16; // most calls want the last few: read back in doubling batches
    for (long end = store.size(); end >= 1 && found.size() < limit; end -= batch, batch = Math.min(batch * 2, 4096)) {
      long from = Math.max(1, end - batch + 1);
      List<String> lines = store.read(from, (int) (end - from + 1));
      for (int i = lines.size() - 1; i >= 0; i--) {
        String line = lines.get(i);
        // Only a line naming this type can decode to it (the type is the third key of the canonical form).
        if (line.startsWith(GENERATED_TYPE, line.indexOf(",\"entryType\":") + 1) && query.mayMatch(line)
            && decodeOrNull(line) instanceof LogEntry.ExportGenerated generated && query.matches(generated)) {
          found.add(generated);
        }
      }
    }
    // Stored order is sequence order in an intact log; a damaged one is still listed by sequence.
    return found.stream().sorted(Comparator.comparingLong(LogEntry::sequence).reversed()).limit(limit).toList();
  }

  /**
   * The checkpoint of the newest entry, or empty for an empty log. Keep it somewhere the log's
   * writers cannot change, and pass it to {@link #verify(LogCheckpoint)} later.
   *
   * @throws IllegalStateException when the newest line is too damaged to name its sequence and hash
   */
  public Optional<LogCheckpoint> head() {
    return store.last().map(line -> {
      LogCodec.Position last = LogCodec.lastPosition(line);
      return new LogCheckpoint(last.sequence(), last.hash());
    });
  }

  /** Checks every line's form and hash, the chain links and the sequence order. */
  public LogVerification verify() {
    return verify(null);
  }

  /**
   * Like {@link #verify()}, and also checks that the log still holds, unchanged, the entry of a
   * checkpoint the caller kept.
   *
   * <p>The rules, in the order they apply:
   * <ol>
   *   <li><b>Each line on its own.</b> A line that is not exactly the canonical stored form of a
   *       well-formed entry is {@code MALFORMED}. A well-formed line whose {@code hash} is not SHA-256
   *       over its {@code prevHash} and its own bytes is {@code HASH_MISMATCH}: its content (sequence
   *       number, any field, prevHash or the hash itself) was changed. Neither kind of line is
   *       trusted below; each is reported at the sequence number its position implies (one more than
   *       the line before it), because a changed line's own number cannot be trusted.</li>
   *   <li><b>One entry per sequence number.</b> Among the correctly sealed lines, a second copy of an
   *       entry is a {@code DUPLICATE}. Two different entries that claim one sequence number are an
   *       insertion or a fork: the one the chain goes on from (the next entry links to it; failing
   *       that, it links to the entry before it; failing that, the first stored) stays, and every
   *       other is a {@code HASH_MISMATCH}: it is not part of the chain.</li>
   *   <li><b>No gaps.</b> Every sequence number from 1 to the highest present must be held by a line,
   *       else it is {@code MISSING}. A run of more than 1,000 missing numbers is reported once, at
   *       its first number.</li>
   *   <li><b>Links.</b> Entry 1 must link to 64 zeros and every other entry to the hash of the entry
   *       numbered one less (when that one is present), else {@code HASH_MISMATCH}. Links are checked
   *       by number, not by position, so an entry that only moved is not a mismatch. A changed hash
   *       therefore shows twice: on its own entry and on the link of the next.</li>
   *   <li><b>Order.</b> The entries must be stored in increasing sequence order; those outside a
   *       longest increasing run of the stored order are {@code REORDERED}.</li>
   *   <li><b>Checkpoint.</b> When the log ends before the checkpoint's sequence number, or the entry
   *       there has another hash (the log was cut back and written anew), it is {@code TRUNCATED}.</li>
   * </ol>
   *
   * <p>Appending correctly sealed entries at the end is what appending is, so a log that was cut back
   * verifies on its own: only a checkpoint kept elsewhere shows it.
   *
   * <p>An intact log is verified in one streaming pass in constant memory; a log with a problem is
   * read a second time, into memory, to name every problem by the rules above.
   *
   * @param checkpoint a checkpoint from {@link #head()} taken earlier, or {@code null}
   */
  public LogVerification verify(LogCheckpoint checkpoint) {
    return LogVerifier.verify(() -> store.stream(1), checkpoint);
  }

  /**
   * Statistics over the whole log, with trends for the 24 hours ending at {@code now} against the
   * 24 hours before.
   */
  public ExportStatistics statistics(Instant now) {
    return statistics(LogQuery.all(), now);
  }

  /**
   * Like {@link #statistics(Instant)}, over the entries that match the query (e.g. a caller's). A
   * query without a time range is answered from the log's summary; one with a time range, or trends
   * ending before the newest entry's timestamp, stream the log.
   */
  public ExportStatistics statistics(LogQuery query, Instant now) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(now, "now");
    if (!query.timeBound()) {
      Optional<ExportStatistics> summarised = summary().statistics(query, now);
      if (summarised.isPresent()) {
        return summarised.get();
      }
    }
    try (Stream<String> lines = store.stream(1)) {
      return LogStatistics.of(() -> lines.map(ExportLog::decodeOrNull)
          .filter(e -> e != null && query.matches(e)).iterator(), now);
    }
  }

  /**
   * Generated exports per UTC day, from {@code first} to {@code last} inclusive, of the entries
   * that match the query; every day is present, zero when it has none. The last 90 days up to the
   * newest entry come from the log's summary; a query with a time range, or days further back,
   * stream the log.
   */
  public SortedMap<LocalDate, Long> exportsPerDay(LogQuery query, LocalDate first, LocalDate last) {
    Objects.requireNonNull(query, "query");
    if (first.isAfter(last) || first.plusDays(3660).isBefore(last)) {
      throw new IllegalArgumentException("from " + first + " to " + last + " is not a range of at most ten years");
    }
    Optional<SortedMap<LocalDate, Long>> summarised = summary().exportsPerDay(query, first, last);
    if (summarised.isPresent()) {
      return summarised.get();
    }
    SortedMap<LocalDate, Long> days = new TreeMap<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      days.put(day, 0L);
    }
    try (Stream<String> lines = store.stream(1)) {
      lines.filter(query::mayMatch).map(ExportLog::decodeOrNull)
          .filter(e -> e instanceof LogEntry.ExportGenerated && query.matches(e))
          .map(e -> LocalDate.ofInstant(e.timestamp(), ZoneOffset.UTC))
          .filter(days::containsKey)
          .forEach(day -> days.merge(day, 1L, Long::sum));
    }
    return days;
  }

  /** The summary, brought up to date with the store: read again from the start when it no longer matches. */
  private synchronized LogSummary summary() {
    long size = store.size();
    if (summary == null) {
      Optional<LogSummary> saved = derived == null ? Optional.empty() : LogSummary.load(derived);
      summary = saved.orElseGet(LogSummary::new);
      savedLines = saved.isPresent() ? summary.lines() : -1; // none saved yet: save the first one made
    }
    if (summary.lines() > size || summary.lines() > 0
        && !summary.readTheSameLastLine(store.read(summary.lines(), 1).stream().findFirst().orElse(null))) {
      summary = new LogSummary();
      savedLines = -1;
    }
    if (summary.lines() < size) {
      try (Stream<String> lines = store.stream(summary.lines() + 1)) {
        lines.forEach(summary::add);
      }
    }
    if (derived != null && (savedLines < 0 || summary.lines() - savedLines >= SAVE_EVERY)) {
      summary.save(derived);
      savedLines = summary.lines();
    }
    return summary;
  }

  /**
   * Writes the log as a UTF-8 JSON array of its well-formed entries, one per line, each exactly as
   * stored (so its hash can be checked from the export). Flushes {@code out}, does not close it.
   */
  public void writeJson(OutputStream out) throws IOException {
    writeJson(out, LogQuery.all());
  }

  /** Like {@link #writeJson(OutputStream)}, with the entries that match the query. */
  public void writeJson(OutputStream out, LogQuery query) throws IOException {
    Objects.requireNonNull(query, "query");
    Writer writer = writer(out);
    String separator = "[\n";
    try (Stream<String> lines = store.stream(1)) {
      for (String line : (Iterable<String>) lines::iterator) {
        LogEntry entry = decodeOrNull(line);
        if (entry != null && query.matches(entry)) {
          writer.write(separator);
          writer.write(line);
          separator = ",\n";
        }
      }
    }
    writer.write(separator.equals("[\n") ? "[]\n" : "\n]\n");
    writer.flush();
  }

  /**
   * Writes the log as RFC 4180 CSV in UTF-8: a header row {@code sequence, timestamp, entryType,
   * tenantId, userId, summary, prevHash, hash}, then one record per well-formed entry; every cell
   * quoted, records ended by CRLF. A cell that would start with {@code =}, {@code +}, {@code -},
   * {@code @}, TAB, CR, NUL or {@code '} gets a leading {@code '} so spreadsheets do not run it as a
   * formula. Flushes {@code out}, does not close it.
   */
  public void writeCsv(OutputStream out) throws IOException {
    writeCsv(out, LogQuery.all());
  }

  /** Like {@link #writeCsv(OutputStream)}, with the entries that match the query. */
  public void writeCsv(OutputStream out, LogQuery query) throws IOException {
    Objects.requireNonNull(query, "query");
    Writer writer = writer(out);
    LogCsv.writeHeader(writer);
    try (Stream<String> lines = store.stream(1)) {
      for (String line : (Iterable<String>) lines::iterator) {
        LogEntry entry = decodeOrNull(line);
        if (entry != null && query.matches(entry)) {
          LogCsv.writeEntry(writer, entry);
        }
      }
    }
    writer.flush();
  }

  private static Writer writer(OutputStream out) {
    return new BufferedWriter(new OutputStreamWriter(Objects.requireNonNull(out, "out"), StandardCharsets.UTF_8));
  }

  private static LogEntry decodeOrNull(String line) {
    try {
      return LogCodec.decode(line);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

}
