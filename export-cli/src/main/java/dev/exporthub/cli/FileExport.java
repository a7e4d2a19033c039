package dev.exporthub.cli;

import dev.exporthub.api.ArtifactSignature;
import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportResult;
import dev.exporthub.core.ExportHub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One export written to a file. The file appears atomically and only on success (see
 * {@link AtomicFile}); a denial or a failure leaves nothing behind. A detached signature is written
 * beside it as {@code FILE.sig}, atomically too and before the file itself appears, so a file is
 * never seen without the signature it was exported with. A written file is recorded in the log as
 * {@code export-downloaded}.
 *
 * @param file      the file written, or {@code null} when the export was denied
 * @param signature its detached signature file, or {@code null}
 */
record FileExport(ExportResult result, Path file, Path signature) {

  /**
   * Exports into the target.
   *
   * @throws IOException when the file cannot be written or moved into place
   */
  static FileExport write(ExportHub hub, AtomicFile.Body<ExportResult> export, Caller caller, OutPath target)
      throws IOException {
    Objects.requireNonNull(target, "target");
    ExportResult result = AtomicFile.write(target.directory(), export, written -> {
      if (!(written instanceof ExportResult.Completed completed)) {
        return null;
      }
      Path file = target.resolve(completed.filename());
      ArtifactSignature signature = completed.signature();
      if (signature != null && signature.detached()) {
        byte[] text = signature.fileText().getBytes(StandardCharsets.US_ASCII);
        AtomicFile.write(target.companion(file, ArtifactSignature.FILE_SUFFIX), out -> {
          out.write(text);
          return null;
        });
      }
      return file;
    });
    if (!(result instanceof ExportResult.Completed completed)) {
      return new FileExport(result, null, null);
    }
    Path file = target.resolve(completed.filename());
    hub.recordDownload(completed, file.getFileName().toString(), caller);
    boolean detached = completed.signature() != null && completed.signature().detached();
    return new FileExport(result, file, detached ? file.resolveSibling(file.getFileName() + ArtifactSignature.FILE_SUFFIX)
        : null);
  }
}
