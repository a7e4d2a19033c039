package dev.exporthub.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What each benchmark operation wrote: items and bytes, counted like operations so that JMH reports
 * them next to the primary score, in time per item and time per byte (average-time mode), from
 * which {@link RatioReport} derives items/s, MB/s and allocation per item.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Volume {

  /** Items written since the iteration began. */
  public long items;

  /** Bytes written since the iteration began. */
  public long bytes;

  @Setup(Level.Iteration)
  public void reset() {
    items = 0;
    bytes = 0;
  }

  void add(long itemCount, long byteCount) {
    items += itemCount;
    bytes += byteCount;
  }
}
