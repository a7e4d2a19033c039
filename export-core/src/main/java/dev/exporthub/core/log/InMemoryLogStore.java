package dev.exporthub.core.log;

import dev.exporthub.api.spi.ExportLogStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A log store in memory, for tests and hosts that keep the log elsewhere. Thread-safe. */
public final class InMemoryLogStore implements ExportLogStore {

  private final List<String> lines = new ArrayList<>();

  /** An empty store. */
  public InMemoryLogStore() {
  }

  /** A store holding these lines already (e.g. to verify a copy of a log). */
  public InMemoryLogStore(List<String> existing) {
    existing.forEach(line -> lines.add(Objects.requireNonNull(line)));
  }

  @Override
  public synchronized String append(LineComposer composer) {
    String line = composer.compose(lines.isEmpty() ? null : lines.get(lines.size() - 1));
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("A log line must not contain a line break");
    }
    lines.add(line);
    return line;
  }

  @Override
  public synchronized long size() {
    return lines.size();
  }

  @Override
  public synchronized Optional<String> last() {
    return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1));
  }

  @Override
  public synchronized List<String> read(long from, int max) {
    LineRange.check(from, max);
    int start = (int) Math.min(from - 1, lines.size());
    int end = (int) Math.min((long) start + max, lines.size());
    return List.copyOf(lines.subList(start, end));
  }
}
