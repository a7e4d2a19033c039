package dev.exporthub.benchmarks;

import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.spi.FormatDescriptor;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The full-operational export of a large data set in every format, in a small heap, timed: the
 * linear-growth and flat-memory check that is too slow for JMH cells. Run it with {@code -Xmx128m}:
 *
 * <pre>java -Xmx128m -cp export-benchmarks/target/benchmarks.jar dev.exporthub.benchmarks.HeapBoundedRun 100000 1000000</pre>
 *
 * <p>The data is {@link dev.exporthub.samples.SampleData} read as a stream (each record generated
 * when the stream reaches it, about 3 to 5 µs a record, on the counting pass and again for writing),
 * since a million records would not fit in the heap. For each size and format it prints the wall
 * time of one export (after one warm-up export of every format at the smallest size), items/s, MB/s,
 * the bytes written and the peak heap used during the export; then, per format, the time of the
 * largest size over the time of the smallest.
 */
public final class HeapBoundedRun {

  private HeapBoundedRun() {}

  public static void main(String[] args) {
    long[] sizes = args.length == 0 ? new long[] {100_000, 1_000_000} : new long[args.length];
    for (int i = 0; i < args.length; i++) {
      sizes[i] = Long.parseLong(args[i]);
    }
    Runtime runtime = Runtime.getRuntime();
    System.out.printf(Locale.ROOT, "max heap %d MB, %d processors, %s %s%n%n", runtime.maxMemory() >> 20,
        runtime.availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
    System.out.println("| items | format | seconds | items/s | MB/s | bytes | peak heap MB |");
    System.out.println("|---:|---|---:|---:|---:|---:|---:|");
    BenchmarkData warm = BenchmarkData.streaming("full-operational", Math.min(sizes[0], 100_000));
    for (FormatDescriptor descriptor : warm.hub.formats()) {
      warm.export(descriptor.format());
    }
    Map<String, Double> first = new LinkedHashMap<>();
    Map<String, Double> last = new LinkedHashMap<>();
    for (long size : sizes) {
      BenchmarkData data = BenchmarkData.streaming("full-operational", size);
      long items = data.preview(ExportFormat.JSON).metadata().totalItems();
      for (FormatDescriptor descriptor : data.hub.formats()) {
        String format = descriptor.format().id();
        System.gc();
        resetPeaks();
        long start = System.nanoTime();
        long bytes = data.export(descriptor.format());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "| %d | %s | %.3f | %.0f | %.1f | %d | %d |%n", items, format,
            seconds, items / seconds, bytes / seconds / 1e6, bytes, peakHeap() >> 20);
        first.putIfAbsent(format, seconds);
        last.put(format, seconds);
      }
    }
    if (sizes.length > 1) {
      System.out.printf(Locale.ROOT, "%n| format | time at %d / time at %d |%n|---|---:|%n", sizes[sizes.length - 1],
          sizes[0]);
      first.forEach((format, seconds) -> System.out.printf(Locale.ROOT, "| %s | %.2f |%n", format,
          last.get(format) / seconds));
    }
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
  }

  private static void resetPeaks() {
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** The sum of the heap pools' peaks: an upper bound of the heap in use at any one time. */
  private static long peakHeap() {
    return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }
}
