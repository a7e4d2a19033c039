package dev.exporthub.console;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFailedException;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.ProgressListener;
import dev.exporthub.api.UncheckedRequest;
import dev.exporthub.core.ExportHub;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/exports}: runs one export through the hub (policy, bundle, render, log) into
 * memory and keeps the artifact for download, answering {@code 201} with the bundle preview (the
 * first {@value #PREVIEW_ROWS} rows of each section) and the download's {@code Location}.
 */
final class ExportEndpoint implements ApiEndpoint {

  // The category hosts already configure for the console's failures.
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleHandler.class);

  /** How many rows of each section the preview shows. */
  static final int PREVIEW_ROWS = 5;

  private final ExportHub hub;
  private final RequestGuard guard;
  private final RequestParser parser;
  private final DownloadCache downloads;
  private final ApiJson json;

  ExportEndpoint(ExportHub hub, RequestGuard guard, RequestParser parser, DownloadCache downloads, ApiJson json) {
    this.hub = hub;
    this.guard = guard;
    this.parser = parser;
    this.downloads = downloads;
    this.json = json;
  }

  @Override
  public void answer(ApiCall call) throws IOException {
    byte[] body = guard.jsonBody(call.exchange());
    UncheckedRequest request = parser.exportRequest(body, call);
    Caller caller = call.caller();
    BoundedBuffer buffer = new BoundedBuffer(downloads.maxBytes());
    ExportResult.Completed done = completed(export(request, caller, buffer));
    String token = downloads.put(new DownloadCache.Artifact(done.bundle().bundleId(), done.bundle().format().id(),
        done.filename(), done.mimeType(), buffer.bytes(), caller.userId(), caller.tenantId(),
        done.decision().scope()));
    String location = Routes.DOWNLOADS + token;
    call.exchange().getResponseHeaders().set("Location", location);
    call.sendJson(201, json.created(done, firstRows(done.bundle()), location));
  }

  /**
   * The first rows of each section for the preview, read again through the bundle after the export
   * (the artifact itself may be a ZIP). A source that cannot be read again leaves its section
   * without rows: the export itself has succeeded and is logged.
   */
  private static List<List<ExportItem>> firstRows(ExportBundle bundle) {
    List<List<ExportItem>> rows = new ArrayList<>(bundle.sections().size());
    for (ExportSection section : bundle.sections()) {
      try (Stream<ExportItem> items = section.items()) {
        rows.add(items.limit(PREVIEW_ROWS).toList());
      } catch (RuntimeException e) {
        LOG.warn("export console: could not read the first rows of section {} again for the preview",
            section.sectionId(), e);
        rows.add(List.of());
      }
    }
    return rows;
  }

  // Each failure becomes a status and code the page can explain; the export log holds the details.
  private ExportResult export(UncheckedRequest request, Caller caller, BoundedBuffer buffer) {
    try {
      return hub.export(request, caller, buffer, ProgressListener.NONE);
    } catch (InvalidRequestException e) {
      throw HttpProblem.badRequest(e.getMessage());
    } catch (InvalidDataException e) {
      throw new HttpProblem(500, "invalid-data", "The data could not be exported: " + e.getMessage());
    } catch (ExportFailedException e) {
      if (BoundedBuffer.overflowed(e)) {
        throw new HttpProblem(422, "export-too-large", "The export is larger than the console's limit of "
            + downloads.maxBytes() + " bytes; export it with the command line or the library instead");
      }
      LOG.warn("export console: export failed", e);
      throw new HttpProblem(500, "export-failed", "The export failed; the error is recorded in the export log");
    }
  }

  private static ExportResult.Completed completed(ExportResult result) {
    if (result instanceof ExportResult.Denied denied) {
      throw HttpProblem.denied(denied.decision().reason(), denied.decision().violations(),
          denied.decision().warnings());
    }
    return (ExportResult.Completed) result;
  }
}
