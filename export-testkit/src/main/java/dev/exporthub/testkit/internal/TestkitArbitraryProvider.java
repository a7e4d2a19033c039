package dev.exporthub.testkit.internal;

import dev.exporthub.api.source.Alert;
import dev.exporthub.api.source.AuditFinding;
import dev.exporthub.api.source.CapacityProjection;
import dev.exporthub.api.source.DriftEvent;
import dev.exporthub.api.source.Insight;
import dev.exporthub.api.source.OperatorMetric;
import dev.exporthub.api.source.RealTimeSignal;
import dev.exporthub.api.source.Report;
import dev.exporthub.api.source.Schedule;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.Task;
import dev.exporthub.testkit.DataSet;
import dev.exporthub.testkit.DataSets;
import dev.exporthub.testkit.SourceRecords;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;

/**
 * Lets a property say {@code @ForAll Alert alert}, {@code @ForAll SourceRecord record} or
 * {@code @ForAll DataSet data} and get the testkit's arbitraries. Registered for jqwik through
 * {@code META-INF/services}; not API, instantiate nothing here.
 */
public final class TestkitArbitraryProvider implements ArbitraryProvider {

  private static final Map<Class<?>, Supplier<Arbitrary<?>>> PROVIDED = Map.ofEntries(
      Map.entry(SourceRecord.class, SourceRecords::any),
      Map.entry(AuditFinding.class, SourceRecords::auditFindings),
      Map.entry(DriftEvent.class, SourceRecords::driftEvents),
      Map.entry(Alert.class, SourceRecords::alerts),
      Map.entry(Task.class, SourceRecords::tasks),
      Map.entry(OperatorMetric.class, SourceRecords::operatorMetrics),
      Map.entry(RealTimeSignal.class, SourceRecords::realTimeSignals),
      Map.entry(CapacityProjection.class, SourceRecords::capacityProjections),
      Map.entry(Schedule.class, SourceRecords::schedules),
      Map.entry(Insight.class, SourceRecords::insights),
      Map.entry(Report.class, SourceRecords::reports),
      Map.entry(DataSet.class, DataSets::any));

  /** For {@link java.util.ServiceLoader}. */
  public TestkitArbitraryProvider() {
  }

  @Override
  public boolean canProvideFor(TypeUsage targetType) {
    return PROVIDED.containsKey(targetType.getRawType());
  }

  @Override
  public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
    return Set.of(PROVIDED.get(targetType.getRawType()).get());
  }
}
