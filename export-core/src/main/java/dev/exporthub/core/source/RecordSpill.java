package dev.exporthub.core.source;

import dev.exporthub.api.source.SourceRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads one data file once and leaves its records, checked and sorted by (timestamp, id), in a
 * {@link SpillFile}: every later read of the source decodes that file instead of parsing JSON.
 *
 * <p>The calling thread cuts the file into record texts; batches of them are parsed, checked and
 * encoded on a pool with a thread per core, and taken back in file order, so the first invalid
 * record of the file is the one reported, as a sequential read would. Entries go straight to the
 * spill while they come in order (data written in time order costs no sort); from the first one out
 * of order, the rest is sorted in runs of bounded size held in memory and merged with the in-order
 * prefix at the end. The heap holds one run and the batches in flight, however large the file.
 */
final class RecordSpill {

  /** Bytes of encoded entries in one sorted run, so that large records make shorter runs, not a larger heap. */
  static final long RUN_BYTES = 8L << 20;

  private static final int BATCH = 256;
  private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  /** Batches parsed ahead of the calling thread: enough to keep every thread busy. */
  private static final int AHEAD = 2 * THREADS;

  private static final ExecutorService PARSERS = Executors.newFixedThreadPool(THREADS, new java.util.concurrent.ThreadFactory() {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "exporthub-data-reader-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  });

  /** Where temporary files come from, so that the source can remove them all on close. */
  interface TemporaryFiles {
    Path create() throws IOException;

    void delete(List<Path> files);
  }

  /** An encoded record and its sort key. */
  private record Entry(long seconds, int nanos, String id, byte[] bytes) { }

  private static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::seconds)
      .thenComparingInt(Entry::nanos).thenComparing(Entry::id);

  private final RecordReader reader;
  private final SpillCodec codec;
  private final int runSize;
  private final TemporaryFiles temporary;

  RecordSpill(RecordReader reader, SpillCodec codec, int runSize, TemporaryFiles temporary) {
    this.reader = reader;
    this.codec = codec;
    this.runSize = runSize;
    this.temporary = temporary;
  }

  /**
   * The spill of a data file.
   *
   * @throws dev.exporthub.api.InvalidDataException at the first invalid record, naming file and line
   */
  Path spill(Path file) {
    String name = file.getFileName().toString();
    Sink sink = new Sink();
    try (RecordTexts texts = RecordTexts.open(file, name)) {
      ArrayDeque<Future<Entry[]>> ahead = new ArrayDeque<>();
      try {
        List<RecordTexts.RecordText> batch = new ArrayList<>(BATCH);
        while (true) {
          RecordTexts.RecordText text;
          try {
            text = texts.next();
          } catch (RuntimeException malformed) {
            // the records before the malformed text come first: one of them may be invalid too
            while (!ahead.isEmpty()) {
              sink.accept(take(ahead));
            }
            encode(batch, name);
            throw malformed;
          }
          if (text == null) {
            break;
          }
          batch.add(text);
          if (batch.size() == BATCH) {
            submit(batch, name, ahead, sink);
            batch = new ArrayList<>(BATCH);
          }
        }
        if (!batch.isEmpty()) {
          submit(batch, name, ahead, sink);
        }
        while (!ahead.isEmpty()) {
          sink.accept(take(ahead));
        }
      } finally {
        ahead.forEach(pending -> pending.cancel(false));
      }
      return sink.finish();
    } catch (IOException e) {
      sink.abandon();
      throw new UncheckedIOException("Reading " + file + " failed: " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      sink.abandon();
      throw e;
    }
  }

  private void submit(List<RecordTexts.RecordText> batch, String name, ArrayDeque<Future<Entry[]>> ahead, Sink sink)
      throws IOException {
    ahead.add(PARSERS.submit(() -> encode(batch, name)));
    if (ahead.size() >= AHEAD) {
      sink.accept(take(ahead));
    }
  }

  private Entry[] encode(List<RecordTexts.RecordText> batch, String name) {
    Entry[] entries = new Entry[batch.size()];
    SpillCodec.Output out = new SpillCodec.Output();
    for (int i = 0; i < entries.length; i++) {
      SourceRecord record = reader.read(batch.get(i), name);
      out.reset();
      codec.encode(record, out);
      entries[i] = new Entry(record.timestamp().getEpochSecond(), record.timestamp().getNano(), record.id(),
          out.toByteArray());
    }
    return entries;
  }

  private static Entry[] take(ArrayDeque<Future<Entry[]>> ahead) {
    try {
      return ahead.poll().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading a data file", e);
    }
  }

  /** Where entries go, in file order: the in-order prefix, then sorted runs, then the merge. */
  private final class Sink {
    private final List<Path> files = new ArrayList<>();
    private SpillFile.Writer prefix;
    private Entry last;
    private boolean ordered = true;
    private final List<Entry> run = new ArrayList<>();
    private long runBytes;

    void accept(Entry[] entries) throws IOException {
      for (Entry entry : entries) {
        if (ordered && (last == null || ORDER.compare(last, entry) <= 0)) {
          if (prefix == null) {
            prefix = new SpillFile.Writer(create());
          }
          prefix.write(entry.bytes, entry.bytes.length);
          last = entry;
          continue;
        }
        if (ordered) {
          ordered = false;
          prefix.close();
        }
        run.add(entry);
        runBytes += entry.bytes.length;
        if (run.size() >= runSize || runBytes >= RUN_BYTES) {
          writeRun();
        }
      }
    }

    private Path create() throws IOException {
      Path file = temporary.create();
      files.add(file);
      return file;
    }

    private void writeRun() throws IOException {
      run.sort(ORDER);
      try (SpillFile.Writer out = new SpillFile.Writer(create())) {
        for (Entry entry : run) {
          out.write(entry.bytes, entry.bytes.length);
        }
      }
      run.clear();
      runBytes = 0;
    }

    /** The one sorted spill file; the runs it was merged from are deleted. */
    Path finish() throws IOException {
      if (ordered) {
        if (prefix == null) {
          prefix = new SpillFile.Writer(create());
        }
        prefix.close();
        return files.get(0);
      }
      if (!run.isEmpty()) {
        writeRun();
      }
      List<Path> runs = List.copyOf(files);
      Path merged = temporary.create();
      try {
        merge(runs, merged);
      } catch (IOException | RuntimeException | Error e) {
        temporary.delete(List.of(merged));
        throw e;
      } finally {
        temporary.delete(runs);
        files.clear();
      }
      return merged;
    }

    private void merge(List<Path> runs, Path merged) throws IOException {
      record Head(Entry entry, int run) { }
      PriorityQueue<Head> queue = new PriorityQueue<>((a, b) -> ORDER.compare(a.entry, b.entry));
      List<SpillFile.Reader> readers = new ArrayList<>();
      SpillCodec.Input input = new SpillCodec.Input();
      SpillCodec.Header header = new SpillCodec.Header();
      try (SpillFile.Writer out = new SpillFile.Writer(merged)) {
        for (int i = 0; i < runs.size(); i++) {
          // many runs are open at once: a small buffer each
          readers.add(new SpillFile.Reader(runs.get(i), 8192));
          Entry first = read(readers.get(i), input, header);
          if (first != null) {
            queue.add(new Head(first, i));
          }
        }
        while (!queue.isEmpty()) {
          Head head = queue.poll();
          out.write(head.entry.bytes, head.entry.bytes.length);
          Entry next = read(readers.get(head.run), input, header);
          if (next != null) {
            queue.add(new Head(next, head.run));
          }
        }
      } finally {
        for (SpillFile.Reader in : readers) {
          in.close();
        }
      }
    }

    private Entry read(SpillFile.Reader in, SpillCodec.Input input, SpillCodec.Header header) throws IOException {
      if (!in.next()) {
        return null;
      }
      byte[] bytes = in.copy();
      SpillCodec.readHeader(input.reset(bytes, 0), header);
      return new Entry(header.seconds, header.nanos, header.id, bytes);
    }

    /** After a failure: nothing written so far is kept. */
    void abandon() {
      if (prefix != null) {
        try {
          prefix.close();
        } catch (IOException ignored) {
          // deleted next
        }
      }
      temporary.delete(files);
      files.clear();
    }
  }
}
