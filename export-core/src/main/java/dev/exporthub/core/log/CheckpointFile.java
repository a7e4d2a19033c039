package dev.exporthub.core.log;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.exporthub.core.internal.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A checkpoints file: the signed checkpoints ({@link SignedCheckpoint}) a hub wrote of its log, in
 * JSON Lines, one object per checkpoint, oldest first ({@code docs/SPECIFICATION.md} §7.5):
 *
 * <pre>{"treeSize":12,"checkpoint":"exporthub/log-…\n12\n…\n\n— exporthub/log-… …\n"}</pre>
 *
 * <p>{@code treeSize} repeats the note's tree size so the file can be read (tailed, sorted) without
 * parsing notes; {@code checkpoint} is the whole signed note. UTF-8, members in this order; readers
 * ignore other members, which later versions may add.
 *
 * <p><b>Torn records.</b> A record is complete when its {@code \n} is written. An append that
 * crashed can leave a last line without one: readers ignore it ({@link Contents#tornTail()}), and
 * the next append cuts it off before writing, so it never runs into the next record. It confirmed
 * nothing (the note it held was never stored whole) and the log is the evidence, not this file, so
 * unlike a torn log line it is not kept. A complete line that is not a record is never cut.
 */
public final class CheckpointFile {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointFile.class);

  /** One lock per file for the whole JVM: a {@link java.nio.channels.FileLock} belongs to the process. */
  private static final ConcurrentHashMap<Path, ReentrantLock> FILE_LOCKS = new ConcurrentHashMap<>();

  private static final ObjectReader READER = Json.MAPPER.readerFor(JsonNode.class)
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .withFeatures(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private CheckpointFile() {
  }

  /**
   * One record.
   *
   * @param treeSize the tree size of the note
   * @param note     the signed note, as {@link SignedCheckpoint#sign} wrote it
   */
  public record Entry(long treeSize, String note) {
    /** @throws IllegalArgumentException when {@code treeSize} is not the size the note's body states */
    public Entry {
      Objects.requireNonNull(note, "note");
      String[] lines = note.split("\n", 3);
      if (treeSize < 0 || lines.length < 3 || !lines[1].equals(Long.toString(treeSize))) {
        throw new IllegalArgumentException("The record's treeSize " + treeSize
            + " is not the tree size its checkpoint states");
      }
    }
  }

  /**
   * What a checkpoints file holds.
   *
   * @param entries  the complete records, in stored order
   * @param tornTail whether a last line without its {@code \n} (an append that never finished) was ignored
   */
  public record Contents(List<Entry> entries, boolean tornTail) {
    public Contents {
      entries = List.copyOf(entries);
    }
  }

  /**
   * Reads a checkpoints file's bytes.
   *
   * @throws IllegalArgumentException naming the first complete line (from 1) that is not a record
   */
  public static Contents parse(byte[] bytes) {
    List<Entry> entries = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        entries.add(parseLine(bytes, start, i - start, entries.size() + 1));
        start = i + 1;
      }
    }
    return new Contents(entries, start < bytes.length);
  }

  /**
   * Appends a record durably: under an exclusive lock of the file (other processes appending wait),
   * after cutting off a torn last line, in one write of the whole line, forced to the device before
   * returning. Creates the file and its parent directories when missing.
   *
   * @throws IOException when the file cannot be created or written; a partial record left behind
   *                     is a torn last line, ignored by readers and cut by the next append
   */
  public static void append(Path file, Entry entry) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap((line(entry) + "\n").getBytes(StandardCharsets.UTF_8));
    Path target = file.toAbsolutePath().normalize();
    ReentrantLock lock = FILE_LOCKS.computeIfAbsent(target, p -> new ReentrantLock());
    lock.lock();
    // As for the log: an interrupt must not close the channel halfway through a record.
    boolean interrupted = Thread.interrupted();
    try {
      if (target.getParent() != null) {
        Files.createDirectories(target.getParent());
      }
      boolean created = Files.notExists(target);
      try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE)) {
        ch.lock(); // released when the channel closes
        long at = cutTornTail(ch, target);
        while (bytes.hasRemaining()) {
          at += ch.write(bytes, at);
        }
        ch.force(false);
      }
      if (created) {
        LogFileIo.syncDirectory(target.getParent());
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      lock.unlock();
    }
  }

  /** Cuts the bytes after the last {@code \n}; returns the size left. */
  private static long cutTornTail(FileChannel ch, Path file) throws IOException {
    long size = ch.size();
    if (size == 0 || LogFileIo.readByte(ch, size - 1) == '\n') {
      return size;
    }
    long keep = LogFileIo.lastNewline(ch, size - 1) + 1;
    ch.truncate(keep);
    LOG.warn("Checkpoints file {}: cut off a torn last record ({} bytes) left by an append that never finished",
        file, size - keep);
    return keep;
  }

  private static String line(Entry entry) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("treeSize", entry.treeSize());
      g.writeStringField("checkpoint", entry.note());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static Entry parseLine(byte[] bytes, int offset, int length, int number) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, offset, length)).toString();
    } catch (CharacterCodingException e) {
      throw notARecord(number, "it is not UTF-8");
    }
    JsonNode node;
    try {
      node = READER.readValue(text);
    } catch (IOException e) {
      throw notARecord(number, "it is not one JSON object");
    }
    if (node == null || !node.isObject()) {
      throw notARecord(number, "it is not one JSON object");
    }
    JsonNode size = node.get("treeSize");
    JsonNode note = node.get("checkpoint");
    if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0) {
      throw notARecord(number, "its treeSize is not a whole number from 0");
    }
    if (note == null || !note.isTextual()) {
      throw notARecord(number, "its checkpoint is not a string");
    }
    try {
      return new Entry(size.asLong(), note.asText());
    } catch (IllegalArgumentException e) {
      throw notARecord(number, "its treeSize is not the tree size its checkpoint states");
    }
  }

  private static IllegalArgumentException notARecord(int number, String why) {
    return new IllegalArgumentException("Line " + number + " of the checkpoints file is not a checkpoint record: "
        + why);
  }
}
