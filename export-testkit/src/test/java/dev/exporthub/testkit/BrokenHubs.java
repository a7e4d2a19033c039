package dev.exporthub.testkit;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.WriteContext;
import dev.exporthub.core.ExportHub;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.ShrinkingMode;

/**
 * Hubs with a plugin writer that breaks a law, each in an {@link EngineLaws} subclass that
 * {@link EngineLawsCatchBrokenHubsTest} runs with the EngineTestKit. Not run by Surefire itself.
 */
final class BrokenHubs {

  private BrokenHubs() {
  }

  private static ExportHub hub(DataSet data, Clock clock, Supplier<String> ids, FormatWriter plugin) {
    return ExportHub.builder()
        .dataSource(data.source())
        .tenantDirectory(data.tenantDirectory())
        .writer(plugin)
        .clock(clock)
        .idSupplier(ids)
        .build();
  }

  /** Writes numbers with the default locale: laws 3 (in this JVM and in a forked one) fail. */
  @PropertyDefaults(tries = 10, shrinking = ShrinkingMode.OFF)
  static final class DefaultLocaleLaws extends EngineLaws {
    @Override
    protected ExportHub hub(DataSet data, Clock clock, Supplier<String> ids) {
      return BrokenHubs.hub(data, clock, ids, new BrokenWriters.LineWriter(BrokenWriters.Flaw.DEFAULT_LOCALE_NUMBERS));
    }
  }

  /**
   * A writer that keeps a cache across exports (here: every record it was ever shown, captured
   * when the hub was built) and prints it: law 4 fails, the others hold.
   */
  @PropertyDefaults(tries = 10, shrinking = ShrinkingMode.OFF)
  static final class LeakingLaws extends EngineLaws {
    @Override
    protected ExportHub hub(DataSet data, Clock clock, Supplier<String> ids) {
      List<String> everything = data.records().stream().map(SourceRecord::id).sorted().toList();
      return BrokenHubs.hub(data, clock, ids, new FormatWriter() {
        @Override
        public FormatDescriptor descriptor() {
          return new FormatDescriptor(ExportFormat.of("cached-index"), "text/plain", ".txt", false);
        }

        @Override
        public void write(ExportBundle bundle, WriteContext context, OutputStream out) throws IOException {
          out.write((bundle.bundleId() + " " + String.join(",", everything) + "\n").getBytes(StandardCharsets.UTF_8));
        }
      });
    }
  }
}
