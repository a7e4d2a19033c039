package dev.exporthub.testkit;

import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.SourceQuery;
import dev.exporthub.core.ExportHub;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import net.jqwik.api.Label;

/**
 * The engine laws as a host runs them against a hub of its own: here a source that hands out
 * records in the order it was given them, unfiltered, and declares itself unordered, so the
 * engine must filter and sort (and law 2's shuffles reach the engine unsorted).
 */
@Label("The engine laws hold for an unordered, unfiltered host source")
class UnorderedSourceEngineLaws extends EngineLaws {

  @Override
  protected ExportHub hub(DataSet data, Clock clock, Supplier<String> ids) {
    return ExportHub.builder()
        .dataSource(new HostSource(data.records()))
        .tenantDirectory(data.tenantDirectory())
        .clock(clock)
        .idSupplier(ids)
        .build();
  }

  /** Returns every record of the type, ignoring the query's hints, in insertion order. */
  private record HostSource(List<SourceRecord> records) implements OperationalDataSource {
    @Override
    public Stream<? extends SourceRecord> records(SourceType type, SourceQuery query) {
      return records.stream().filter(record -> record.type() == type);
    }
  }
}
