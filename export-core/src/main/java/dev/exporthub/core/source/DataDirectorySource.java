package dev.exporthub.core.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.SourceQuery;
import dev.exporthub.api.spi.TenantDirectory;
import dev.exporthub.core.internal.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.function.Consumer;
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
 * <p>The files are only read, never changed. Thread-safe.
 */
public final class DataDirectorySource implements OperationalDataSource, Closeable {

  /** Records sorted in memory at once while sorting a file; bounds the heap used. */
  static final int RUN_SIZE = 20_000;


  private final Path directory;
  private final TenantDirectory tenants;
  private final Map<SourceType, Path> files;
  private final Map<SourceType, Path> prepared = new EnumMap<>(SourceType.class);
  private final List<Path> temporary = new ArrayList<>();
  private final int runSize;
  /** What makes the whole directory unreadable, or {@code null}: reported by every read. */
  private final InvalidDataException problem;

  private DataDirectorySource(Path directory, TenantDirectory tenants, Map<SourceType, Path> files, int runSize,
      InvalidDataException problem) {
    this.directory = directory;
    this.files = files;
    this.runSize = runSize;
    this.problem = problem;
    this.tenants = problem == null ? tenants : federation -> {
      throw problem;
    };
  }

  /**
   * Opens a data directory. Reads only {@code tenants.json}; record files are read on first use. A
   * source with both a {@code .json} and a {@code .jsonl} file, or a malformed {@code tenants.json},
   * makes the directory unreadable: {@link #ready()}, every read and the tenant directory throw it,
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
      if (Files.exists(json)) {
        files.put(type, json);
      } else if (Files.exists(jsonl)) {
        files.put(type, jsonl);
      }
    }
    TenantDirectory tenants = TenantDirectory.NONE;
    try {
      tenants = readTenants(directory.resolve("tenants.json"));
    } catch (InvalidDataException malformed) {
      problem = problem != null ? problem : malformed;
    }
    return new DataDirectorySource(directory, tenants, files, runSize, problem);
  }

  private static TenantDirectory readTenants(Path file) {
    if (!Files.exists(file)) {
      return TenantDirectory.NONE;
    }
    try {
      JsonNode root = Json.MAPPER.readTree(file.toFile());
      JsonNode federations = root == null ? null : root.get("federations");
      if (federations == null || !federations.isObject()) {
        throw new InvalidDataException(file.toString(), null, "federations",
            "expected {\"federations\": {\"fed-a\": [\"t-1\", \"t-2\"]}}");
      }
      TreeMap<String, Set<String>> map = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : federations.properties()) {
        Set<String> members = new HashSet<>();
        if (!e.getValue().isArray()) {
          throw new InvalidDataException(file.toString(), null, "federations." + e.getKey(),
              "must be an array of tenant ids");
        }
        e.getValue().forEach(t -> members.add(t.asText()));
        map.put(e.getKey(), members);
      }
      return TenantDirectory.of(map);
    } catch (JsonProcessingException e) {
      throw new InvalidDataException(file + ":" + e.getLocation().getLineNr(), null, null,
          "is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  public Path directory() {
    return directory;
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
    RecordReader reader = new RecordReader(type);
    boolean jsonLines = file.getFileName().toString().endsWith(".jsonl");
    List<Path> runs = new ArrayList<>();
    List<SourceRecord> run = new ArrayList<>();
    List<String> runLines = new ArrayList<>();
    boolean[] sorted = {jsonLines};
    SourceRecord[] previous = new SourceRecord[1];
    Consumer<Parsed> collect = parsed -> {
      if (previous[0] != null && SourceRecord.ORDER.compare(previous[0], parsed.record) > 0) {
        sorted[0] = false;
      }
      previous[0] = parsed.record;
      run.add(parsed.record);
      runLines.add(parsed.json);
      if (run.size() >= runSize) {
        runs.add(writeRun(run, runLines));
      }
    };
    try {
      if (jsonLines) {
        readLines(file, reader, collect);
      } else {
        readArray(file, reader, collect);
      }
      if (sorted[0]) {
        deleteAll(runs);
        return file;
      }
      if (!run.isEmpty()) {
        runs.add(writeRun(run, runLines));
      }
      return merge(reader, runs);
    } catch (IOException e) {
      deleteAll(runs);
      throw new UncheckedIOException("Reading " + file + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteAll(runs);
      throw e;
    }
  }

  private record Parsed(SourceRecord record, String json) { }

  private static void readLines(Path file, RecordReader reader, Consumer<Parsed> sink) throws IOException {
    String name = file.getFileName().toString();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = parse(line, name + ":" + number);
        sink.accept(new Parsed(reader.read(node, name + ":" + number), line));
      }
    }
  }

  private static void readArray(Path file, RecordReader reader, Consumer<Parsed> sink) throws IOException {
    String name = file.getFileName().toString();
    try (JsonParser parser = Json.FACTORY.createParser(file.toFile())) {
      parser.setCodec(Json.MAPPER);
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new InvalidDataException(name + ":" + parser.currentLocation().getLineNr(), null, null,
            "a .json data file must hold an array of objects");
      }
      while (true) {
        JsonToken token;
        long line = parser.currentLocation().getLineNr();
        try {
          token = parser.nextToken();
          line = parser.currentLocation().getLineNr();
          if (token == JsonToken.END_ARRAY) {
            break;
          }
          JsonNode node = parser.readValueAsTree();
          sink.accept(new Parsed(reader.read(node, name + ":" + line), Json.MAPPER.writeValueAsString(node)));
        } catch (JsonProcessingException e) {
          throw new InvalidDataException(name + ":" + e.getLocation().getLineNr(), null, null,
              "is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (token == null) {
          throw new InvalidDataException(name + ":" + line, null, null, "the JSON array is not closed");
        }
      }
    }
  }

  private static JsonNode parse(String text, String location) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidDataException(location, null, null, "is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Sorts a run in memory and writes it to a temporary JSON Lines file; clears the buffers. */
  private Path writeRun(List<SourceRecord> records, List<String> lines) {
    Integer[] order = new Integer[records.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> SourceRecord.ORDER.compare(records.get(a), records.get(b)));
    try {
      Path run = temporaryFile("run");
      try (BufferedWriter out = Files.newBufferedWriter(run, StandardCharsets.UTF_8)) {
        for (Integer i : order) {
          out.write(lines.get(i));
          out.write('\n');
        }
      }
      records.clear();
      lines.clear();
      return run;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** K-way merge of sorted runs into one sorted file; the runs are deleted. */
  private Path merge(RecordReader reader, List<Path> runs) throws IOException {
    Path merged = temporaryFile("sorted");
    List<BufferedReader> readers = new ArrayList<>();
    record Head(SourceRecord record, String line, int run) { }
    PriorityQueue<Head> queue = new PriorityQueue<>((a, b) -> SourceRecord.ORDER.compare(a.record, b.record));
    try (BufferedWriter out = Files.newBufferedWriter(merged, StandardCharsets.UTF_8)) {
      for (int i = 0; i < runs.size(); i++) {
        BufferedReader in = Files.newBufferedReader(runs.get(i), StandardCharsets.UTF_8);
        readers.add(in);
        String line = in.readLine();
        if (line != null) {
          queue.add(new Head(reader.read(parse(line, "run"), "run"), line, i));
        }
      }
      while (!queue.isEmpty()) {
        Head head = queue.poll();
        out.write(head.line);
        out.write('\n');
        String next = readers.get(head.run).readLine();
        if (next != null) {
          queue.add(new Head(reader.read(parse(next, "run"), "run"), next, head.run));
        }
      }
    } finally {
      for (BufferedReader in : readers) {
        in.close();
      }
      deleteAll(runs);
    }
    return merged;
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
    BufferedReader in;
    try {
      in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("Data file disappeared while exporting: " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Iterator<SourceRecord> it = new Iterator<>() {
      SourceRecord next;
      long number;

      @Override
      public boolean hasNext() {
        try {
          while (next == null) {
            String line = in.readLine();
            if (line == null) {
              return false;
            }
            number++;
            if (!line.isBlank()) {
              next = reader.read(parse(line, name + ":" + number), name + ":" + number);
            }
          }
          return true;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
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
        .onClose(() -> {
          try {
            in.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** Deletes the temporary sorted files. The source must not be used afterwards. */
  @Override
  public synchronized void close() {
    deleteAll(temporary);
    temporary.clear();
    prepared.clear();
  }
}
