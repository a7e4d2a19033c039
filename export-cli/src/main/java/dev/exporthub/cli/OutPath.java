package dev.exporthub.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an {@code --out} option points: a file, or an existing directory that receives a
 * conventional file name (for an export, {@code {bundleId}.{ext}}, known only once the bundle is
 * built).
 *
 * @param directory where the file goes (and its temporary sibling); exists
 * @param file      the file, or {@code null} for the conventional name in {@code directory}
 */
record OutPath(Path directory, Path file) {

  /** @throws CliException (usage) when neither {@code out} nor its parent is a directory */
  static OutPath of(Path out) {
    Path absolute = out.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      return new OutPath(absolute, null);
    }
    Path parent = absolute.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw CliException.usage("cannot write " + absolute + ": the directory " + parent + " does not exist");
    }
    return new OutPath(parent, absolute);
  }

  /** A directory that receives conventional names. */
  static OutPath directory(Path directory) {
    return new OutPath(directory, null);
  }

  /** The file for an artifact with this conventional name. */
  Path resolve(String conventionalName) {
    return file != null ? file : directory.resolve(conventionalName);
  }
}
