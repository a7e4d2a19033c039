package dev.exporthub.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.SourceQuery;
import dev.exporthub.api.spi.TenantDirectory;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An operational data source over a data directory: one file per source named by
 * {@link SourceType#id()} ({@code audit-findings}, {@code drift-events}, {@code alerts}, …), each
 * {@code .json} (an array of objects) or {@code .jsonl} (one object per line); a missing file is an
 * empty source. An optional {@code tenants.json} maps federations to tenants:
 * {@code {"federations": {"fed-a": ["t-1", "t-2"]}}}.
 *
 * <p>Records are read as a stream, never all at once. The first time a source is read, its file is
 * checked record by record (every error names file, line, record id and field) and, unless it is
 * already ordered by (timestamp, id), sorted into a temporary file by an external merge sort in
 * runs of bounded size: a directory of millions of records exports in a small heap. Temporary
 * files are removed by {@link #close()}.
 *
 * <p>Reading is strict, so that what a file holds is either exported exactly or refused, never
 * half-read: UTF-8 without a byte order mark and without NUL bytes; in a {@code .json} file one
 * array and nothing after it; on a {@code .jsonl} line one object and nothing after it; no field
 * twice in one object; a record (and a {@code .jsonl} line) of at most {@link #MAX_RECORD_BYTES}
 * bytes, nested at most {@link #MAX_NESTING_DEPTH} levels. Each is an {@link InvalidDataException}
 * naming {@code file:line}, found in bounded memory however large the file.
 *
 * <p>The files are only read, never changed. Thread-safe.
 */
public final class DataDirectorySource implements OperationalDataSource, Closeable {

  /** Records sorted in memory at once while sorting a file; bounds the heap used. */
  static final int RUN_SIZE = 20_000;

  /**
   * The most UTF-8 bytes of one record of a {@code .json} file (from its '{' to its '}'), of one
   * line of a {@code .jsonl} file, and of {@code tenants.json}: 1 MiB. A record is parsed as a tree in
   * memory, which takes many times its size; this bound keeps one record's tree small beside a
   * small heap. Real records are far smaller.
   */
  public static final int MAX_RECORD_BYTES = 1 << 20;

  /**
   * How deep a record may nest objects and arrays, its own braces counted as 1: 101, the record
   * and the {@link dev.exporthub.api.ItemValue#MAX_DEPTH} levels of maps and lists its attributes
   * may hold (the attributes map the first of them). Deeper text is refused while it is read, before
   * Jackson or the record's checks recurse into it.
   */
  public static final int MAX_NESTING_DEPTH = dev.exporthub.api.ItemValue.MAX_DEPTH + 1;

  private final Path directory;
  private final TenantDirectory tenants;
  private final Map<String, Set<String>> federations;
  private final Map<SourceType, Path> files;
  private final Map<SourceType, Path> prepared = new EnumMap<>(SourceType.class);
  private final List<Path> temporary = new ArrayList<>();
  private final int runSize;
  /** What makes the whole directory unreadable, or {@code null}: reported by every read. */
  private final InvalidDataException problem;

  private DataDirectorySource(Path directory, Map<String, Set<String>> federations, Map<SourceType, Path> files,
      int runSize, InvalidDataException problem) {
    this.directory = directory;
    this.federations = federations;
    TenantDirectory tenants = TenantDirectory.of(federations);
    this.files = files;
    this.runSize = runSize;
    this.problem = problem;
    this.tenants = problem == null ? tenants : federation -> {
      throw problem;
    };
  }

  /**
   * Opens a data directory. Reads only {@code tenants.json}; record files are read on first use. A
   * source with both a {@code .json} and a {@code .jsonl} file, a data file that is not a regular
   * file, or a malformed {@code tenants.json}, makes the directory unreadable: {@link #ready()}, every read and the tenant directory throw it,
   * so the hub logs it like any other data problem.
   *
   * @throws InvalidDataException when the directory does not exist
   */
  public static DataDirectorySource open(Path directory) {
    return open(directory, RUN_SIZE);
  }

  static DataDirectorySource open(Path directory, int runSize) {
    if (!Files.isDirectory(directory)) {
      throw new InvalidDataException(directory.toString(), null, null, "is not a directory");
    }
    EnumMap<SourceType, Path> files = new EnumMap<>(SourceType.class);
    InvalidDataException problem = null;
    for (SourceType type : SourceType.values()) {
      Path json = directory.resolve(type.id() + ".json");
      Path jsonl = directory.resolve(type.id() + ".jsonl");
      if (Files.exists(json) && Files.exists(jsonl) && problem == null) {
        problem = new InvalidDataException(directory.toString(), null, null,
            "holds both " + json.getFileName() + " and " + jsonl.getFileName() + "; keep one");
      }
      Path file = Files.exists(json) ? json : Files.exists(jsonl) ? jsonl : null;
      if (file != null) {
        if (!Files.isRegularFile(file) && problem == null) {
          // a directory or a pipe by a data file's name would fail or block on the first read
          problem = new InvalidDataException(file.toString(), null, null, "is not a regular file");
        }
        files.put(type, file);
      }
    }
    Map<String, Set<String>> tenants = Map.of();
    try {
      tenants = readTenants(directory.resolve("tenants.json"));
    } catch (InvalidDataException malformed) {
      problem = problem != null ? problem : malformed;
    }
    return new DataDirectorySource(directory, tenants, files, runSize, problem);
  }

  private static Map<String, Set<String>> readTenants(Path file) {
    if (!Files.exists(file)) {
      return Map.of();
    }
    String name = file.toString();
    JsonNode root = StrictJson.parseFile(file, name);
    JsonNode federations = root == null ? null : root.get("federations");
    if (federations == null || !federations.isObject()) {
      throw new InvalidDataException(name, null, "federations",
          "expected {\"federations\": {\"fed-a\": [\"t-1\", \"t-2\"]}}");
    }
    TreeMap<String, Set<String>> map = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : federations.properties()) {
      Set<String> members = new TreeSet<>();
      if (!e.getValue().isArray()) {
        throw new InvalidDataException(name, null, "federations." + e.getKey(), "must be an array of tenant ids");
      }
      for (JsonNode tenant : e.getValue()) {
        // asText() would turn a number into a tenant id and an object into ""
        if (!tenant.isTextual() || tenant.asText().isBlank()) {
          throw new InvalidDataException(name, null, "federations." + e.getKey(),
              "must be an array of tenant ids (non-blank text), found " + tenant);
        }
        members.add(tenant.asText());
      }
      map.put(e.getKey(), members);
    }
    map.replaceAll((federation, members) -> Collections.unmodifiableSet(members));
    return Collections.unmodifiableMap(map);
  }

  @Override
  public void ready() {
    if (problem != null) {
      throw problem;
    }
  }

  /** The federations of {@code tenants.json}; none when the file is absent. */
  public TenantDirectory tenantDirectory() {
    return tenants;
  }

  /**
   * The federations of {@code tenants.json}: each federation's tenants, both sorted; empty when the
   * file is absent. What {@code exporthub db load} copies into a database.
   *
   * @throws InvalidDataException when the directory is unreadable ({@link #ready()})
   */
  public Map<String, Set<String>> federations() {
    ready();
    return federations;
  }

  public Path directory() {
    return directory;
  }

  /**
   * Every record of one source, whatever its tenant or time, in (timestamp, id) order, checked
   * like any read: what {@code exporthub db load} copies into a database. Close the stream.
   *
   * @throws InvalidDataException when the directory is unreadable or a record is invalid
   */
  public Stream<SourceRecord> records(SourceType type) {
    ready();
    Path file = prepare(type);
    return file == null ? Stream.empty() : lines(file, new RecordReader(type), file.getFileName().toString());
  }

  @Override
  public Stream<? extends SourceRecord> records(SourceType type, SourceQuery query) {
    ready();
    Path file = prepare(type);
    if (file == null) {
      return Stream.empty();
    }
    return lines(file, new RecordReader(type), file.getFileName().toString())
        .filter(r -> query.matches(r.tenantId(), r.facilityId(), r.timestamp()));
  }

  /** Always {@code true}: each file is checked and, if needed, sorted on first use. */
  @Override
  public boolean ordered() {
    return true;
  }

  /** The sorted JSON Lines file of a source (the original when already sorted), or null when absent. */
  private synchronized Path prepare(SourceType type) {
    if (prepared.containsKey(type)) {
      return prepared.get(type);
    }
    Path file = files.get(type);
    Path result = file == null ? null : sortIfNeeded(type, file);
    prepared.put(type, result);
    return result;
  }

  private Path sortIfNeeded(SourceType type, Path file) {
    return new ExternalSort(new RecordReader(type), runSize, new ExternalSort.TemporaryFiles() {
      @Override
      public Path create(String kind) throws IOException {
        return temporaryFile(kind);
      }

      @Override
      public void delete(List<Path> paths) {
        deleteAll(paths);
      }
    }).sortIfNeeded(file);
  }

  private synchronized Path temporaryFile(String kind) throws IOException {
    Path file = Files.createTempFile("exporthub-" + kind + "-", ".jsonl");
    temporary.add(file);
    return file;
  }

  private void deleteAll(List<Path> paths) {
    for (Path path : paths) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException ignored) {
        // best effort: close() tries again
      }
    }
  }

  /** A lazy stream of the records of a checked JSON Lines file; closing it closes the file. */
  private static Stream<SourceRecord> lines(Path file, RecordReader reader, String name) {
    RecordTexts texts;
    try {
      texts = ExternalSort.open(file, name, true, Utf8Input.BUFFER);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof NoSuchFileException missing) {
        throw new UncheckedIOException("Data file disappeared while exporting: " + file, missing);
      }
      throw e;
    }
    Iterator<SourceRecord> it = new Iterator<>() {
      SourceRecord next;
      boolean done;

      @Override
      public boolean hasNext() {
        if (next == null && !done) {
          RecordTexts.RecordText text = texts.next();
          if (text == null) {
            done = true;
          } else {
            next = reader.read(text, name);
          }
        }
        return next != null;
      }

      @Override
      public SourceRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        SourceRecord record = next;
        next = null;
        return record;
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(texts::close);
  }

  /** Deletes the temporary sorted files. The source must not be used afterwards. */
  @Override
  public synchronized void close() {
    deleteAll(temporary);
    temporary.clear();
    prepared.clear();
  }
}
