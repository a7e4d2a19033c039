package dev.exporthub.core.log;

import dev.exporthub.api.ExportStatistics;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.core.internal.Hashing;
import dev.exporthub.core.internal.LogCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link ExportLog#statistics} and {@link ExportLog#recentExports} need, kept up to date line
 * by line so that they cost the same for ten entries and ten million: the totals of §8 per tenant
 * (they add up, so any set of tenants a query admits is a sum), the generated exports and downloads
 * of the last 48 hours before the newest timestamp (the trends), each tenant's exports per day for
 * the last {@value #DAYS} days (the console's chart), and the line numbers of each tenant's newest
 * {@value #HISTORY} generated exports (the history).
 *
 * <p>Derived and rebuildable. A summary knows how many lines it has read and the SHA-256 of the last
 * one; it is used only while the log still holds that line there (checked before every use), and
 * read again from the start of the log otherwise. A file store's summary is saved beside the log in
 * {@code <log>.summary} (written to a new file and renamed into place, with a SHA-256 of its content
 * at the end, so a torn or edited file is found and ignored), so that opening a large log reads only
 * the lines written since. Not thread-safe: {@link ExportLog} guards it.
 */
final class LogSummary {

  private static final Logger LOG = LoggerFactory.getLogger(ExportLog.class);
  /** The name of the summary among a store's derived data: {@code <log>.summary} for a file store. */
  static final String NAME = "summary";
  private static final byte[] MAGIC = "EXHSUM3\n".getBytes(StandardCharsets.US_ASCII);
  private static final Duration WINDOWS = LogStatistics.DAY.multipliedBy(2);
  /** How many of each tenant's newest exports are kept for {@link #recentExportLines}. */
  static final int HISTORY = 100;
  /** How many days of exports per day are kept, up to the newest entry's day. */
  static final int DAYS = 90;

  private long lines;
  private byte[] lastLineDigest;
  private final Map<String, LogStatistics.Totals> byTenant = new HashMap<>(); // null: entries naming no tenant
  /** Per tenant, its generated exports per UTC day (epoch day), for the {@value #DAYS} days up to the newest. */
  private final Map<String, TreeMap<Long, Long>> dailyByTenant = new HashMap<>();
  /** Per tenant, the line numbers of its newest generated exports, oldest first, at most {@link #HISTORY}. */
  private final Map<String, ArrayDeque<Long>> historyByTenant = new HashMap<>();
  private List<Recent> recent = new ArrayList<>();
  private Instant newest; // the newest timestamp counted, null before the first
  private long prunedFor = Long.MIN_VALUE; // the newest day the daily counts were pruned for
  private int pruneAt = 1024;

  /** A generated export or download of the last 48 hours before {@link #newest}. */
  private record Recent(Instant at, String entryType, String tenantId) { }

  /** How many lines this summary has read. */
  long lines() {
    return lines;
  }

  /** Whether this summary was made of the log's first {@link #lines()} lines, as far as its last line shows. */
  boolean readTheSameLastLine(String line) {
    return lines == 0 || line != null && MessageDigest.isEqual(lastLineDigest, digest(line));
  }

  /** Reads the next stored line; one that is not a well-formed entry counts as a line and nothing else. */
  void add(String line) {
    lines++;
    lastLineDigest = digest(line);
    LogEntry entry;
    try {
      entry = LogCodec.decode(line);
    } catch (IllegalArgumentException malformed) {
      return;
    }
    if (!(entry instanceof LogEntry.ExportGenerated) && !(entry instanceof LogEntry.ExportDownloaded)) {
      return;
    }
    byTenant.computeIfAbsent(entry.tenantId(), t -> new LogStatistics.Totals()).add(entry);
    if (entry instanceof LogEntry.ExportGenerated) {
      ArrayDeque<Long> history = historyByTenant.computeIfAbsent(entry.tenantId(), t -> new ArrayDeque<>());
      if (history.size() == HISTORY) {
        history.removeFirst();
      }
      history.addLast(lines);
    }
    Instant at = entry.timestamp();
    newest = newest == null || at.isAfter(newest) ? at : newest;
    if (entry instanceof LogEntry.ExportGenerated) {
      countDay(entry.tenantId(), at);
    }
    recent.add(new Recent(at, entry.entryType(), entry.tenantId()));
    if (recent.size() >= pruneAt) {
      recent = new ArrayList<>(kept());
      pruneAt = Math.max(1024, recent.size() * 2);
    }
  }

  /**
   * The statistics of the entries the query admits, which must not be bounded in time; empty when
   * the trend windows reach back before what this summary keeps ({@code now} is before the newest
   * timestamp), and the caller must count them from the log.
   */
  Optional<ExportStatistics> statistics(LogQuery query, Instant now) {
    if (newest != null && now.isBefore(newest)) {
      return Optional.empty();
    }
    boolean exports = query.admitsType("export-generated");
    boolean downloads = query.admitsType("export-downloaded");
    LogStatistics.Totals totals = new LogStatistics.Totals();
    TreeMap<String, Long> tenants = new TreeMap<>();
    byTenant.forEach((tenant, part) -> {
      if (query.admitsTenant(tenant)) {
        totals.add(part, exports, downloads);
        if (exports && tenant != null && part.exports > 0) {
          tenants.put(tenant, part.exports);
        }
      }
    });
    LogStatistics.Windows windows = new LogStatistics.Windows(now);
    for (Recent r : recent) {
      if (query.admitsType(r.entryType()) && query.admitsTenant(r.tenantId())) {
        windows.count(r.entryType(), r.at());
      }
    }
    return Optional.of(totals.statistics(tenants, windows));
  }

  private void countDay(String tenant, Instant at) {
    long day = Math.floorDiv(at.getEpochSecond(), 86_400L);
    long newestDay = Math.floorDiv(newest.getEpochSecond(), 86_400L);
    long horizon = newestDay - DAYS;
    if (day > horizon) {
      dailyByTenant.computeIfAbsent(tenant, t -> new TreeMap<>()).merge(day, 1L, Long::sum);
    }
    if (newestDay > prunedFor) { // a new newest day: drop the days that fell out of the window
      dailyByTenant.values().forEach(days -> days.headMap(horizon, true).clear());
      prunedFor = newestDay;
    }
  }

  /**
   * Generated exports per UTC day from {@code first} to {@code last} (inclusive), of the tenants the
   * query admits, every day present (zero when none); empty for a query bounded in time or when
   * {@code first} is more than {@value #DAYS} days before the newest entry's day.
   */
  Optional<SortedMap<LocalDate, Long>> exportsPerDay(LogQuery query, LocalDate first, LocalDate last) {
    long newestDay = newest == null ? Long.MIN_VALUE : Math.floorDiv(newest.getEpochSecond(), 86_400L);
    if (query.timeBound() || newest != null && first.toEpochDay() <= newestDay - DAYS) {
      return Optional.empty();
    }
    SortedMap<LocalDate, Long> days = new TreeMap<>();
    for (long day = first.toEpochDay(); day <= last.toEpochDay(); day++) {
      days.put(LocalDate.ofEpochDay(day), 0L);
    }
    if (query.admitsType("export-generated")) {
      dailyByTenant.forEach((tenant, counts) -> {
        if (query.admitsTenant(tenant)) {
          counts.subMap(first.toEpochDay(), true, last.toEpochDay(), true)
              .forEach((day, n) -> days.merge(LocalDate.ofEpochDay(day), n, Long::sum));
        }
      });
    }
    return Optional.of(days);
  }

  /**
   * The line numbers of the newest {@code limit} generated exports of the tenants the query admits
   * (by tenant and type), newest first; empty for a query bounded in time or a limit over
   * {@value #HISTORY}. Exact: an export a tenant no longer keeps is older than the {@value #HISTORY}
   * it keeps, so it cannot be among the newest {@code limit <= }{@value #HISTORY}.
   */
  Optional<List<Long>> recentExportLines(LogQuery query, int limit) {
    if (query.timeBound() || limit > HISTORY) {
      return Optional.empty();
    }
    List<Long> lines = new ArrayList<>();
    if (query.admitsType("export-generated")) {
      historyByTenant.forEach((tenant, history) -> {
        if (query.admitsTenant(tenant)) {
          lines.addAll(history);
        }
      });
    }
    lines.sort(Comparator.reverseOrder());
    return Optional.of(lines.subList(0, Math.min(limit, lines.size())));
  }

  /** Saves this summary under its name; a failure only costs the next open a re-read. */
  void save(ExportLogStore.DerivedData data) {
    try {
      data.write(NAME, encode());
    } catch (IOException | RuntimeException e) {
      LOG.debug("Cannot save the export log summary: {}", e.toString());
    }
  }

  /** The summary saved under its name, or empty when there is none or it is damaged. */
  static Optional<LogSummary> load(ExportLogStore.DerivedData data) {
    try {
      Optional<byte[]> saved = data.read(NAME);
      if (saved.isEmpty()) {
        return Optional.empty();
      }
      byte[] bytes = saved.get();
      int body = bytes.length - 32;
      if (body < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
          || !MessageDigest.isEqual(Arrays.copyOfRange(bytes, body, bytes.length), sha256(bytes, body))) {
        LOG.warn("The export log summary is damaged; the log is read again to rebuild it");
        return Optional.empty();
      }
      return Optional.of(decode(new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, body - MAGIC.length))));
    } catch (IOException | RuntimeException e) {
      LOG.warn("The export log summary cannot be read ({}); the log is read again to rebuild it", e.toString());
      return Optional.empty();
    }
  }

  private byte[] encode() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(MAGIC);
    out.writeLong(lines);
    out.write(lines == 0 ? new byte[32] : lastLineDigest);
    writeInstant(out, newest);
    out.writeInt(byTenant.size());
    for (Map.Entry<String, LogStatistics.Totals> part : new TreeMap<>(nullFirst(byTenant)).entrySet()) {
      writeText(out, part.getKey().isEmpty() ? null : part.getKey().substring(1));
      LogStatistics.Totals t = part.getValue();
      out.writeLong(t.exports);
      out.writeLong(t.downloads);
      out.writeLong(t.totalTime);
      out.writeLong(t.totalSize);
      writeCounts(out, t.byCategory);
      writeCounts(out, t.byFormat);
      out.writeInt(t.phases.size());
      for (int phase : t.phases) {
        out.writeInt(phase);
      }
    }
    out.writeInt(dailyByTenant.size());
    for (Map.Entry<String, TreeMap<Long, Long>> daily : new TreeMap<>(nullFirst(dailyByTenant)).entrySet()) {
      writeText(out, daily.getKey().isEmpty() ? null : daily.getKey().substring(1));
      out.writeInt(daily.getValue().size());
      for (Map.Entry<Long, Long> day : daily.getValue().entrySet()) {
        out.writeLong(day.getKey());
        out.writeLong(day.getValue());
      }
    }
    out.writeInt(historyByTenant.size());
    for (Map.Entry<String, ArrayDeque<Long>> history : new TreeMap<>(nullFirst(historyByTenant)).entrySet()) {
      writeText(out, history.getKey().isEmpty() ? null : history.getKey().substring(1));
      out.writeInt(history.getValue().size());
      for (long line : history.getValue()) {
        out.writeLong(line);
      }
    }
    List<Recent> kept = kept();
    out.writeInt(kept.size());
    for (Recent r : kept) {
      writeInstant(out, r.at());
      writeText(out, r.entryType());
      writeText(out, r.tenantId());
    }
    out.flush();
    byte[] body = bytes.toByteArray();
    out.write(sha256(body, body.length));
    out.flush();
    return bytes.toByteArray();
  }

  private static LogSummary decode(DataInputStream in) throws IOException {
    LogSummary summary = new LogSummary();
    summary.lines = in.readLong();
    summary.lastLineDigest = in.readNBytes(32);
    summary.newest = readInstant(in);
    int tenants = in.readInt();
    for (int i = 0; i < tenants; i++) {
      String tenant = readText(in);
      LogStatistics.Totals t = new LogStatistics.Totals();
      t.exports = in.readLong();
      t.downloads = in.readLong();
      t.totalTime = in.readLong();
      t.totalSize = in.readLong();
      readCounts(in, t.byCategory);
      readCounts(in, t.byFormat);
      int phases = in.readInt();
      for (int p = 0; p < phases; p++) {
        t.phases.add(in.readInt());
      }
      summary.byTenant.put(tenant, t);
    }
    int dailies = in.readInt();
    for (int i = 0; i < dailies; i++) {
      String tenant = readText(in);
      int n = in.readInt();
      if (n < 0 || n > DAYS + 1) {
        throw new IOException("exports on " + n + " days");
      }
      TreeMap<Long, Long> days = new TreeMap<>();
      for (int k = 0; k < n; k++) {
        days.put(in.readLong(), in.readLong());
      }
      summary.dailyByTenant.put(tenant, days);
    }
    int histories = in.readInt();
    for (int i = 0; i < histories; i++) {
      String tenant = readText(in);
      int n = in.readInt();
      if (n < 0 || n > HISTORY) {
        throw new IOException("a history of " + n + " exports");
      }
      ArrayDeque<Long> history = new ArrayDeque<>();
      for (int k = 0; k < n; k++) {
        history.addLast(in.readLong());
      }
      summary.historyByTenant.put(tenant, history);
    }
    int recent = in.readInt();
    for (int i = 0; i < recent; i++) {
      summary.recent.add(new Recent(readInstant(in), readText(in), readText(in)));
    }
    return summary;
  }

  /** The recent exports and downloads the trends can still need: those after {@code newest - 48h}. */
  private List<Recent> kept() {
    if (newest == null) {
      return List.of();
    }
    Instant horizon = newest.minus(WINDOWS);
    return recent.stream().filter(r -> r.at().isAfter(horizon)).toList();
  }

  private static void writeInstant(DataOutputStream out, Instant at) throws IOException {
    out.writeBoolean(at != null);
    if (at != null) {
      out.writeLong(at.getEpochSecond());
      out.writeInt(at.getNano());
    }
  }

  private static Instant readInstant(DataInputStream in) throws IOException {
    return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
  }

  /** Tenant keys with a marker, so that the no-tenant part sorts first and saves as {@code null}. */
  private static <V> Map<String, V> nullFirst(Map<String, V> parts) {
    Map<String, V> marked = new HashMap<>();
    parts.forEach((tenant, value) -> marked.put(tenant == null ? "" : "+" + tenant, value));
    return marked;
  }

  private static void writeCounts(DataOutputStream out, Map<String, Long> counts) throws IOException {
    out.writeInt(counts.size());
    for (Map.Entry<String, Long> count : counts.entrySet()) {
      writeText(out, count.getKey());
      out.writeLong(count.getValue());
    }
  }

  private static void readCounts(DataInputStream in, Map<String, Long> counts) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      counts.put(readText(in), in.readLong());
    }
  }

  private static void writeText(DataOutputStream out, String text) throws IOException {
    if (text == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readText(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < -1 || length > in.available()) {
      throw new IOException("a text of " + length + " bytes does not fit");
    }
    return length < 0 ? null : new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static byte[] digest(String line) {
    return Hashing.sha256().digest(line.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] bytes, int length) {
    MessageDigest sha = Hashing.sha256();
    sha.update(bytes, 0, length);
    return sha.digest();
  }
}
