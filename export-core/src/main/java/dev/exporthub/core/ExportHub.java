package dev.exporthub.core;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportDeniedException;
import dev.exporthub.api.ExportFailedException;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportStatistics;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.ProgressListener;
import dev.exporthub.api.ResolvedExport;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.UncheckedRequest;
import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.PolicyRule;
import dev.exporthub.api.spi.TenantDirectory;
import dev.exporthub.core.internal.CheckedSigner;
import dev.exporthub.core.internal.ExportIds;
import dev.exporthub.core.internal.LogAppender;
import dev.exporthub.core.log.ExportLog;
import dev.exporthub.core.log.InMemoryLogStore;
import dev.exporthub.core.policy.ExportPolicy;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The entry point: checks policy, builds the bundle, renders it, and logs what happened.
 *
 * <pre>{@code
 * ExportHub hub = ExportHub.builder().dataSource(source).build();
 * ExportResult result = hub.export(request, caller, out);
 * }</pre>
 *
 * <p>Each call first resolves the request once into a {@link ResolvedExport} (query id, scope and
 * tenants, effective range, the writer's descriptor), which the policy judges and the bundle is
 * built from. Every call is logged as {@code docs/SPECIFICATION.md} §7.3 decides: an invalid
 * request appends one {@code error} entry; a denial one {@code policy-decision} entry and nothing
 * else (and reads no data); a completed export a {@code policy-decision} then an
 * {@code export-generated} entry; a failure after policy a {@code policy-decision} then an
 * {@code error} entry. The hub is the log's only writer: {@link #log()} is a read-only view.
 *
 * <p>A request typed by a person or a program ({@link UncheckedRequest}: ids and text) is checked
 * here too, so an invalid one is logged the same way from every surface.
 *
 * <p>An {@code ExportHub} is immutable once built and safe for any number of threads exporting at
 * once. With {@link Builder#checkpoints automatic checkpoints} it also signs checkpoints of its log,
 * and {@link #close()} writes the last one; without, closing does nothing.
 */
public final class ExportHub implements AutoCloseable {

  private final Clock clock;
  private final ExportLog log;
  private final TenantDirectory directory;
  private final FormatWriters formats;
  private final ExportPolicy policy;
  private final ExportPipeline pipeline;
  private final AutoCheckpoints checkpoints;

  private ExportHub(Builder b) {
    OperationalDataSource source = Objects.requireNonNull(b.source,
        "a data source is required: ExportHub.builder().dataSource(...)");
    ExportLogStore store = b.logStore != null ? b.logStore : new InMemoryLogStore();
    this.clock = b.clock;
    this.log = new ExportLog(store);
    this.directory = b.directory;
    FormatWriters writers = b.discover ? FormatWriters.discover(b.classLoader) : FormatWriters.of(List.of());
    for (FormatWriter writer : b.writers) {
      writers = writers.withPreferred(writer);
    }
    this.formats = writers;
    this.policy = new ExportPolicy(b.rules);
    this.checkpoints = b.checkpoints == null ? null : new AutoCheckpoints(b.checkpoints, store, b.signer, clock);
    this.pipeline = new ExportPipeline(source, clock, b.ids != null ? b.ids : ExportIds.unique(),
        new LogAppender(store, checkpoints), directory, formats, policy, b.signer);
    if (checkpoints != null) {
      checkpoints.start(); // last: nothing above can fail with its timer running
    }
  }

  /** A builder; only the data source is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Exports to {@code out}: policy, bundle, render, log. The stream is flushed, not closed.
   *
   * @return {@link ExportResult.Completed} with the size and SHA-256 of the bytes written, or
   *         {@link ExportResult.Denied} when policy denies (nothing read, nothing written)
   * @throws InvalidRequestException when the request cannot be served (e.g. an unknown format)
   * @throws dev.exporthub.api.InvalidDataException when a source record breaks its contract
   * @throws ExportFailedException when writing fails
   */
  public ExportResult export(ExportRequest request, Caller caller, OutputStream out) {
    return export(request, caller, out, ProgressListener.NONE);
  }

  /** Like {@link #export(ExportRequest, Caller, OutputStream)}, reporting progress item by item. */
  public ExportResult export(ExportRequest request, Caller caller, OutputStream out, ProgressListener progress) {
    Objects.requireNonNull(out, "out");
    return pipeline.run(request, caller, out, progress, false);
  }

  /**
   * Exports in memory: the artifact's bytes are in {@link ExportResult.Completed#content()}.
   * Convenient for small exports; stream large ones.
   */
  public ExportResult export(ExportRequest request, Caller caller) {
    return pipeline.run(request, caller, new ByteArrayOutputStream(), ProgressListener.NONE, true);
  }

  /**
   * Checks a request typed outside the program, then exports it like
   * {@link #export(ExportRequest, Caller, OutputStream, ProgressListener)}.
   *
   * @throws InvalidRequestException when it does not check out, after logging one {@code error}
   *                                 entry ({@code INVALID_REQUEST})
   */
  public ExportResult export(UncheckedRequest request, Caller caller, OutputStream out, ProgressListener progress) {
    return export(pipeline.check(request, caller), caller, out, progress);
  }

  /** Checks a request typed outside the program, then exports it in memory. */
  public ExportResult export(UncheckedRequest request, Caller caller) {
    return export(pipeline.check(request, caller), caller);
  }

  /**
   * The bundle a request would export, without rendering it. Policy is evaluated and its decision
   * logged, as for an export, since a preview reads data. The bundle's sections read the source
   * when streamed, outside any {@link OperationalDataSource#snapshot() snapshot}: a source that
   * changed since the counting pass fails them instead of disagreeing with their counts.
   *
   * @throws ExportDeniedException when policy denies
   */
  public ExportBundle preview(ExportRequest request, Caller caller) {
    return pipeline.preview(request, caller);
  }

  /** Checks a request typed outside the program, then previews it. */
  public ExportBundle preview(UncheckedRequest request, Caller caller) {
    return preview(pipeline.check(request, caller), caller);
  }

  /**
   * Records that a completed export's artifact was downloaded or written to a file.
   *
   * @param filename     the name it was saved or served under
   * @param downloadedBy who received it
   * @return the appended {@code export-downloaded} entry
   */
  public LogEntry.ExportDownloaded recordDownload(ExportResult.Completed completed, String filename,
      Caller downloadedBy) {
    return recordDownload(new LogEntry.Download(completed.bundle().bundleId(), completed.bundle().format().id(),
        filename, completed.sizeBytes()), completed.decision().scope(), downloadedBy);
  }

  /**
   * Records that an artifact was downloaded, for a host that kept what it served rather than the
   * result (the console's download cache).
   *
   * @param scope the resolved scope of the export it came from
   */
  public LogEntry.ExportDownloaded recordDownload(LogEntry.Download download, ExportScope scope,
      Caller downloadedBy) {
    return pipeline.recordDownload(download, scope, downloadedBy);
  }

  /** Statistics over the log, with trends for the 24 hours ending at the clock's now. */
  public ExportStatistics statistics() {
    return log.statistics(clock.instant());
  }

  /** The tamper-evident log of this hub, to read and verify; only the hub appends to it. */
  public ExportLog log() {
    return log;
  }

  /**
   * The formats this hub can write: built-ins first in the order of {@code docs/SPECIFICATION.md}
   * §5.1, then plugins by id.
   */
  public List<FormatDescriptor> formats() {
    return formats.available();
  }

  /** The descriptor of one format. @throws InvalidRequestException for an unknown format */
  public FormatDescriptor format(ExportFormat format) {
    return formats.descriptor(format);
  }

  /**
   * What a caller may export with an unscoped request over the default range, by the same rules
   * that judge exports: each category the caller may export with the formats it may use. Nothing
   * is read and nothing is logged.
   */
  public Map<ExportCategory, List<ExportFormat>> visibility(Caller caller) {
    return policy.visibility(caller, TimeRange.endingAt(clock.instant()), formats.available(), directory);
  }

  /**
   * Stops automatic checkpoints: stops their timer and signs a final checkpoint when entries were
   * appended since the last one. Close the hub before its log store; the store stays open (the host
   * opened it). Exports still work after closing, without checkpoints. Without automatic checkpoints,
   * and when called again, it does nothing.
   *
   * @throws CheckpointException when the final checkpoint cannot be signed or written; the log is
   *                             not affected, and the timer is stopped all the same
   */
  @Override
  public void close() {
    if (checkpoints != null) {
      checkpoints.close();
    }
  }

  /** Builds an {@link ExportHub}. Not thread-safe; the hub it builds is. */
  public static final class Builder {
    private OperationalDataSource source;
    private Clock clock = Clock.systemUTC();
    private ExportIds ids;
    private ExportLogStore logStore;
    private TenantDirectory directory = TenantDirectory.NONE;
    private final List<FormatWriter> writers = new ArrayList<>();
    private final List<PolicyRule> rules = new ArrayList<>();
    private boolean discover = true;
    private ClassLoader classLoader = ExportHub.class.getClassLoader();
    private ArtifactSigner signer;
    private Checkpoints checkpoints;

    private Builder() {
    }

    /** Where records come from. Required. */
    public Builder dataSource(OperationalDataSource value) {
      this.source = Objects.requireNonNull(value, "dataSource");
      return this;
    }

    /** The clock of every timestamp, time range default and trend window. Default: the system UTC clock. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Supplies query ids (when a request has none) and export ids, used as they come. Default: ids
     * derived from the request, the caller, the clock and the call, with a nonce of this hub's own
     * ({@code docs/SPECIFICATION.md} §4.8), so no two exports share one.
     */
    public Builder idSupplier(Supplier<String> value) {
      this.ids = ExportIds.supplied(value);
      return this;
    }

    /**
     * Derives ids without the hub's nonce: the same calls by the same callers on the same clock give
     * the same ids, and so the same bytes, in every run; different requests, callers or calls still
     * never share one. For fixed-clock runs such as the CLI's {@code --now}.
     */
    public Builder reproducibleIds() {
      this.ids = ExportIds.reproducible();
      return this;
    }

    /**
     * Signs every export ({@code docs/SPECIFICATION.md} §5.12): a writer that embeds its signature
     * (the ZIP bundle and the auditor package sign their manifest) signs through it; for every other
     * format the hub signs the artifact's exact bytes, a detached signature on
     * {@link ExportResult.Completed#signature()}. The {@code export-generated} entry records the key
     * id and the signature. A detached signature needs the artifact's bytes at once (pure Ed25519
     * reads its message twice), so a streamed export in a text format is also kept in memory while it
     * is written; archives are signed over their manifest and stay streamed. Default: no signer.
     *
     * @throws IllegalArgumentException when the signer's key is not Ed25519, or its key id is not
     *                                  {@link ArtifactSigner#keyIdOf} of its key
     */
    public Builder signer(ArtifactSigner value) {
      Objects.requireNonNull(value, "signer");
      CheckedSigner.check(value);
      this.signer = value;
      return this;
    }

    /**
     * Signs checkpoints of the log automatically, every so many entries and/or every so often, into
     * a checkpoints file ({@code docs/SPECIFICATION.md} §7.5), so a rewritten or cut-back log is
     * caught without anyone keeping a checkpoint by hand. The hub then follows the log's Merkle tree
     * as it appends (reading the existing log once, when it is built) and must be
     * {@link ExportHub#close() closed}. A checkpoint that fails is logged and never fails an export.
     * Default: none.
     *
     * <p>{@link #build()} throws {@link IllegalStateException} when the checkpoints have no trigger,
     * no signer (neither {@link Checkpoints#signedBy} nor {@link #signer}), or no file (none given
     * and the store is not a {@link dev.exporthub.core.log.FileLogStore}).
     */
    public Builder checkpoints(Checkpoints value) {
      this.checkpoints = Objects.requireNonNull(value, "checkpoints");
      return this;
    }

    /** Where the log lives. Default: a new in-memory store. */
    public Builder logStore(ExportLogStore value) {
      this.logStore = Objects.requireNonNull(value, "logStore");
      return this;
    }

    /** Federation membership, for federation scopes. Default: no federations. */
    public Builder tenantDirectory(TenantDirectory value) {
      this.directory = Objects.requireNonNull(value, "tenantDirectory");
      return this;
    }

    /**
     * Registers a writer explicitly; it wins over any discovered writer of the same format, which
     * is also how a host resolves two discovered writers for one format.
     *
     * @throws IllegalStateException when a writer for the same format was registered already
     */
    public Builder writer(FormatWriter value) {
      Objects.requireNonNull(value, "writer");
      for (FormatWriter registered : writers) {
        if (registered.descriptor().format().equals(value.descriptor().format())) {
          throw new IllegalStateException("Two writers registered for format '" + value.descriptor().format()
              + "': " + registered.getClass().getName() + " and " + value.getClass().getName());
        }
      }
      this.writers.add(value);
      return this;
    }

    /** Adds a custom policy rule, evaluated after the six built-ins; it can only restrict. */
    public Builder rule(PolicyRule value) {
      this.rules.add(Objects.requireNonNull(value, "rule"));
      return this;
    }

    /** Where {@link java.util.ServiceLoader} looks for writers. Default: Export Hub's class loader. */
    public Builder classLoader(ClassLoader value) {
      this.classLoader = Objects.requireNonNull(value, "classLoader");
      return this;
    }

    /** Whether to discover writers with {@link java.util.ServiceLoader}. Default: {@code true}. */
    public Builder discoverWriters(boolean value) {
      this.discover = value;
      return this;
    }

    /**
     * The hub.
     *
     * @throws IllegalArgumentException when a custom rule has a blank or duplicate id
     * @throws IllegalStateException    when {@link #checkpoints checkpoints} lack a trigger, a signer or a file
     */
    public ExportHub build() {
      return new ExportHub(this);
    }
  }
}
