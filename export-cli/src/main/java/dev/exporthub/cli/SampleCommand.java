package dev.exporthub.cli;

import dev.exporthub.api.source.SourceType;
import dev.exporthub.samples.SampleData;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code exporthub sample}: writes a seeded sample data set as a data directory. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
    header = "Writes a seeded sample data set as a data directory.",
    description = {"Realistic records of all ten sources, for 'export --data'.",
        "Without --now the data ends at the current hour, so the default 30-day range of 'export' and",
        "'console' shows it; with --now the same options always write the same bytes."})
final class SampleCommand implements Callable<Integer> {

  private final RunContext context;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The data directory, created when missing.")
  private Path out;

  @Option(names = "--seed", paramLabel = "N", description = "The seed (default: ${DEFAULT-VALUE}).")
  private long seed = 42;

  @Option(names = "--size", paramLabel = "N", description = "Items across all ten sources (default: ${DEFAULT-VALUE}).")
  private long size = 500;

  @Option(names = "--tenants", paramLabel = "N", description = "Tenants tenant-1 .. tenant-N (default: ${DEFAULT-VALUE}).")
  private int tenants = 3;

  @Option(names = "--now", paramLabel = "ISO", converter = IsoInstant.class,
      description = "The end of the 30 days the data covers (default: the current time, rounded down to the hour).")
  private Instant now;

  SampleCommand(RunContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    SampleData data = build();
    Path dir = context.resolve(out);
    data.writeDataDirectory(dir);
    context.out().println("Wrote " + data.size() + " sample records for " + data.tenantIds().size()
        + " tenants (federation " + data.federationId() + ": " + String.join(", ", data.federationTenantIds())
        + ") to " + dir);
    Table table = Table.withHeader("file", "records");
    for (SourceType type : SourceType.values()) {
      table.row(type.id() + SampleData.SOURCE_FILE_EXTENSION, data.count(type));
    }
    table.row(SampleData.TENANTS_FILE, "");
    table.print(context.out(), "  ");
    return ExitCodes.OK;
  }

  private SampleData build() {
    try {
      SampleData.Builder builder = SampleData.builder().seed(seed).size(size).tenants(tenants);
      builder.now(now != null ? now : Instant.now().truncatedTo(ChronoUnit.HOURS));
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
