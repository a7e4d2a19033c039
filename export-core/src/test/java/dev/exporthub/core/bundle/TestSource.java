package dev.exporthub.core.bundle;

import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.SourceQuery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * An instrumented data source: it records every call, counts the streams it opens and the ones
 * closed, holds its records in an unmodifiable list (so any attempt to change them fails), and
 * hands out each call's records in an order of the test's choosing. It ignores the query's hints
 * and returns every record of the asked type: the builder must filter again.
 */
final class TestSource implements OperationalDataSource {

  static final Comparator<SourceRecord> ORDER =
      Comparator.comparing(SourceRecord::timestamp).thenComparing(SourceRecord::id);

  /** One call of {@link #records}. */
  record Call(SourceType type, SourceQuery query) { }

  private final List<SourceRecord> records;
  private final List<SourceRecord> snapshot;
  private final boolean ordered;
  private final BiFunction<Integer, List<SourceRecord>, List<SourceRecord>> arrange;
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger opened = new AtomicInteger();
  private final AtomicInteger closed = new AtomicInteger();

  private TestSource(List<? extends SourceRecord> records, boolean ordered,
      BiFunction<Integer, List<SourceRecord>, List<SourceRecord>> arrange) {
    this.records = Collections.unmodifiableList(new ArrayList<>(records));
    this.snapshot = List.copyOf(records);
    this.ordered = ordered;
    this.arrange = arrange;
  }

  /** Declares itself ordered and is: each call returns the records sorted by (timestamp, id). */
  static TestSource ordered(List<? extends SourceRecord> records) {
    return new TestSource(records, true, (call, list) -> sorted(list));
  }

  /** Declares itself unordered and returns each call's records in a new random order. */
  static TestSource shuffled(List<? extends SourceRecord> records, long seed) {
    return new TestSource(records, false, (call, list) -> {
      List<SourceRecord> copy = new ArrayList<>(list);
      Collections.shuffle(copy, new Random(seed + call));
      return copy;
    });
  }

  /** Declares itself ordered but is not: each call returns the records in reverse order. */
  static TestSource lyingAboutOrder(List<? extends SourceRecord> records) {
    return new TestSource(records, true, (call, list) -> {
      List<SourceRecord> copy = sorted(list);
      Collections.reverse(copy);
      return copy;
    });
  }

  /** Any arrangement: {@code arrange} gets the call number and the records of the asked type in input order. */
  static TestSource arranged(List<? extends SourceRecord> records, boolean ordered,
      BiFunction<Integer, List<SourceRecord>, List<SourceRecord>> arrange) {
    return new TestSource(records, ordered, arrange);
  }

  private static List<SourceRecord> sorted(List<SourceRecord> list) {
    List<SourceRecord> copy = new ArrayList<>(list);
    copy.sort(ORDER);
    return copy;
  }

  @Override
  public Stream<? extends SourceRecord> records(SourceType type, SourceQuery query) {
    int call;
    synchronized (calls) {
      calls.add(new Call(type, query));
      call = calls.size();
    }
    List<SourceRecord> ofType = records.stream().filter(r -> r.type() == type).toList();
    List<SourceRecord> arranged = arrange.apply(call, ofType);
    opened.incrementAndGet();
    return arranged.stream().onClose(closed::incrementAndGet);
  }

  @Override
  public boolean ordered() {
    return ordered;
  }

  /** Every call so far, in order. */
  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** How many calls asked for {@code type}. */
  long callsFor(SourceType type) {
    return calls().stream().filter(c -> c.type() == type).count();
  }

  int opened() {
    return opened.get();
  }

  int closed() {
    return closed.get();
  }

  /** Whether the held records are still exactly those given at construction. */
  boolean unchanged() {
    return records.equals(snapshot);
  }
}
