package dev.exporthub.testkit;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportItem;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.WriteContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.ShrinkingMode;

/**
 * A small text writer, correct, and three copies of it each with one classic flaw, with a
 * contract subclass for each. Surefire does not run these (nested classes, and this file's name
 * matches no test pattern): {@link FormatWriterContractCatchesBrokenWritersTest} runs them with
 * the JUnit Platform's EngineTestKit and inspects what failed.
 */
final class BrokenWriters {

  private BrokenWriters() {
  }

  /** What is wrong with a {@link LineWriter}. */
  enum Flaw {
    /** Nothing. */
    NONE,
    /** Numbers go through {@code String.format} with the default locale. */
    DEFAULT_LOCALE_NUMBERS,
    /** Every {@link IOException} of the output stream is caught and ignored. */
    SWALLOWS_IO_EXCEPTIONS,
    /**
     * Maps are written in their iteration order ({@code Map.toString()}): no flaw any more, since
     * an item's nested maps are sorted by key by construction.
     */
    INPUT_ORDER
  }

  /** One line per item: section, id, type, timestamp and the data, every map sorted by key. */
  static final class LineWriter implements FormatWriter {
    private final Flaw flaw;
    private final FormatDescriptor descriptor;

    LineWriter(Flaw flaw) {
      this.flaw = flaw;
      this.descriptor = new FormatDescriptor(ExportFormat.of("lines-" + flaw.name().toLowerCase(java.util.Locale.ROOT)
          .replace('_', '-')), "text/plain; charset=utf-8", ".txt", false);
    }

    @Override
    public FormatDescriptor descriptor() {
      return descriptor;
    }

    @Override
    public void write(ExportBundle bundle, WriteContext context, OutputStream out) throws IOException {
      try {
        Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        text.write(bundle.bundleId() + " " + bundle.title() + "\n");
        for (ExportSection section : bundle.sections()) {
          text.write("# " + section.sectionId() + " " + section.summary() + "\n");
          try (Stream<ExportItem> items = section.items()) {
            for (Iterator<ExportItem> it = items.iterator(); it.hasNext(); ) {
              ExportItem item = it.next();
              text.write(item.itemId() + "\t" + item.itemType() + "\t" + instant(item.timestamp()) + "\t"
                  + value(item.data()) + "\n");
            }
          }
        }
        text.flush();
      } catch (IOException e) {
        if (flaw != Flaw.SWALLOWS_IO_EXCEPTIONS) {
          throw e;
        }
      }
    }

    private String value(Object value) {
      if (value instanceof Map<?, ?> map) {
        if (flaw == Flaw.INPUT_ORDER) {
          return String.valueOf(map);
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(String.valueOf(k), value(v)));
        return sorted.toString();
      }
      if (value instanceof List<?> list) {
        List<String> parts = new ArrayList<>();
        list.forEach(v -> parts.add(value(v)));
        return parts.toString();
      }
      if (value instanceof Double || value instanceof Float) {
        return flaw == Flaw.DEFAULT_LOCALE_NUMBERS ? String.format("%.3f", value) : String.valueOf(value);
      }
      if (value instanceof Long || value instanceof Integer) {
        return flaw == Flaw.DEFAULT_LOCALE_NUMBERS ? String.format("%,d", value) : String.valueOf(value);
      }
      if (value instanceof Instant instant) {
        return instant(instant);
      }
      return String.valueOf(value);
    }

    private static String instant(Instant instant) {
      return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
  }

  // Shrinking off: the failures are the point, and a shrunk example is not needed to see them.

  @PropertyDefaults(tries = 25, shrinking = ShrinkingMode.OFF)
  static final class CorrectWriterContract extends FormatWriterContract {
    @Override
    protected FormatWriter writer() {
      return new LineWriter(Flaw.NONE);
    }
  }

  @PropertyDefaults(tries = 25, shrinking = ShrinkingMode.OFF)
  static final class DefaultLocaleNumbersContract extends FormatWriterContract {
    @Override
    protected FormatWriter writer() {
      return new LineWriter(Flaw.DEFAULT_LOCALE_NUMBERS);
    }
  }

  @PropertyDefaults(tries = 25, shrinking = ShrinkingMode.OFF)
  static final class SwallowedIoExceptionContract extends FormatWriterContract {
    @Override
    protected FormatWriter writer() {
      return new LineWriter(Flaw.SWALLOWS_IO_EXCEPTIONS);
    }
  }

  @PropertyDefaults(tries = 25, shrinking = ShrinkingMode.OFF)
  static final class InputOrderContract extends FormatWriterContract {
    @Override
    protected FormatWriter writer() {
      return new LineWriter(Flaw.INPUT_ORDER);
    }
  }
}
