package dev.exporthub.core.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Cuts a torn last line (the bytes after the last {@code \n}) off a log file, after copying them,
 * byte for byte, into a new side file {@code <log>.torn-<n>} beside it (the lowest free
 * {@code n} from 1) and forcing that to the device. So the cut loses nothing: a crash before the
 * cut leaves the bytes in both places, never in neither, and if the side file cannot be written
 * nothing is cut.
 *
 * <p>The bytes go to a side file and not into the log: an append that never returned confirmed
 * nothing, so its bytes are not part of the chain; they can be any bytes, not valid UTF-8 or
 * megabytes long; and the store only stores lines, while which entries exist is the hub's to decide
 * ({@code docs/SPECIFICATION.md} §7.3). Callers hold the file's exclusive lock.
 */
final class TornTail {

  /** How much of the cut bytes {@link FileLogStore.OpenReport#discardedLine()} shows. */
  static final int PREVIEW_BYTES = 4096;

  /** Past this many side files something keeps tearing the log: a person should look first. */
  private static final int MAX_SIDE_FILES = 10_000;

  private TornTail() {}

  /**
   * What was cut.
   *
   * @param sideFile where every cut byte is kept
   * @param preview  the start of the cut bytes as text, for reports
   * @param length   how many bytes were cut
   */
  record Kept(Path sideFile, String preview, long length) { }

  /** Keeps the bytes from {@code keep} to {@code size} in a side file, then truncates the log to {@code keep}. */
  static Kept keepAndCut(FileChannel log, Path file, long keep, long size) throws IOException {
    int shown = (int) Math.min(PREVIEW_BYTES, size - keep);
    String preview = new String(LogFileIo.read(log, keep, shown), StandardCharsets.UTF_8)
        + (size - keep > shown ? "..." : "");
    Path side = copy(log, file, keep, size);
    LogFileIo.syncDirectory(side.getParent());
    log.truncate(keep);
    log.force(true);
    return new Kept(side, preview, size - keep);
  }

  private static Path copy(FileChannel log, Path file, long from, long to) throws IOException {
    FileAttribute<?>[] attributes = sameAccessAs(file);
    for (int n = 1; n <= MAX_SIDE_FILES; n++) {
      Path side = file.resolveSibling(file.getFileName() + ".torn-" + n);
      FileChannel out;
      try {
        out = FileChannel.open(side, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes);
      } catch (FileAlreadyExistsException taken) {
        continue; // an earlier cut's bytes, or anything else: never overwritten
      } catch (IOException e) {
        throw notKept(side, e);
      }
      try (out) {
        for (long at = from; at < to; ) {
          long moved = log.transferTo(at, to - at, out);
          if (moved <= 0) {
            throw new IOException("the log ended early at byte " + at + "; was it changed underneath?");
          }
          at += moved;
        }
        out.force(true);
        return side;
      } catch (IOException e) {
        deleteQuietly(side, e);
        throw notKept(side, e);
      }
    }
    throw new IOException("there are already " + MAX_SIDE_FILES + " torn-line files beside it, so nothing was cut; "
        + "look into what keeps tearing its appends, and move them away");
  }

  private static IOException notKept(Path side, IOException e) {
    return new IOException("could not keep its torn last line in " + side + ", so nothing was cut: " + e, e);
  }

  /** The log's own permissions where the file system has them: the torn bytes are as private as the log. */
  private static FileAttribute<?>[] sameAccessAs(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return new FileAttribute<?>[0];
    }
    Set<PosixFilePermission> permissions = view.readAttributes().permissions();
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
  }

  private static void deleteQuietly(Path side, IOException failure) {
    try {
      Files.deleteIfExists(side); // the bytes are still in the log: a half copy is only noise
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
