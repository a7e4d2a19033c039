package dev.exporthub.core.log;

import dev.exporthub.core.internal.LogCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Positioned reads of a log file's channel for {@link FileLogStore}, in chunks of {@value #CHUNK}
 * bytes, so looking at a file's ends never loads the file, whatever its size.
 */
final class LogFileIo {

  /** The store's own logger: hosts configure one name for everything the file store says. */
  private static final Logger LOG = LoggerFactory.getLogger(FileLogStore.class);

  static final int CHUNK = 8192;

  private LogFileIo() {}

  /** The position of the last {@code \n} at or before {@code from}, or -1. */
  static long lastNewline(FileChannel ch, long from) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    long end = from + 1;
    while (end > 0) {
      int n = (int) Math.min(CHUNK, end);
      long start = end - n;
      buffer.clear().limit(n);
      readFully(ch, buffer, start);
      for (int i = n - 1; i >= 0; i--) {
        if (buffer.get(i) == '\n') {
          return start + i;
        }
      }
      end = start;
    }
    return -1;
  }

  /** The last line of the first {@code size} bytes, whose last byte is {@code \n}, without it. */
  static String readLastLine(FileChannel ch, long size) throws IOException {
    long start = lastNewline(ch, size - 2) + 1;
    byte[] line = read(ch, start, Math.toIntExact(size - 1 - start));
    return text(line, 0, line.length);
  }

  /** {@code length} bytes from {@code position}. */
  static byte[] read(FileChannel ch, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    readFully(ch, buffer, position);
    return buffer.array();
  }

  static byte readByte(FileChannel ch, long position) throws IOException {
    return read(ch, position, 1)[0];
  }

  static void readFully(FileChannel ch, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = ch.read(buffer, at);
      if (n < 0) {
        throw new IOException("the file ended early at byte " + at + "; was it changed underneath?");
      }
      at += n;
    }
  }

  /** The lines of the first {@code length} bytes, which end with {@code \n}. */
  static List<String> split(byte[] bytes, int length) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '\n') {
        lines.add(text(bytes, start, i - start));
        start = i + 1;
      }
    }
    return lines;
  }

  /** A line's text; bytes that are not valid UTF-8 are marked so that the line is malformed. */
  static String text(byte[] bytes, int offset, int length) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, offset, length)).toString();
    } catch (CharacterCodingException e) {
      return LogCodec.NOT_UTF8 + new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
  }

  /** Makes a new file's directory entry durable; not every platform can, which is harmless. */
  static void syncDirectory(Path directory) {
    if (directory == null) {
      return;
    }
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      LOG.debug("Cannot sync directory {}: {}", directory, notSupported.toString());
    }
  }

  static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
