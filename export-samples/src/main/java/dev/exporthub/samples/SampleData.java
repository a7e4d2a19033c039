package dev.exporthub.samples;

import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.SourceQuery;
import dev.exporthub.api.spi.TenantDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A seeded, realistic operational data set: the records of all ten sources for a few tenants, one
 * federation and a time span ending at a fixed instant. Use it as an {@link OperationalDataSource}
 * in tests, benchmarks and demos, or write it out as a data directory with
 * {@link #writeDataDirectory(Path)}.
 *
 * <p><b>Determinism.</b> The data is a pure function of the builder's settings: the same settings
 * give equal records and byte-identical files on every JVM, default locale and default time zone.
 * A different seed gives different data.
 *
 * <p><b>Streaming.</b> Nothing is held in memory: every record is computed from the settings, its
 * source and its index when a stream reaches it, so a data set of millions of items costs no more
 * heap than one of a hundred, and {@link #records} can be called any number of times.
 *
 * <p><b>Shape.</b> {@link Builder#size(long) size} items in total, split across the ten sources in
 * fixed proportions (see {@link Builder#size(long)}). Tenants are {@code tenant-1} to
 * {@code tenant-N}, tenant-1 the largest; facilities are {@code tenant-1-fac-a}, {@code -fac-b}, ...;
 * some records are tenant-wide (no facility). The federation {@code fed-north} holds
 * {@code tenant-1} and {@code tenant-2} (only {@code tenant-1} when there is one tenant). Ids are a
 * source prefix and a zero-padded number ({@code AF-000001}, {@code DR-000001}, {@code AL-},
 * {@code TK-}, {@code OM-}, {@code SG-}, {@code CP-}, {@code SC-}, {@code IN-}, {@code RP-}),
 * unique within a source whatever the tenant. Every timestamp lies in
 * {@code [now - spanDays, now)}; closing times ({@code resolvedAt}, {@code completedAt}) follow the
 * opening time and lie before {@code now}. {@code relatedIds} name existing records of the same
 * tenant in other sources.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SampleData implements OperationalDataSource {

  /** The id of the one federation of every sample data set. */
  public static final String FEDERATION_ID = "fed-north";

  /** The name of the federation file of the data-directory layout. */
  public static final String TENANTS_FILE = "tenants.json";

  /** The extension of the source files this class writes: one JSON object per line. */
  public static final String SOURCE_FILE_EXTENSION = ".jsonl";

  /** Shares of each source per 100 items, in {@link SourceType} order; they sum to 100. */
  private static final int[] WEIGHTS = {10, 12, 14, 14, 8, 24, 6, 5, 4, 3};

  private final long seed;
  private final long size;
  private final int facilitiesPerTenant;
  private final Instant now;
  private final int spanDays;
  private final List<String> tenantIds;
  private final Set<String> federationTenants;
  private final TenantDirectory tenantDirectory;
  private final long[] counts;
  private final RecordGenerator generator;

  private SampleData(Builder builder) {
    this.seed = builder.seed;
    this.size = builder.size;
    this.facilitiesPerTenant = builder.facilitiesPerTenant;
    this.now = builder.now;
    this.spanDays = builder.spanDays;
    List<String> tenants = new ArrayList<>(builder.tenants);
    for (int k = 1; k <= builder.tenants; k++) {
      tenants.add("tenant-" + k);
    }
    this.tenantIds = Collections.unmodifiableList(tenants);
    this.federationTenants = Collections.unmodifiableSet(new TreeSet<>(tenants.subList(0, Math.min(2, tenants.size()))));
    this.tenantDirectory = TenantDirectory.of(Map.of(FEDERATION_ID, federationTenants));
    this.counts = split(size);
    this.generator = new RecordGenerator(seed, now, spanDays, facilitiesPerTenant, tenantIds, counts);
  }

  /** A builder with the defaults: seed 42, 500 items, 3 tenants, 2 facilities each, 30 days to 2026-01-15T12:00:00Z. */
  public static Builder builder() {
    return new Builder();
  }

  /** The default data set: {@code builder().build()}. */
  public static SampleData defaults() {
    return builder().build();
  }

  /**
   * The records of one source that match the query, in (timestamp, id) order. The time range is
   * used to skip straight to the matching records, the tenants to skip the others without
   * generating them. Returns a new lazy stream on every call; equal on every call.
   */
  @Override
  public Stream<? extends SourceRecord> records(SourceType type, SourceQuery query) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(query, "query");
    long from = generator.firstIndexAtOrAfter(type, query.timeRange().from());
    long to = generator.firstIndexAtOrAfter(type, query.timeRange().to());
    Set<String> tenants = query.tenantIds();
    return LongStream.range(from, Math.max(from, to))
        .filter(index -> tenants.contains(tenantIds.get(generator.tenantIndex(type, index))))
        .mapToObj(index -> generator.generate(type, index))
        .filter(record -> query.matches(record.tenantId(), record.facilityId(), record.timestamp()));
  }

  /**
   * Every record of one source, in (timestamp, id) order: {@link #count(SourceType)} records of
   * class {@code type.recordType()}. Returns a new lazy stream on every call; equal on every call.
   */
  public Stream<? extends SourceRecord> records(SourceType type) {
    Objects.requireNonNull(type, "type");
    return LongStream.range(0, count(type)).mapToObj(index -> generator.generate(type, index));
  }

  /** Always {@code true}: every stream of this source is ordered by (timestamp, id). */
  @Override
  public boolean ordered() {
    return true;
  }

  /** The number of records of one source; the ten counts sum to {@link #size()}. */
  public long count(SourceType type) {
    return counts[type.ordinal()];
  }

  /** The total number of records across the ten sources. */
  public long size() {
    return size;
  }

  /** The seed the data set was generated from. */
  public long seed() {
    return seed;
  }

  /** The end of the span (exclusive): every timestamp is before it. */
  public Instant now() {
    return now;
  }

  /** The start of the span (inclusive): {@code now - spanDays}. */
  public Instant start() {
    return now.minus(Duration.ofDays(spanDays));
  }

  public int facilitiesPerTenant() {
    return facilitiesPerTenant;
  }

  /** The tenants, {@code tenant-1} to {@code tenant-N} in that order; unmodifiable. */
  public List<String> tenantIds() {
    return tenantIds;
  }

  /** The facility ids of a tenant, {@code {tenant}-fac-a} onwards; empty for an unknown tenant. */
  public List<String> facilityIds(String tenantId) {
    if (!tenantIds.contains(tenantId)) {
      return List.of();
    }
    List<String> facilities = new ArrayList<>(facilitiesPerTenant);
    for (int k = 0; k < facilitiesPerTenant; k++) {
      facilities.add(tenantId + "-fac-" + (char) ('a' + k));
    }
    return Collections.unmodifiableList(facilities);
  }

  /** The id of the data set's one federation, {@value #FEDERATION_ID}. */
  public String federationId() {
    return FEDERATION_ID;
  }

  /** The tenants of the federation, sorted: the first two tenants (the first, when there is one). */
  public Set<String> federationTenantIds() {
    return federationTenants;
  }

  /** The federation directory: {@value #FEDERATION_ID} holds {@link #federationTenantIds()}. */
  public TenantDirectory tenantDirectory() {
    return tenantDirectory;
  }

  /**
   * Writes the data set in the data-directory layout: for every source, {@code {type.id()}.jsonl}
   * with one JSON object per record in (timestamp, id) order, and {@value #TENANTS_FILE} mapping
   * the federation to its tenants ({@code {"federations":{"fed-north":["tenant-1","tenant-2"]}}}).
   *
   * <p>Objects name the record components in declaration order with their camelCase names; absent
   * optional values, empty {@code relatedIds} and empty {@code attributes} are left out; instants
   * are ISO-8601 UTC strings. Files are UTF-8, lines end with {@code \n}, and every source has a
   * file (empty when the source has no records). Same settings, same bytes.
   *
   * <p>Records are streamed to disk, never collected. Each file is written to a temporary sibling
   * and then moved into place, so a failure leaves no half-written file under a final name (the
   * directory as a whole may hold some new files and some old ones). Existing {@code .jsonl} and
   * {@value #TENANTS_FILE} files are replaced; other files are left alone.
   *
   * @param dir the directory, created when missing
   * @throws FileAlreadyExistsException when the directory holds a {@code {type.id()}.json} file,
   *     which a reader would take as a second file for that source; nothing is written then
   * @throws IOException when writing fails
   */
  public void writeDataDirectory(Path dir) throws IOException {
    DataDirectoryWriter.write(this, dir);
  }

  /**
   * Writes one source as JSON Lines to {@code out} (UTF-8, one object per line, each line ending
   * with {@code \n}); the same bytes as its file in {@link #writeDataDirectory(Path)}. Does not
   * close {@code out}.
   */
  public void writeSource(SourceType type, OutputStream out) throws IOException {
    DataDirectoryWriter.writeSource(this, type, out);
  }

  /**
   * Splits {@code size} across the sources: with at least ten items, one each, then the rest by
   * {@link #WEIGHTS} with the largest-remainder method (ties to the earlier source); with fewer,
   * all of it by the weights. The counts always sum to {@code size}.
   */
  static long[] split(long size) {
    int sources = WEIGHTS.length;
    long[] counts = new long[sources];
    long rest = size;
    if (size >= sources) {
      Arrays.fill(counts, 1);
      rest -= sources;
    }
    long[] remainders = new long[sources];
    long assigned = 0;
    for (int k = 0; k < sources; k++) {
      counts[k] += rest / 100 * WEIGHTS[k] + rest % 100 * WEIGHTS[k] / 100;
      assigned += rest / 100 * WEIGHTS[k] + rest % 100 * WEIGHTS[k] / 100;
      remainders[k] = rest % 100 * WEIGHTS[k] % 100;
    }
    for (long left = rest - assigned; left > 0; left--) {
      int largest = 0;
      for (int k = 1; k < sources; k++) {
        if (remainders[k] > remainders[largest]) {
          largest = k;
        }
      }
      counts[largest]++;
      remainders[largest] = -1;
    }
    return counts;
  }

  @Override
  public String toString() {
    return "SampleData[seed=" + seed + ", size=" + size + ", tenants=" + tenantIds.size()
        + ", facilitiesPerTenant=" + facilitiesPerTenant + ", now=" + now + ", spanDays=" + spanDays + "]";
  }

  /**
   * Settings of a sample data set. Every setting has a default; {@link #build()} can be called
   * more than once. Not thread-safe.
   */
  public static final class Builder {

    /** The largest supported {@link #size(long)}. */
    public static final long MAX_SIZE = 1_000_000_000L;
    /** The largest supported number of tenants. */
    public static final int MAX_TENANTS = 1000;
    /** The largest supported number of facilities per tenant ({@code fac-a} to {@code fac-z}). */
    public static final int MAX_FACILITIES = 26;
    /** The longest supported span in days (about ten years). */
    public static final int MAX_SPAN_DAYS = 3660;

    private long seed = 42;
    private long size = 500;
    private int tenants = 3;
    private int facilitiesPerTenant = 2;
    private Instant now = Instant.parse("2026-01-15T12:00:00Z");
    private int spanDays = 30;

    private Builder() {}

    /** The seed; any value. Default 42. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * The total number of items across the ten sources, 0 to {@link #MAX_SIZE}. Default 500. Per
     * 100 items: audit findings 10, drift events 12, alerts 14, tasks 14, operator metrics 8,
     * real-time signals 24, capacity projections 6, schedules 5, insights 4, reports 3; from 10
     * items on, every source has at least one.
     */
    public Builder size(long size) {
      checkRange("size", size, 0, MAX_SIZE);
      this.size = size;
      return this;
    }

    /** The number of tenants, 1 to {@link #MAX_TENANTS}. Default 3. */
    public Builder tenants(int tenants) {
      checkRange("tenants", tenants, 1, MAX_TENANTS);
      this.tenants = tenants;
      return this;
    }

    /** Facilities per tenant, 0 (every record tenant-wide) to {@link #MAX_FACILITIES}. Default 2. */
    public Builder facilitiesPerTenant(int facilitiesPerTenant) {
      checkRange("facilitiesPerTenant", facilitiesPerTenant, 0, MAX_FACILITIES);
      this.facilitiesPerTenant = facilitiesPerTenant;
      return this;
    }

    /** The end of the span (exclusive). Default 2026-01-15T12:00:00Z. */
    public Builder now(Instant now) {
      this.now = Objects.requireNonNull(now, "now");
      return this;
    }

    /** The length of the span ending at {@link #now(Instant)}, 1 to {@link #MAX_SPAN_DAYS} days. Default 30. */
    public Builder spanDays(int spanDays) {
      checkRange("spanDays", spanDays, 1, MAX_SPAN_DAYS);
      this.spanDays = spanDays;
      return this;
    }

    /** The data set. Cheap: nothing is generated until a stream or a file asks for records. */
    public SampleData build() {
      return new SampleData(this);
    }

    private static void checkRange(String setting, long value, long min, long max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(setting + " must be between " + min + " and " + max + ", was " + value);
      }
    }
  }
}
