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
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * An operational data source over a data directory: one file per source named by
 * {@link SourceType#id()} ({@code audit-findings}, {@code drift-events}, {@code alerts}, …), each
 * {@code .json} (an array of objects) or {@code .jsonl} (one object per line); a missing file is an
 * empty source. An optional {@code tenants.json} maps federations to tenants:
 * {@code {"federations": {"fed-a": ["t-1", "t-2"]}}}.
 *
 * <p>Records are read as a stream, never all at once. The first time a source is read, its file is
 * parsed once, on every core, and checked record by record (every error names file, line, record
 * id and field); the checked records are kept in a temporary file in a compact binary form, sorted
 * by (timestamp, id) in runs of bounded size and merged, so a directory of millions of records
 * exports in a small heap and every later read (an export reads each source at least twice)
 * decodes that file instead of parsing JSON again. A data file that changes is read again.
 * Temporary files are removed by {@link #close()}.
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

  /** Records sorted in memory at once while sorting a file, with {@link RecordSpill#RUN_BYTES}; bounds the heap used. */
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
  private final Map<SourceType, Prepared> prepared = new EnumMap<>(SourceType.class);
  private final Map<SourceType, SpillCodec> codecs = new EnumMap<>(SourceType.class);
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
    for (SourceType type : files.keySet()) {
      codecs.put(type, new SpillCodec(type));
    }
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
    Path spill = prepare(type);
    return spill == null ? Stream.empty() : SpillStream.open(spill, codecs.get(type), null, files.get(type));
  }

  @Override
  public Stream<? extends SourceRecord> records(SourceType type, SourceQuery query) {
    ready();
    Path spill = prepare(type);
    return spill == null ? Stream.empty() : SpillStream.open(spill, codecs.get(type), query, files.get(type));
  }

  /** Always {@code true}: each file is checked and sorted on first use. */
  @Override
  public boolean ordered() {
    return true;
  }

  /** A data file as last seen: a change to any of these makes it read again. */
  private record FileState(long size, FileTime modified, Object key) {
    static FileState of(Path file) {
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileState(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
      } catch (NoSuchFileException missing) {
        throw new UncheckedIOException("Data file disappeared while exporting: " + file, missing);
      } catch (IOException e) {
        throw new UncheckedIOException("Reading " + file + " failed: " + e.getMessage(), e);
      }
    }
  }

  /** A source's spill and the state of its data file when the spill was made. */
  private record Prepared(FileState state, Path spill) { }

  /**
   * The spill of a source's records, checked and sorted, or null when it has no file. Made on first
   * use, and again when the data file changed since (its size, modification time or identity), so
   * that a file replaced between an export's counting pass and its writing pass is read again and
   * the difference is found rather than hidden.
   */
  private synchronized Path prepare(SourceType type) {
    Path file = files.get(type);
    if (file == null) {
      return null;
    }
    FileState state = FileState.of(file);
    Prepared known = prepared.get(type);
    if (known != null && known.state.equals(state)) {
      return known.spill;
    }
    if (known != null) {
      deleteAll(List.of(known.spill));
    }
    Path spill = new RecordSpill(new RecordReader(type), codecs.get(type), runSize, new RecordSpill.TemporaryFiles() {
      @Override
      public Path create() throws IOException {
        return temporaryFile();
      }

      @Override
      public void delete(List<Path> paths) {
        deleteAll(paths);
      }
    }).spill(file);
    prepared.put(type, new Prepared(state, spill));
    return spill;
  }

  private synchronized Path temporaryFile() throws IOException {
    Path file = Files.createTempFile("exporthub-", ".spill");
    temporary.add(file);
    return file;
  }

  private synchronized void deleteAll(List<Path> paths) {
    for (Path path : paths) {
      try {
        Files.deleteIfExists(path);
        temporary.remove(path);
      } catch (IOException ignored) {
        // best effort: close() tries again
      }
    }
  }

  /** Deletes the temporary files of the sorted records. The source must not be used afterwards. */
  @Override
  public synchronized void close() {
    deleteAll(List.copyOf(temporary));
    prepared.clear();
  }
}
