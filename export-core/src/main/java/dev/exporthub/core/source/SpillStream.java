package dev.exporthub.core.source;

import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.spi.SourceQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The records of a spill file as a stream, decoded ahead on a thread of their own: while the
 * export counts or writes one batch, the next ones are decoded on another core. Entries outside
 * the query are skipped by their header, undecoded. The heap holds at most {@link #AHEAD} batches
 * of {@link #BATCH} records; closing the stream stops the decoder and closes the file.
 */
final class SpillStream {

  private static final int BATCH = 256;
  private static final int AHEAD = 4;
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** What the decoder hands over after the last batch. */
  private static final Object END = new Object();

  /** A failure of the decoder, rethrown on the reading thread in its place in the stream. */
  private record Failure(Throwable cause) { }

  private SpillStream() {
  }

  /**
   * @param query    the records wanted, or {@code null} for all
   * @param dataFile the data file the spill was made from, for errors
   */
  static Stream<SourceRecord> open(Path spill, SpillCodec codec, SourceQuery query, Path dataFile) {
    SpillFile.Reader in;
    try {
      in = new SpillFile.Reader(spill, Utf8Input.BUFFER);
    } catch (IOException e) {
      throw failed(dataFile, e);
    }
    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    Thread decoder = new Thread(() -> decode(in, codec, query, dataFile, queue),
        "exporthub-spill-decoder-" + THREADS.incrementAndGet());
    decoder.setDaemon(true);
    decoder.start();
    Spliterator<SourceRecord> records = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
        Spliterator.ORDERED | Spliterator.NONNULL) {
      private SourceRecord[] batch = new SourceRecord[0];
      private int next;
      private boolean done;

      @Override
      public boolean tryAdvance(Consumer<? super SourceRecord> action) {
        if (next == batch.length && !fill()) {
          return false;
        }
        action.accept(batch[next++]);
        return true;
      }

      @Override
      public void forEachRemaining(Consumer<? super SourceRecord> action) {
        do {
          while (next < batch.length) {
            action.accept(batch[next++]);
          }
        } while (fill());
      }

      private boolean fill() {
        if (done) {
          return false;
        }
        Object taken;
        try {
          taken = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while reading " + dataFile, e);
        }
        if (taken == END) {
          done = true;
          return false;
        }
        if (taken instanceof Failure failure) {
          done = true;
          if (failure.cause instanceof RuntimeException runtime) {
            throw runtime;
          }
          throw (Error) failure.cause;
        }
        batch = (SourceRecord[]) taken;
        next = 0;
        return true;
      }
    };
    return StreamSupport.stream(records, false).onClose(decoder::interrupt);
  }

  private static void decode(SpillFile.Reader in, SpillCodec codec, SourceQuery query, Path dataFile,
      BlockingQueue<Object> queue) {
    try (in) {
      SpillCodec.Input input = new SpillCodec.Input();
      SpillCodec.Header header = new SpillCodec.Header();
      SourceRecord[] batch = new SourceRecord[BATCH];
      int size = 0;
      try {
        while (in.next()) {
          SpillCodec.readHeader(input.reset(in.entry(), 0), header);
          if (query == null || query.matches(header.tenantId, header.facilityId, header.timestamp())) {
            batch[size++] = codec.decodeBody(input);
            if (size == BATCH) {
              queue.put(batch);
              batch = new SourceRecord[BATCH];
              size = 0;
            }
          }
        }
        if (size > 0) {
          queue.put(java.util.Arrays.copyOf(batch, size));
        }
        queue.put(END);
      } catch (IOException e) {
        queue.put(new Failure(failed(dataFile, e)));
      } catch (RuntimeException | Error e) {
        queue.put(new Failure(e));
      }
    } catch (InterruptedException | IOException closed) {
      // the stream was closed: nobody reads on
    }
  }

  private static UncheckedIOException failed(Path dataFile, IOException e) {
    return new UncheckedIOException("Reading the sorted copy of " + dataFile + " failed: " + e.getMessage(), e);
  }
}
