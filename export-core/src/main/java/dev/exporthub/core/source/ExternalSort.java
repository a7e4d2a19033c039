package dev.exporthub.core.source;

import dev.exporthub.api.source.SourceRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Checks every record of one data file and, unless it is a JSON Lines file already ordered by
 * (timestamp, id), sorts it into a temporary JSON Lines file by an external merge sort: runs of at
 * most {@code runSize} records and {@link #RUN_CHARS} characters are sorted in memory and written
 * out, then merged holding one record per run. A run keeps each record's sort key and text, not the
 * record: text is what is written back, and its size is what the run's bound counts.
 */
final class ExternalSort {

  /** Characters of record text held in one run, so that large records make shorter runs, not a larger heap. */
  static final long RUN_CHARS = 8L << 20;

  /** Where temporary files come from, so that the source can remove them all on close. */
  interface TemporaryFiles {
    Path create(String kind) throws IOException;

    void delete(List<Path> files);
  }

  /** A record in a run: its sort key, the same order as {@link SourceRecord#ORDER}, and its text. */
  private record Entry(Instant timestamp, String id, String text) { }

  private static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::timestamp).thenComparing(Entry::id);

  private final RecordReader reader;
  private final int runSize;
  private final TemporaryFiles temporary;

  ExternalSort(RecordReader reader, int runSize, TemporaryFiles temporary) {
    this.reader = reader;
    this.runSize = runSize;
    this.temporary = temporary;
  }

  /**
   * The file itself when it is JSON Lines and already in order, else a sorted temporary JSON Lines file.
   *
   * @throws dev.exporthub.api.InvalidDataException at the first invalid record, naming file and line
   */
  Path sortIfNeeded(Path file) {
    String name = file.getFileName().toString();
    boolean jsonLines = name.endsWith(".jsonl");
    List<Path> runs = new ArrayList<>();
    List<Entry> run = new ArrayList<>();
    long runChars = 0;
    boolean sorted = jsonLines;
    Entry previous = null;
    try (RecordTexts texts = open(file, name, jsonLines, Utf8Input.BUFFER)) {
      for (RecordTexts.RecordText text = texts.next(); text != null; text = texts.next()) {
        SourceRecord record = reader.read(text, name);
        Entry entry = new Entry(record.timestamp(), record.id(), text.oneLine());
        if (previous != null && ORDER.compare(previous, entry) > 0) {
          sorted = false;
        }
        previous = entry;
        run.add(entry);
        runChars += entry.text.length();
        if (run.size() >= runSize || runChars >= RUN_CHARS) {
          runs.add(writeRun(run));
          runChars = 0;
        }
      }
      if (sorted) {
        temporary.delete(runs);
        return file;
      }
      if (!run.isEmpty()) {
        runs.add(writeRun(run));
      }
      return merge(runs);
    } catch (IOException e) {
      temporary.delete(runs);
      throw new UncheckedIOException("Sorting " + file + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      temporary.delete(runs);
      throw e;
    }
  }

  /** The record texts of a data file or a run. */
  static RecordTexts open(Path file, String name, boolean jsonLines, int buffer) {
    Utf8Input in = Utf8Input.open(file, name, buffer);
    return jsonLines ? RecordTexts.jsonLines(in) : RecordTexts.jsonArray(in);
  }

  /** Sorts a run in memory and writes it to a temporary JSON Lines file; clears it. */
  private Path writeRun(List<Entry> run) throws IOException {
    run.sort(ORDER);
    Path file = temporary.create("run");
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Entry entry : run) {
        out.write(entry.text);
        out.write('\n');
      }
    }
    run.clear();
    return file;
  }

  /** K-way merge of sorted runs into one sorted file; the runs are deleted. */
  private Path merge(List<Path> runs) throws IOException {
    Path merged = temporary.create("sorted");
    List<RecordTexts> readers = new ArrayList<>();
    record Head(Entry entry, int run) { }
    PriorityQueue<Head> queue = new PriorityQueue<>((a, b) -> ORDER.compare(a.entry, b.entry));
    try (BufferedWriter out = Files.newBufferedWriter(merged, StandardCharsets.UTF_8)) {
      for (int i = 0; i < runs.size(); i++) {
        // many runs are open at once: a small buffer each
        readers.add(open(runs.get(i), runs.get(i).getFileName().toString(), true, 8192));
        Entry first = next(readers.get(i));
        if (first != null) {
          queue.add(new Head(first, i));
        }
      }
      while (!queue.isEmpty()) {
        Head head = queue.poll();
        out.write(head.entry.text);
        out.write('\n');
        Entry next = next(readers.get(head.run));
        if (next != null) {
          queue.add(new Head(next, head.run));
        }
      }
    } finally {
      for (RecordTexts in : readers) {
        in.close();
      }
      temporary.delete(runs);
    }
    return merged;
  }

  private Entry next(RecordTexts run) {
    RecordTexts.RecordText text = run.next();
    if (text == null) {
      return null;
    }
    SourceRecord record = reader.read(text, "run");
    return new Entry(record.timestamp(), record.id(), text.oneLine());
  }
}
