package dev.exporthub.cli;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportResult;
import dev.exporthub.core.ExportHub;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One export written to a file. The file appears atomically and only on success (see
 * {@link AtomicFile}); a denial or a failure leaves nothing behind. A written file is recorded in the
 * log as {@code export-downloaded}.
 *
 * @param file   the file written, or {@code null} when the export was denied
 */
record FileExport(ExportResult result, Path file) {

  /**
   * Exports into the target.
   *
   * @throws IOException when the file cannot be written or moved into place
   */
  static FileExport write(ExportHub hub, AtomicFile.Body<ExportResult> export, Caller caller, OutPath target)
      throws IOException {
    Objects.requireNonNull(target, "target");
    ExportResult result = AtomicFile.write(target.directory(), export,
        written -> written instanceof ExportResult.Completed completed ? target.resolve(completed.filename()) : null);
    if (!(result instanceof ExportResult.Completed completed)) {
      return new FileExport(result, null);
    }
    Path file = target.resolve(completed.filename());
    hub.recordDownload(completed, file.getFileName().toString(), caller);
    return new FileExport(result, file);
  }
}
