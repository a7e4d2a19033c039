package dev.exporthub.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file that appears atomically and only on success: the bytes go to a hidden temporary
 * sibling, are forced to disk, and the sibling is then moved into place with
 * {@link StandardCopyOption#ATOMIC_MOVE}. On a failure, or when the writer decides there is nothing
 * to keep, the sibling is deleted.
 */
final class AtomicFile {

  private AtomicFile() {
  }

  /** Writes bytes to an output stream; may fail with an {@link IOException}. */
  @FunctionalInterface
  interface Body<T> {
    T write(OutputStream out) throws IOException;
  }

  /** Where written bytes belong, given what the body made of them; may write companions first. */
  @FunctionalInterface
  interface Target<T> {
    /** @return the file, or {@code null} to keep nothing */
    Path of(T result) throws IOException;
  }

  /**
   * @param directory where the file goes; must exist
   * @param body      writes the bytes and returns what it made of them
   * @param target    where the bytes belong, given what {@code body} returned; {@code null} to keep nothing
   * @return what {@code body} returned
   */
  static <T> T write(Path directory, Body<T> body, Target<T> target) throws IOException {
    Path temporary = directory.resolve(".exporthub-" + UUID.randomUUID() + ".partial");
    boolean moved = false;
    try {
      T result;
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream stream = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
        result = body.write(stream);
        stream.flush();
        channel.force(true);
      }
      Path file = target.of(result);
      if (file != null) {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        moved = true;
      }
      return result;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temporary);
      }
    }
  }

  /** Writes {@code file} atomically; its directory must exist. */
  static void write(Path file, Body<?> body) throws IOException {
    Path absolute = file.toAbsolutePath().normalize();
    write(absolute.getParent(), body, ignored -> absolute);
  }
}
