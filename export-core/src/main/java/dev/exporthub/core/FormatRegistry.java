package dev.exporthub.core;

import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The format writers a hub knows: those registered explicitly on its builder, and those found by
 * {@link ServiceLoader}. Forgiving discovery, like SLF4J's: a provider that fails to load is logged
 * and skipped. Two discovered writers for one format id are refused unless the host registers one
 * explicitly, which always wins.
 *
 * <p>Immutable and thread-safe.
 */
final class FormatRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(FormatRegistry.class);

  private final Map<ExportFormat, FormatWriter> writers;

  private FormatRegistry(Map<ExportFormat, FormatWriter> writers) {
    this.writers = writers;
  }

  /**
   * @param loader   where to discover writers, or {@code null} to discover none
   * @param explicit writers the host chose; at most one per format id
   */
  static FormatRegistry create(ClassLoader loader, List<FormatWriter> explicit) {
    TreeMap<ExportFormat, FormatWriter> chosen = new TreeMap<>();
    for (FormatWriter writer : explicit) {
      FormatWriter previous = chosen.put(writer.descriptor().format(), writer);
      if (previous != null) {
        throw new IllegalStateException("Two writers registered for format '" + writer.descriptor().format()
            + "': " + previous.getClass().getName() + " and " + writer.getClass().getName());
      }
    }
    TreeMap<ExportFormat, FormatWriter> discovered = new TreeMap<>();
    if (loader != null) {
      for (FormatWriter writer : discover(loader)) {
        ExportFormat format = writer.descriptor().format();
        if (chosen.containsKey(format)) {
          continue;
        }
        FormatWriter previous = discovered.putIfAbsent(format, writer);
        if (previous != null && !previous.getClass().equals(writer.getClass())) {
          throw new IllegalStateException("Two format writers found for '" + format + "': "
              + previous.getClass().getName() + " and " + writer.getClass().getName()
              + "; register the one to use explicitly with ExportHub.Builder.writer(...)");
        }
      }
    }
    discovered.putAll(chosen);
    return new FormatRegistry(java.util.Collections.unmodifiableMap(discovered));
  }

  private static List<FormatWriter> discover(ClassLoader loader) {
    List<FormatWriter> found = new ArrayList<>();
    Iterator<FormatWriter> it = ServiceLoader.load(FormatWriter.class, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        FormatWriter writer = it.next();
        writer.descriptor();
        found.add(writer);
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        LOG.warn("Skipping a format writer that failed to load: {}", e.toString());
      }
    }
    return found;
  }

  /**
   * The writer of a format.
   *
   * @throws InvalidRequestException naming the available formats when there is none
   */
  FormatWriter writer(ExportFormat format) {
    FormatWriter writer = writers.get(format);
    if (writer == null) {
      throw new InvalidRequestException("Unknown export format '" + format + "'; available: "
          + writers.keySet().stream().map(ExportFormat::id).collect(Collectors.joining(", ")));
    }
    return writer;
  }

  /** Every known format's descriptor: the built-in formats first in the spec's order, then others by id. */
  List<FormatDescriptor> descriptors() {
    List<FormatDescriptor> list = new ArrayList<>();
    for (ExportFormat format : ExportFormat.BUILT_IN) {
      if (writers.containsKey(format)) {
        list.add(writers.get(format).descriptor());
      }
    }
    writers.forEach((format, writer) -> {
      if (!ExportFormat.BUILT_IN.contains(format)) {
        list.add(writer.descriptor());
      }
    });
    return List.copyOf(list);
  }
}
