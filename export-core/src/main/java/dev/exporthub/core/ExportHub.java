package dev.exporthub.core;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportDeniedException;
import dev.exporthub.api.ExportException;
import dev.exporthub.api.ExportFailedException;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.ExportStatistics;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.PolicyDecision;
import dev.exporthub.api.ProgressListener;
import dev.exporthub.api.ResolvedExport;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.UncheckedRequest;
import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.PolicyRule;
import dev.exporthub.api.spi.TenantDirectory;
import dev.exporthub.api.spi.WriteContext;
import dev.exporthub.core.bundle.BundleBuilder;
import dev.exporthub.core.internal.CountingOutputStream;
import dev.exporthub.core.internal.LogAppender;
import dev.exporthub.core.log.ExportLog;
import dev.exporthub.core.log.InMemoryLogStore;
import dev.exporthub.core.policy.ExportPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * once.
 */
public final class ExportHub {

  private static final Logger LOG = LoggerFactory.getLogger(ExportHub.class);

  private final OperationalDataSource source;
  private final Clock clock;
  private final Supplier<String> ids;
  private final ExportLog log;
  private final LogAppender appender;
  private final TenantDirectory directory;
  private final FormatWriters formats;
  private final ExportPolicy policy;
  private final BundleBuilder builder;

  private ExportHub(Builder b) {
    this.source = Objects.requireNonNull(b.source, "a data source is required: ExportHub.builder().dataSource(...)");
    ExportLogStore store = b.logStore != null ? b.logStore : new InMemoryLogStore();
    this.clock = b.clock;
    this.ids = b.ids;
    this.log = new ExportLog(store);
    this.appender = new LogAppender(store);
    this.directory = b.directory;
    FormatWriters writers = b.discover ? FormatWriters.discover(b.classLoader) : FormatWriters.of(List.of());
    for (FormatWriter writer : b.writers) {
      writers = writers.withPreferred(writer);
    }
    this.formats = writers;
    this.policy = new ExportPolicy(b.rules);
    this.builder = new BundleBuilder(source);
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
    return run(request, caller, out, progress, false);
  }

  /**
   * Exports in memory: the artifact's bytes are in {@link ExportResult.Completed#content()}.
   * Convenient for small exports; stream large ones.
   */
  public ExportResult export(ExportRequest request, Caller caller) {
    return run(request, caller, new ByteArrayOutputStream(), ProgressListener.NONE, true);
  }

  /**
   * Checks a request typed outside the program, then exports it like
   * {@link #export(ExportRequest, Caller, OutputStream, ProgressListener)}.
   *
   * @throws InvalidRequestException when it does not check out, after logging one {@code error}
   *                                 entry ({@code INVALID_REQUEST})
   */
  public ExportResult export(UncheckedRequest request, Caller caller, OutputStream out, ProgressListener progress) {
    return export(check(request, caller), caller, out, progress);
  }

  /** Checks a request typed outside the program, then exports it in memory. */
  public ExportResult export(UncheckedRequest request, Caller caller) {
    return export(check(request, caller), caller);
  }

  /**
   * The bundle a request would export, without rendering it. Policy is evaluated and its decision
   * logged, as for an export, since a preview reads data.
   *
   * @throws ExportDeniedException when policy denies
   */
  public ExportBundle preview(ExportRequest request, Caller caller) {
    Prepared prepared = prepare(request, caller);
    if (!prepared.decision.allowed()) {
      throw new ExportDeniedException(prepared.decision);
    }
    try {
      return build(prepared);
    } catch (ExportException e) {
      logError(prepared, e);
      throw e;
    }
  }

  /** Checks a request typed outside the program, then previews it. */
  public ExportBundle preview(UncheckedRequest request, Caller caller) {
    return preview(check(request, caller), caller);
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
    Objects.requireNonNull(download, "download");
    Objects.requireNonNull(downloadedBy, "downloadedBy");
    return appender.append(new LogEntry.ExportDownloaded(0, clock.instant(),
        ResolvedExport.logTenantOf(scope, downloadedBy), download, downloadedBy.userId(), null, null));
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

  private ExportRequest check(UncheckedRequest request, Caller caller) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(caller, "caller");
    UncheckedRequest assigned = request.queryId() == null ? request.withQueryId(ids.get()) : request;
    try {
      return assigned.check(clock.instant());
    } catch (InvalidRequestException e) {
      String tenant = assigned.tenantId() == null || assigned.tenantId().isBlank() ? null : assigned.tenantId();
      appendError(assigned.queryId(), ResolvedExport.logTenantOf(new ExportScope(tenant, null, null), caller), caller,
          e.errorCode(), e.getMessage(), assigned.category(), assigned.format());
      throw e;
    }
  }

  private ExportResult run(ExportRequest request, Caller caller, OutputStream target, ProgressListener progress,
      boolean inMemory) {
    Objects.requireNonNull(progress, "progress");
    long started = clock.millis();
    Prepared prepared = prepare(request, caller);
    ResolvedExport export = prepared.export;
    if (!prepared.decision.allowed()) {
      LOG.info("export denied query={} category={} format={} violations={}", export.queryId(),
          export.category().id(), export.format().format().id(), prepared.decision.violations().size());
      return new ExportResult.Denied(prepared.decision);
    }
    try {
      ExportBundle bundle = build(prepared);
      ExportBundle rendered = progress == ProgressListener.NONE ? bundle : withProgress(bundle, progress);
      CountingOutputStream counted = new CountingOutputStream(target);
      WriteContext context = new WriteContext(prepared.decision, prepared.decisionHash,
          export.request().options(), clock);
      prepared.writer.write(rendered, context, counted);
      counted.flush();
      String sha256 = counted.sha256();
      long elapsed = Math.max(0, clock.millis() - started);
      FormatDescriptor descriptor = export.format();
      String filename = descriptor.fileName(bundle.bundleId());
      appender.append(new LogEntry.ExportGenerated(0, clock.instant(), export.logTenantId(),
          export.scope().facilityId(),
          new LogEntry.GeneratedExport(bundle.bundleId(), bundle.exportId(), export.queryId(),
              bundle.category().id(), descriptor.format().id(), bundle.sections().size(),
              bundle.metadata().totalItems(), counted.count(), sha256, elapsed,
              bundle.metadata().dataSourcesUsed()),
          caller.userId(), null, null));
      LOG.info("export completed query={} bundle={} category={} format={} sections={} items={} bytes={} ms={}",
          export.queryId(), bundle.bundleId(), bundle.category().id(), descriptor.format().id(),
          bundle.sections().size(), bundle.metadata().totalItems(), counted.count(), elapsed);
      byte[] content = inMemory ? ((ByteArrayOutputStream) target).toByteArray() : null;
      return new ExportResult.Completed(prepared.decision, bundle, filename, descriptor.mimeType(), counted.count(),
          sha256, content);
    } catch (ExportException e) {
      logError(prepared, e);
      throw e;
    } catch (IOException | UncheckedIOException e) {
      ExportFailedException failure = new ExportFailedException(
          "Writing the " + export.format().format() + " export failed: " + e.getMessage(), e);
      logError(prepared, failure);
      throw failure;
    } catch (RuntimeException e) {
      ExportFailedException failure = new ExportFailedException(
          "The " + export.format().format() + " export failed: " + e, e);
      logError(prepared, failure);
      throw failure;
    } catch (LinkageError | AssertionError e) {
      // A broken plugin: still leave an error entry, then let the error through unchanged.
      logError(prepared, new ExportFailedException("The " + export.format().format() + " export failed: " + e, e));
      throw e;
    }
  }

  /** Resolves the request once, evaluates policy and logs the decision. */
  private Prepared prepare(ExportRequest request, Caller caller) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(caller, "caller");
    ExportRequest assigned = request.queryId() == null ? request.withQueryId(ids.get()) : request;
    String logTenant = ResolvedExport.logTenantOf(assigned.scope(), caller);
    FormatWriter writer;
    try {
      writer = formats.writer(assigned.format());
    } catch (InvalidRequestException | IllegalStateException e) {
      // An unknown format, or two discovered writers for it and no choice made: nothing is read.
      String code = e instanceof InvalidRequestException invalid ? invalid.errorCode() : "EXPORT_FAILED";
      appendError(assigned.queryId(), logTenant, caller, code, e.getMessage(), assigned.category().id(),
          assigned.format().id());
      throw e;
    }
    ResolvedExport export;
    try {
      source.ready();
      export = ResolvedExport.resolve(assigned, caller, writer.descriptor(), directory, clock.instant());
    } catch (ExportException e) {
      // The source or the tenant directory cannot be read at all: nothing is decided, nothing is read.
      appendError(assigned.queryId(), logTenant, caller, e.errorCode(), e.getMessage(), assigned.category().id(),
          assigned.format().id());
      throw e;
    }
    PolicyDecision decision = policy.evaluate(export);
    LogEntry.PolicyEvaluated logged = appender.append(
        new LogEntry.PolicyEvaluated(0, clock.instant(), decision, caller.userId(), null, null));
    return new Prepared(export, writer, decision, logged.hash());
  }

  private ExportBundle build(Prepared p) {
    return builder.build(p.export, ids.get(), clock);
  }

  private void logError(Prepared p, ExportException e) {
    ResolvedExport export = p.export;
    appendError(export.queryId(), export.logTenantId(), export.caller(), e.errorCode(), e.getMessage(),
        export.category().id(), export.format().format().id());
  }

  private void appendError(String queryId, String tenantId, Caller caller, String code, String message,
      String category, String format) {
    Map<String, String> details = new TreeMap<>();
    if (category != null) {
      details.put("category", category);
    }
    if (format != null) {
      details.put("format", format);
    }
    appender.append(new LogEntry.ExportError(0, clock.instant(), tenantId,
        new LogEntry.ErrorInfo(queryId, code, String.valueOf(message), details), caller.userId(), null, null));
    LOG.info("export failed query={} code={}", queryId, code);
  }

  private static ExportBundle withProgress(ExportBundle bundle, ProgressListener progress) {
    long total = bundle.metadata().totalItems();
    AtomicLong done = new AtomicLong();
    List<ExportSection> sections = new ArrayList<>();
    for (ExportSection s : bundle.sections()) {
      sections.add(ExportSection.streamed(s.kind(), s.summary(), s.itemCount(), s.generatedAt(),
          () -> s.items().peek(item -> progress.onProgress(done.incrementAndGet(), total))));
    }
    return new ExportBundle(bundle.bundleId(), bundle.exportId(), bundle.title(), bundle.description(),
        bundle.category(), bundle.format(), bundle.scope(), bundle.timeRange(), sections, bundle.references(),
        bundle.metadata());
  }

  private record Prepared(ResolvedExport export, FormatWriter writer, PolicyDecision decision, String decisionHash) {
  }

  /** Builds an {@link ExportHub}. Not thread-safe; the hub it builds is. */
  public static final class Builder {
    private OperationalDataSource source;
    private Clock clock = Clock.systemUTC();
    private Supplier<String> ids = () -> UUID.randomUUID().toString();
    private ExportLogStore logStore;
    private TenantDirectory directory = TenantDirectory.NONE;
    private final List<FormatWriter> writers = new ArrayList<>();
    private final List<PolicyRule> rules = new ArrayList<>();
    private boolean discover = true;
    private ClassLoader classLoader = ExportHub.class.getClassLoader();

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

    /** Supplies query ids (when a request has none) and export ids. Default: random UUIDs. */
    public Builder idSupplier(Supplier<String> value) {
      this.ids = Objects.requireNonNull(value, "idSupplier");
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
     */
    public ExportHub build() {
      return new ExportHub(this);
    }
  }
}
