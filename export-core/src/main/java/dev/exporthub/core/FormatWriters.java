package dev.exporthub.core;

import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The format writers a hub can use, one per format id: those registered explicitly on its
 * builder, and those found by {@link ServiceLoader}. Immutable and thread-safe.
 *
 * <p>{@link #discover(ClassLoader)} finds writers through {@link ServiceLoader}
 * ({@code META-INF/services/dev.exporthub.api.spi.FormatWriter}), forgivingly: a provider that
 * cannot be loaded or instantiated, or whose {@code descriptor()} fails, is logged as a warning and
 * skipped, so one broken plugin jar never takes the others down.
 *
 * <p>Two different writer classes for one format id are never resolved by chance (class path
 * order): the format is a <em>conflict</em>, and asking for its writer fails with an
 * {@link IllegalStateException} naming both classes until the host picks one with
 * {@link #withPreferred(FormatWriter)}. Other formats keep working. {@link #of(List)}, where the host
 * lists the writers itself, refuses such a list at once.
 *
 * <p>A format nobody writes is an {@link InvalidRequestException} listing the available ones.
 */
final class FormatWriters {

  private static final Logger LOG = LoggerFactory.getLogger(FormatWriters.class);

  /** How many consecutive provider failures discovery tolerates before giving up on a loader. */
  private static final int MAX_PROVIDER_FAILURES = 100;

  /** A writer with the descriptor it declared when it was registered. */
  private record Registered(FormatWriter writer, FormatDescriptor descriptor) {
  }

  private final Map<ExportFormat, Registered> writers;
  private final Map<ExportFormat, List<FormatWriter>> conflicts;

  private FormatWriters(Map<ExportFormat, Registered> writers, Map<ExportFormat, List<FormatWriter>> conflicts) {
    this.writers = Collections.unmodifiableMap(new TreeMap<>(writers));
    this.conflicts = Collections.unmodifiableMap(new TreeMap<>(conflicts));
  }

  /**
   * The writers {@code loader} provides through {@link ServiceLoader}. Broken providers are logged
   * and skipped; two writer classes for one format make that format a conflict (see the class
   * documentation), logged as a warning.
   *
   * @param loader where to look; {@code null} means the system class loader
   */
  static FormatWriters discover(ClassLoader loader) {
    Map<ExportFormat, List<Registered>> found = new LinkedHashMap<>();
    Iterator<FormatWriter> providers = ServiceLoader.load(FormatWriter.class, loader).iterator();
    int failures = 0;
    while (failures < MAX_PROVIDER_FAILURES) {
      FormatWriter writer;
      try {
        if (!providers.hasNext()) {
          break;
        }
        writer = providers.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        // A missing or invalid class, a failing constructor: skip this provider, keep the rest.
        failures++;
        LOG.warn("Skipping a format writer that could not be loaded: {}", explain(e));
        LOG.debug("The format writer's failure", e);
        continue;
      }
      FormatDescriptor descriptor = describe(writer);
      if (descriptor == null) {
        failures++;
        continue;
      }
      failures = 0;
      List<Registered> same = found.computeIfAbsent(descriptor.format(), f -> new ArrayList<>());
      if (same.stream().noneMatch(r -> r.writer().getClass() == writer.getClass())) {
        same.add(new Registered(writer, descriptor));
        LOG.debug("Found format writer {} for '{}' ({}) in {}", writer.getClass().getName(), descriptor.format(),
            descriptor.mimeType(), location(writer.getClass()));
      }
    }
    if (failures >= MAX_PROVIDER_FAILURES) {
      LOG.warn("Stopped looking for format writers after {} failures in a row", failures);
    }
    Map<ExportFormat, Registered> writers = new TreeMap<>();
    Map<ExportFormat, List<FormatWriter>> conflicts = new TreeMap<>();
    found.forEach((format, candidates) -> {
      if (candidates.size() == 1) {
        writers.put(format, candidates.get(0));
      } else {
        List<FormatWriter> clashing = candidates.stream().map(Registered::writer).toList();
        conflicts.put(format, clashing);
        LOG.warn("{}", conflictMessage(format, clashing));
      }
    });
    return new FormatWriters(writers, conflicts);
  }

  /**
   * Exactly these writers (a second instance of a class already listed is ignored).
   *
   * @throws IllegalStateException naming both classes when two writer classes declare the same format
   */
  static FormatWriters of(List<? extends FormatWriter> writers) {
    Map<ExportFormat, Registered> byFormat = new TreeMap<>();
    for (FormatWriter writer : writers) {
      Registered registered = register(writer);
      Registered previous = byFormat.putIfAbsent(registered.descriptor().format(), registered);
      if (previous != null && previous.writer().getClass() != writer.getClass()) {
        throw new IllegalStateException(conflictMessage(registered.descriptor().format(),
            List.of(previous.writer(), writer)));
      }
    }
    return new FormatWriters(byFormat, Map.of());
  }

  private static Registered register(FormatWriter writer) {
    Objects.requireNonNull(writer, "writer");
    FormatDescriptor descriptor = writer.descriptor();
    if (descriptor == null) {
      throw new IllegalArgumentException("Format writer " + writer.getClass().getName() + " has no descriptor");
    }
    return new Registered(writer, descriptor);
  }

  /**
   * These writers with {@code writer} as the one for its format: it replaces the writer found for
   * that format, resolves a conflict there, or adds the format.
   */
  FormatWriters withPreferred(FormatWriter writer) {
    Registered registered = register(writer);
    Map<ExportFormat, Registered> chosen = new TreeMap<>(writers);
    chosen.put(registered.descriptor().format(), registered);
    Map<ExportFormat, List<FormatWriter>> open = new TreeMap<>(conflicts);
    open.remove(registered.descriptor().format());
    return new FormatWriters(chosen, open);
  }

  /**
   * The writer for {@code format}.
   *
   * @throws InvalidRequestException listing the available formats when no writer writes it
   * @throws IllegalStateException   naming both classes when two writers were found for it and the
   *                                 host has not picked one with {@link #withPreferred}
   */
  FormatWriter writer(ExportFormat format) {
    return registered(format).writer();
  }

  private Registered registered(ExportFormat format) {
    Objects.requireNonNull(format, "format");
    Registered registered = writers.get(format);
    if (registered != null) {
      return registered;
    }
    List<FormatWriter> candidates = conflicts.get(format);
    if (candidates != null) {
      throw new IllegalStateException(conflictMessage(format, candidates));
    }
    throw new InvalidRequestException("Unknown export format '" + format + "'; available: "
        + available().stream().map(d -> d.format().id()).collect(Collectors.joining(", ")));
  }

  /**
   * What the writer for {@code format} declares.
   *
   * @throws InvalidRequestException as {@link #writer}
   * @throws IllegalStateException   as {@link #writer}
   */
  FormatDescriptor descriptor(ExportFormat format) {
    return registered(format).descriptor();
  }

  /** Whether a writer (and only one) is ready for {@code format}. */
  boolean supports(ExportFormat format) {
    return writers.containsKey(format);
  }

  /**
   * The descriptors of every usable format: the built-in ones in the order of
   * {@code docs/SPECIFICATION.md} §5.1, then the others by id. Formats in conflict are not usable
   * until resolved, so they are not listed.
   */
  List<FormatDescriptor> available() {
    return writers.values().stream()
        .map(Registered::descriptor)
        .sorted(Comparator.comparingInt((FormatDescriptor d) -> builtInRank(d.format()))
            .thenComparing(FormatDescriptor::format))
        .toList();
  }

  /**
   * The formats for which two or more writer classes were discovered and none was preferred, each
   * with the class names of its writers. Empty when discovery found no clash.
   */
  Map<ExportFormat, List<String>> conflicts() {
    Map<ExportFormat, List<String>> names = new TreeMap<>();
    conflicts.forEach((format, candidates) -> names.put(format, classNames(candidates)));
    return Collections.unmodifiableMap(names);
  }

  @Override
  public String toString() {
    return "FormatWriters" + writers.keySet() + (conflicts.isEmpty() ? "" : ", conflicts " + conflicts.keySet());
  }

  private static int builtInRank(ExportFormat format) {
    int rank = ExportFormat.BUILT_IN.indexOf(format);
    return rank < 0 ? Integer.MAX_VALUE : rank;
  }

  private static FormatDescriptor describe(FormatWriter writer) {
    try {
      FormatDescriptor descriptor = writer.descriptor();
      if (descriptor == null) {
        LOG.warn("Skipping format writer {}: its descriptor() is null", writer.getClass().getName());
      }
      return descriptor;
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("Skipping format writer {}: its descriptor() failed: {}", writer.getClass().getName(), explain(e));
      LOG.debug("The format writer's failure", e);
      return null;
    }
  }

  private static String explain(Throwable e) {
    return e.getCause() == null ? e.toString() : e + " (caused by " + e.getCause() + ")";
  }

  private static String conflictMessage(ExportFormat format, List<? extends FormatWriter> candidates) {
    return "Two or more format writers for '" + format + "': " + String.join(" and ", classNames(candidates))
        + "; register the one to use with ExportHub.Builder.writer(...)";
  }

  private static List<String> classNames(List<? extends FormatWriter> writers) {
    return writers.stream().map(w -> w.getClass().getName()).toList();
  }

  private static String location(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    return source == null || source.getLocation() == null ? "(unknown location)" : source.getLocation().toString();
  }
}
