package dev.exporthub.cli;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.ProgressListener;
import dev.exporthub.core.ExportHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One export written to a file. The file appears atomically and only on success (see
 * {@link AtomicFile}); a denial or a failure leaves nothing behind. A written file is recorded in the
 * log as {@code export-downloaded}.
 *
 * @param result the hub's result
 * @param file   the file written, or {@code null} when the export was denied
 */
record FileExport(ExportResult result, Path file) {

  /**
   * Where {@code --out} points: a file, or an existing directory that receives the conventional
   * file name ({@code {bundleId}.{ext}}, known only once the bundle is built).
   *
   * @param directory where the file goes (and its temporary sibling)
   * @param file      the file, or {@code null} for the conventional name in {@code directory}
   */
  record Target(Path directory, Path file) {

    /** @throws CliException (usage) when neither {@code out} nor its parent is a directory */
    static Target of(Path out) {
      Path absolute = out.toAbsolutePath().normalize();
      if (Files.isDirectory(absolute)) {
        return new Target(absolute, null);
      }
      Path parent = absolute.getParent();
      if (parent == null || !Files.isDirectory(parent)) {
        throw CliException.usage("cannot write " + absolute + ": the directory " + parent + " does not exist");
      }
      return new Target(parent, absolute);
    }

    /** The file for an artifact with this conventional name. */
    Path resolve(String conventionalName) {
      return file != null ? file : directory.resolve(conventionalName);
    }
  }

  /**
   * Exports into the target.
   *
   * @throws IOException when the file cannot be written or moved into place
   */
  static FileExport write(ExportHub hub, ExportRequest request, Caller caller, Target target,
      ProgressListener progress) throws IOException {
    Objects.requireNonNull(target, "target");
    ExportResult result = AtomicFile.write(target.directory(),
        out -> hub.export(request, caller, out, progress),
        written -> written instanceof ExportResult.Completed completed ? target.resolve(completed.filename()) : null);
    if (!(result instanceof ExportResult.Completed completed)) {
      return new FileExport(result, null);
    }
    Path file = target.resolve(completed.filename());
    String scopeTenant = completed.decision().scope().tenantId();
    hub.recordDownload(completed.bundle().bundleId(), request.format(), file.getFileName().toString(),
        completed.sizeBytes(), caller.userId(), scopeTenant != null ? scopeTenant : caller.tenantId());
    return new FileExport(result, file);
  }
}
