package dev.exporthub.cli;

import dev.exporthub.api.source.SourceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where an {@code --out} option points: a file, or an existing directory that receives a
 * conventional file name (for an export, {@code {bundleId}.{ext}}, known only once the bundle is
 * built).
 *
 * @param directory where the file goes (and its temporary sibling); exists
 * @param file      the file, or {@code null} for the conventional name in {@code directory}
 */
record OutPath(Path directory, Path file, Guard guard) {

  /**
   * What an output must never replace: the export log (through links and {@code ..} too) and the
   * files of the data directory. Either may be {@code null}.
   */
  record Guard(Path log, Path data) {
    static final Guard NONE = new Guard(null, null);

    /** @throws CliException (usage) when {@code target} is the log or a file of the data directory */
    void check(Path target) {
      Path real = real(target);
      if (log != null && real.equals(real(log))) {
        throw CliException.usage("refusing to write " + target + ": it is the export log; give another --out");
      }
      if (data != null && real.getParent() != null && real.getParent().equals(real(data))
          && (Files.exists(real) || isDataFileName(real.getFileName().toString()))) {
        throw CliException.usage("refusing to write " + target + ": it is a file of the data directory " + data
            + "; give another --out");
      }
    }

    /** A name the data directory reads: a source's {@code .json} or {@code .jsonl}, or {@code tenants.json}. */
    private static boolean isDataFileName(String name) {
      return name.equals("tenants.json") || Arrays.stream(SourceType.values())
          .anyMatch(type -> name.equals(type.id() + ".json") || name.equals(type.id() + ".jsonl"));
    }

    /** The path with every link and {@code ..} resolved, as far as it exists. */
    private static Path real(Path path) {
      Path absolute = path.toAbsolutePath().normalize();
      try {
        if (Files.exists(absolute)) {
          return absolute.toRealPath();
        }
        Path parent = absolute.getParent();
        return parent == null ? absolute : real(parent).resolve(absolute.getFileName());
      } catch (IOException e) {
        return absolute;
      }
    }
  }

  /**
   * Checks an {@code --out} path before anything is written.
   *
   * @throws CliException (usage) when neither {@code out} nor its parent is a directory, when
   *                      {@code out} exists and is neither a regular file nor a directory (a device,
   *                      a FIFO, a socket: the atomic write would replace the node with a file), or
   *                      when it is a file the guard protects
   */
  static OutPath of(Path out, Guard guard) {
    Path absolute = out.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      return new OutPath(absolute, null, guard);
    }
    if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(absolute)) {
      throw CliException.usage("refusing to write " + absolute
          + ": it exists and is not a regular file or a directory (a device, a FIFO or a dangling link)");
    }
    Path parent = absolute.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw CliException.usage("cannot write " + absolute + ": the directory " + parent + " does not exist");
    }
    guard.check(absolute);
    return new OutPath(parent, absolute, guard);
  }

  /**
   * The file that travels beside an output, such as its detached signature {@code FILE.sig}.
   *
   * @throws CliException (usage) when that name exists and is not a regular file, or must not be replaced
   */
  Path companion(Path file, String suffix) {
    Path companion = file.resolveSibling(file.getFileName() + suffix);
    if (Files.exists(companion, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(companion)) {
      throw CliException.usage("refusing to write " + companion + ": it exists and is not a regular file");
    }
    guard.check(companion);
    return companion;
  }

  /** A directory that receives conventional names. */
  static OutPath directory(Path directory) {
    return new OutPath(directory, null, Guard.NONE);
  }

  /**
   * The file for an artifact with this conventional name.
   *
   * @throws CliException (usage) when a conventional name in the directory names a file that must
   *                      not be replaced
   */
  Path resolve(String conventionalName) {
    if (file != null) {
      return file;
    }
    Path named = directory.resolve(conventionalName);
    if (Files.exists(named, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(named)) {
      throw CliException.usage("refusing to write " + named + ": it exists and is not a regular file");
    }
    guard.check(named);
    return named;
  }
}
