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
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.PolicyRule;
import dev.exporthub.api.spi.TenantDirectory;
import dev.exporthub.api.spi.WriteContext;
import dev.exporthub.core.bundle.BundleBuilder;
import dev.exporthub.core.internal.Hashing;
import dev.exporthub.core.log.ExportLog;
import dev.exporthub.core.log.InMemoryLogStore;
import dev.exporthub.core.policy.ExportPolicy;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * <p>Every call is logged as the design decides: an invalid request appends one {@code error}
 * entry; a denial one {@code policy-decision} entry and nothing else (and reads no data); a
 * completed export a {@code policy-decision} then an {@code export-generated} entry; a failure
 * after policy a {@code policy-decision} then an {@code error} entry.
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
  private final TenantDirectory directory;
  private final FormatWriters formats;
  private final ExportPolicy policy;
  private final BundleBuilder builder;

  private ExportHub(Builder b) {
    this.source = Objects.requireNonNull(b.source, "a data source is required: ExportHub.builder().dataSource(...)");
    this.clock = b.clock;
    this.ids = b.ids;
    this.log = new ExportLog(b.logStore != null ? b.logStore : new InMemoryLogStore());
    this.directory = b.directory;
    FormatWriters writers = b.discover ? FormatWriters.discover(b.classLoader) : FormatWriters.of(List.of());
    for (FormatWriter writer : b.writers) {
      writers = writers.withPreferred(writer);
    }
    this.formats = writers;
    this.policy = new ExportPolicy(b.rules);
    this.builder = new BundleBuilder(source, directory);
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

  /**
   * Records that an artifact was downloaded or written to a file for a user.
   *
   * @return the appended {@code export-downloaded} entry
   */
  public LogEntry.ExportDownloaded recordDownload(String bundleId, ExportFormat format, String filename,
      long sizeBytes, String downloadedBy, String tenantId) {
    return log.append(new LogEntry.ExportDownloaded(0, clock.instant(), tenantId,
        new LogEntry.Download(bundleId, format.id(), filename, sizeBytes), downloadedBy, null, null));
  }

  /** Statistics over the log, with trends for the 24 hours ending at the clock's now. */
  public ExportStatistics statistics() {
    return log.statistics(clock.instant());
  }

  /** The tamper-evident log of this hub. */
  public ExportLog log() {
    return log;
  }

  /** The formats this hub can write: built-ins first in the spec's order, then plugins by id. */
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

  private ExportResult run(ExportRequest request, Caller caller, OutputStream target, ProgressListener progress,
      boolean inMemory) {
    Objects.requireNonNull(progress, "progress");
    long started = clock.millis();
    Prepared prepared = prepare(request, caller);
    if (!prepared.decision.allowed()) {
      LOG.info("export denied query={} category={} format={} violations={}", prepared.request.queryId(),
          prepared.request.category().id(), prepared.request.format().id(), prepared.decision.violations().size());
      return new ExportResult.Denied(prepared.decision);
    }
    try {
      ExportBundle bundle = build(prepared);
      ExportBundle rendered = progress == ProgressListener.NONE ? bundle : withProgress(bundle, progress);
      MessageDigest sha = Hashing.sha256();
      CountingOutputStream counted = new CountingOutputStream(target, sha);
      WriteContext context = new WriteContext(prepared.decision, prepared.decisionHash,
          prepared.request.options(), clock);
      prepared.writer.write(rendered, context, counted);
      counted.flush();
      String sha256 = Hashing.hex(sha.digest());
      long elapsed = Math.max(0, clock.millis() - started);
      FormatDescriptor descriptor = prepared.writer.descriptor();
      String filename = descriptor.fileName(bundle.bundleId());
      log.append(new LogEntry.ExportGenerated(0, clock.instant(), prepared.tenantForLog(),
          prepared.decision.scope().facilityId(),
          new LogEntry.GeneratedExport(bundle.bundleId(), bundle.exportId(), prepared.request.queryId(),
              bundle.category().id(), descriptor.format().id(), bundle.sections().size(),
              bundle.metadata().totalItems(), counted.count, sha256, elapsed,
              bundle.metadata().dataSourcesUsed()),
          caller.userId(), null, null));
      LOG.info("export completed query={} bundle={} category={} format={} sections={} items={} bytes={} ms={}",
          prepared.request.queryId(), bundle.bundleId(), bundle.category().id(), descriptor.format().id(),
          bundle.sections().size(), bundle.metadata().totalItems(), counted.count, elapsed);
      byte[] content = inMemory ? ((ByteArrayOutputStream) target).toByteArray() : null;
      return new ExportResult.Completed(prepared.decision, bundle, filename, descriptor.mimeType(), counted.count,
          sha256, content);
    } catch (ExportException e) {
      logError(prepared, e);
      throw e;
    } catch (IOException | UncheckedIOException e) {
      ExportFailedException failure = new ExportFailedException(
          "Writing the " + prepared.request.format() + " export failed: " + e.getMessage(), e);
      logError(prepared, failure);
      throw failure;
    } catch (RuntimeException e) {
      ExportFailedException failure = new ExportFailedException(
          "The " + prepared.request.format() + " export failed: " + e, e);
      logError(prepared, failure);
      throw failure;
    } catch (LinkageError | AssertionError e) {
      // A broken plugin: still leave an error entry, then let the error through unchanged.
      logError(prepared, new ExportFailedException("The " + prepared.request.format() + " export failed: " + e, e));
      throw e;
    }
  }

  /** Validates the request, evaluates policy and logs the decision. */
  private Prepared prepare(ExportRequest request, Caller caller) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(caller, "caller");
    ExportRequest assigned = request.queryId() == null ? request.withQueryId(ids.get()) : request;
    FormatWriter writer;
    try {
      writer = formats.writer(assigned.format());
    } catch (InvalidRequestException | IllegalStateException e) {
      // An unknown format, or two discovered writers for it and no choice made: nothing is read.
      String code = e instanceof InvalidRequestException invalid ? invalid.errorCode() : "EXPORT_FAILED";
      log.append(new LogEntry.ExportError(0, clock.instant(),
          ExportPolicy.resolveScope(assigned.scope(), caller).tenantId(),
          new LogEntry.ErrorInfo(assigned.queryId(), code, e.getMessage(), details(assigned)),
          caller.userId(), null, null));
      throw e;
    }
    TimeRange range = assigned.timeRange() != null ? assigned.timeRange() : TimeRange.endingAt(clock.instant());
    PolicyDecision decision = policy.evaluate(assigned, caller, range, writer.descriptor(), directory);
    LogEntry.PolicyEvaluated logged = log.append(
        new LogEntry.PolicyEvaluated(0, clock.instant(), decision, caller.userId(), null, null));
    return new Prepared(assigned, caller, range, writer, decision, logged.hash());
  }

  private ExportBundle build(Prepared p) {
    String generatedBy = p.request.requestedBy() != null ? p.request.requestedBy() : p.caller.userId();
    return builder.build(new BundleBuilder.Plan(p.request.category(), p.request.format(), p.decision.scope(),
        p.range, generatedBy, p.writer.descriptor().multiFile(), ids.get()), clock);
  }

  private void logError(Prepared p, ExportException e) {
    log.append(new LogEntry.ExportError(0, clock.instant(), p.tenantForLog(),
        new LogEntry.ErrorInfo(p.request.queryId(), e.errorCode(), String.valueOf(e.getMessage()), details(p.request)),
        p.caller.userId(), null, null));
    LOG.info("export failed query={} code={}", p.request.queryId(), e.errorCode());
  }

  private static Map<String, String> details(ExportRequest request) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("category", request.category().id());
    details.put("format", request.format().id());
    return details;
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

  private record Prepared(ExportRequest request, Caller caller, TimeRange range, FormatWriter writer,
      PolicyDecision decision, String decisionHash) {
    /** The scope's tenant; for a federation export, the caller's own tenant. */
    String tenantForLog() {
      ExportScope scope = decision.scope();
      return scope.tenantId() != null ? scope.tenantId() : caller.tenantId();
    }
  }

  /** Counts and hashes what passes through, without closing the caller's stream. */
  private static final class CountingOutputStream extends FilterOutputStream {
    private final MessageDigest sha;
    long count;

    CountingOutputStream(OutputStream out, MessageDigest sha) {
      super(out);
      this.sha = sha;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      sha.update((byte) b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      sha.update(b, off, len);
      count += len;
    }

    @Override
    public void close() throws IOException {
      flush();
    }
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
