package dev.exporthub.formats;

import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportSection;
import java.io.IOException;
import java.util.Iterator;
import java.util.stream.Stream;

/** Pulls a section's items one at a time, and holds the section to the count it declared. */
final class SectionItems {

  /** Receives one item; may fail with the output's {@link IOException}. */
  @FunctionalInterface
  interface Sink {
    void accept(ExportItem item) throws IOException;
  }

  private SectionItems() {
  }

  /**
   * Hands every item of {@code section} to {@code sink}, in order, closing the stream afterwards.
   *
   * @throws IllegalStateException when the stream does not yield {@link ExportSection#itemCount()}
   *                               items: the output would contradict its own counts
   */
  static void forEach(ExportSection section, Sink sink) throws IOException {
    long[] seen = {0};
    // Pushed through the stream rather than pulled with an iterator: a stream's iterator buffers
    // every element on its way, a cost per item of the largest exports.
    try (Stream<ExportItem> items = section.items()) {
      items.forEachOrdered(item -> {
        try {
          sink.accept(item);
        } catch (IOException e) {
          throw new SinkFailure(e);
        }
        seen[0]++;
      });
    } catch (SinkFailure e) {
      throw e.getCause();
    }
    requireCount(section, seen[0], section.itemCount());
  }

  /** Carries the sink's {@link IOException} out of the stream, and only that. */
  private static final class SinkFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SinkFailure(IOException cause) {
      super(cause);
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
  }

  /**
   * Hands at most {@code limit} items of {@code section} to {@code sink} and returns how many it
   * handed; the rest are not pulled.
   */
  static long forFirst(ExportSection section, long limit, Sink sink) throws IOException {
    long seen = 0;
    try (Stream<ExportItem> items = section.items()) {
      Iterator<ExportItem> iterator = items.iterator();
      while (seen < limit && iterator.hasNext()) {
        sink.accept(iterator.next());
        seen++;
      }
    }
    requireCount(section, seen, Math.min(limit, section.itemCount()));
    return seen;
  }

  private static void requireCount(ExportSection section, long seen, long expected) {
    if (seen != expected) {
      throw new IllegalStateException("Section '" + section.sectionId() + "' declares " + section.itemCount()
          + " items but its stream yielded " + (seen < expected ? "only " : "") + seen);
    }
  }
}
