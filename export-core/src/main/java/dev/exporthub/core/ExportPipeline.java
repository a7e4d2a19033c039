package dev.exporthub.core;

import dev.exporthub.api.ArtifactSignature;
import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportDeniedException;
import dev.exporthub.api.ExportException;
import dev.exporthub.api.ExportFailedException;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.PolicyDecision;
import dev.exporthub.api.ProgressListener;
import dev.exporthub.api.ResolvedExport;
import dev.exporthub.api.UncheckedRequest;
import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.TenantDirectory;
import dev.exporthub.api.spi.WriteContext;
import dev.exporthub.core.bundle.BundleBuilder;
import dev.exporthub.core.internal.CheckedSigner;
import dev.exporthub.core.internal.CountingOutputStream;
import dev.exporthub.core.internal.ExportIds;
import dev.exporthub.core.internal.LogAppender;
import dev.exporthub.core.policy.ExportPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one call of {@link ExportHub} does, step by step: check, resolve, judge, log the decision,
 * build, render, log the outcome ({@code docs/SPECIFICATION.md} §7.3). The hub is its public face;
 * this is the only code that appends to the log.
 */
final class ExportPipeline {

  // The category hosts already configure for the hub's lines.
  private static final Logger LOG = LoggerFactory.getLogger(ExportHub.class);

  private final OperationalDataSource source;
  private final Clock clock;
  private final ExportIds ids;
  private final LogAppender appender;
  private final TenantDirectory directory;
  private final FormatWriters formats;
  private final ExportPolicy policy;
  private final ArtifactSigner signer;

  /** @param signer signs every artifact, or {@code null} */
  ExportPipeline(OperationalDataSource source, Clock clock, ExportIds ids, LogAppender appender,
      TenantDirectory directory, FormatWriters formats, ExportPolicy policy, ArtifactSigner signer) {
    this.source = source;
    this.clock = clock;
    this.ids = ids;
    this.appender = appender;
    this.directory = directory;
    this.formats = formats;
    this.policy = policy;
    this.signer = signer;
  }

  ExportBundle preview(ExportRequest request, Caller caller) {
    Prepared prepared = prepare(request, caller);
    if (!prepared.decision.allowed()) {
      throw new ExportDeniedException(prepared.decision);
    }
    try {
      // The bundle outlives this call, so no snapshot can span its writing pass: its sections read
      // the source again, and the reread check fails them if the source changed in between.
      return build(prepared, source);
    } catch (RuntimeException | LinkageError | AssertionError | OutOfMemoryError e) {
      throw failed(prepared, e);
    }
  }

  LogEntry.ExportDownloaded recordDownload(LogEntry.Download download, ExportScope scope, Caller downloadedBy) {
    Objects.requireNonNull(download, "download");
    Objects.requireNonNull(downloadedBy, "downloadedBy");
    return appender.append(new LogEntry.ExportDownloaded(0, clock.instant(),
        ResolvedExport.logTenantOf(scope, downloadedBy), download, downloadedBy.userId(), null, null));
  }

  ExportRequest check(UncheckedRequest request, Caller caller) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(caller, "caller");
    UncheckedRequest assigned = request.queryId() != null ? request
        : request.withQueryId(ids.queryId(request.toString(), caller, clock.instant()));
    try {
      return assigned.check(clock.instant());
    } catch (InvalidRequestException e) {
      String tenant = assigned.tenantId() == null || assigned.tenantId().isBlank() ? null : assigned.tenantId();
      appendError(assigned.queryId(), ResolvedExport.logTenantOf(new ExportScope(tenant, null, null), caller), caller,
          e.errorCode(), e.getMessage(), assigned.category(), assigned.format());
      throw e;
    }
  }

  ExportResult run(ExportRequest request, Caller caller, OutputStream target, ProgressListener progress,
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
      CheckedSigner signing = signer == null ? null : new CheckedSigner(signer);
      boolean embedded = signing != null && prepared.writer.embedsSignature();
      boolean detached = signing != null && !embedded;
      CountingOutputStream counted = new CountingOutputStream(target, detached && !inMemory);
      WriteContext context = new WriteContext(prepared.decision, caller, export.request().options(), clock,
          embedded ? signing : null);
      ExportBundle bundle;
      // Both passes read one snapshot of the source, released before the outcome is logged.
      try (OperationalDataSource.Snapshot snapshot = source.snapshot()) {
        bundle = build(prepared, snapshot);
        ExportBundle rendered = progress == ProgressListener.NONE ? bundle : withProgress(bundle, progress);
        prepared.writer.write(rendered, context, counted);
        counted.flush();
      }
      String sha256 = counted.sha256();
      ArtifactSignature signature = !detached ? embeddedSignature(prepared, signing)
          : detachedSignature(signing, inMemory ? ((ByteArrayOutputStream) target).toByteArray() : counted.copy());
      long elapsed = Math.max(0, clock.millis() - started);
      FormatDescriptor descriptor = export.format();
      String filename = descriptor.fileName(bundle.bundleId());
      appender.append(new LogEntry.ExportGenerated(0, clock.instant(), export.logTenantId(),
          export.scope().facilityId(),
          new LogEntry.GeneratedExport(bundle.bundleId(), bundle.exportId(), export.queryId(),
              bundle.category().id(), descriptor.format().id(), bundle.sections().size(),
              bundle.metadata().totalItems(), counted.count(), sha256, elapsed,
              bundle.metadata().dataSourcesUsed(), signature),
          caller.userId(), null, null));
      LOG.info("export completed query={} bundle={} category={} format={} sections={} items={} bytes={} ms={}",
          export.queryId(), bundle.bundleId(), bundle.category().id(), descriptor.format().id(),
          bundle.sections().size(), bundle.metadata().totalItems(), counted.count(), elapsed);
      byte[] content = inMemory ? ((ByteArrayOutputStream) target).toByteArray() : null;
      return new ExportResult.Completed(prepared.decision, bundle, filename, descriptor.mimeType(), counted.count(),
          sha256, content, signature);
    } catch (IOException | GeneralSecurityException | RuntimeException | LinkageError | AssertionError
        | OutOfMemoryError e) {
      throw failed(prepared, e);
    }
  }

  /** The signature an embedding writer made through the context's signer; {@code null} without a signer. */
  private static ArtifactSignature embeddedSignature(Prepared p, CheckedSigner signing) {
    if (signing == null) {
      return null;
    }
    ArtifactSignature signature = signing.last(false);
    if (signature == null) {
      throw new ExportFailedException("The " + p.export.format().format().id() + " writer "
          + p.writer.getClass().getName() + " declares that it embeds its signature, yet signed nothing", null);
    }
    return signature;
  }

  /** The signature over the artifact's exact bytes ({@code docs/SPECIFICATION.md} §5.12). */
  private static ArtifactSignature detachedSignature(CheckedSigner signing, byte[] artifact)
      throws GeneralSecurityException {
    signing.sign(artifact);
    return signing.last(true);
  }

  /** Resolves the request once, evaluates policy and logs the decision. */
  private Prepared prepare(ExportRequest request, Caller caller) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(caller, "caller");
    ExportRequest assigned = request.queryId() != null ? request
        : request.withQueryId(ids.queryId(request.toString(), caller, clock.instant()));
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
    appender.append(new LogEntry.PolicyEvaluated(0, clock.instant(), decision, caller.userId(), null, null));
    return new Prepared(export, writer, decision);
  }

  private ExportBundle build(Prepared p, OperationalDataSource reading) {
    return new BundleBuilder(reading).build(p.export, ids.exportId(p.export.queryId()), clock);
  }

  /**
   * Leaves the {@code error} entry of a failure after the decision, out-of-memory included where
   * the JVM still lets us append (the failed export's objects are unreachable by now), and returns
   * what to throw: an {@link ExportException} as it is, anything else wrapped as
   * {@code EXPORT_FAILED}; an {@link Error} is rethrown unchanged.
   */
  private RuntimeException failed(Prepared p, Throwable e) {
    String format = p.export.format().format().id();
    ExportException failure;
    if (e instanceof ExportException known) {
      failure = known;
    } else if (e instanceof IOException || e instanceof UncheckedIOException) {
      failure = new ExportFailedException("Writing the " + format + " export failed: " + e.getMessage(), e);
    } else if (e instanceof GeneralSecurityException) {
      failure = new ExportFailedException("Signing the " + format + " export failed: " + e.getMessage(), e);
    } else {
      failure = new ExportFailedException("The " + format + " export failed: " + e, e);
    }
    logError(p, failure);
    if (e instanceof Error error) {
      throw error;
    }
    return failure;
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

  private record Prepared(ResolvedExport export, FormatWriter writer, PolicyDecision decision) {
  }

}
