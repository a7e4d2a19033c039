package dev.exporthub.benchmarks;

import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.spi.FormatDescriptor;
import java.util.Locale;

/**
 * The full-operational export of a large data set in every format, in a small heap, timed: the
 * linear-growth and flat-memory check that is too slow for JMH cells. Run it with {@code -Xmx128m}:
 *
 * <pre>java -Xmx128m -cp export-benchmarks/target/benchmarks.jar dev.exporthub.benchmarks.HeapBoundedRun 100000 1000000</pre>
 *
 * <p>For each size and format it prints the wall time of one export (after one warm-up export at the
 * smallest size), items/s, MB/s and the peak heap used.
 */
public final class HeapBoundedRun {

  private HeapBoundedRun() {}

  public static void main(String[] args) {
    long[] sizes = args.length == 0 ? new long[] {100_000, 1_000_000} : new long[args.length];
    for (int i = 0; i < args.length; i++) {
      sizes[i] = Long.parseLong(args[i]);
    }
    Runtime runtime = Runtime.getRuntime();
    System.out.printf(Locale.ROOT, "max heap %d MB, %d processors, %s %s%n", runtime.maxMemory() >> 20,
        runtime.availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
    System.out.println("| items | format | seconds | items/s | MB/s | bytes |");
    System.out.println("|---:|---|---:|---:|---:|---:|");
    BenchmarkData warm = BenchmarkData.forItems("full-operational", sizes[0]);
    for (FormatDescriptor descriptor : warm.hub.formats()) {
      warm.export(descriptor.format());
    }
    for (long size : sizes) {
      BenchmarkData data = BenchmarkData.forItems("full-operational", size);
      long items = data.preview(ExportFormat.JSON).metadata().totalItems();
      for (FormatDescriptor descriptor : data.hub.formats()) {
        System.gc();
        long start = System.nanoTime();
        long bytes = data.export(descriptor.format());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "| %d | %s | %.3f | %.0f | %.1f | %d |%n", items, descriptor.format().id(),
            seconds, items / seconds, bytes / seconds / 1e6, bytes);
      }
    }
  }
}
