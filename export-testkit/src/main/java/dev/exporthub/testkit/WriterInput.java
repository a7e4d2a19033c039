package dev.exporthub.testkit;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.PolicyDecision;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.WriteContext;
import dev.exporthub.core.bundle.BundleBuilder;
import dev.exporthub.core.policy.BuiltInRule;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What {@link FormatWriterContract} hands a writer: a bundle assembled by the engine's own
 * {@link BundleBuilder} from a data set, and the write context an allowed export would carry.
 */
record WriterInput(DataSet data, ExportCategory category, ExportScope scope, TimeRange range,
    Map<String, String> options, String generatedBy) {

  /** The chain-of-custody hash every context carries. */
  static final String DECISION_HASH = "5f1d7a0c9e3b2a4f6d8c0b1e3a5f7d9c2b4e6a8c0d2f4b6e8a0c2e4f6b8d0a2c";

  Clock clock() {
    return Clock.fixed(data.now(), ZoneOffset.UTC);
  }

  ExportBundle bundle(FormatDescriptor descriptor) {
    return bundle(descriptor, data.source());
  }

  ExportBundle bundle(FormatDescriptor descriptor, OperationalDataSource source) {
    return new BundleBuilder(source, data.tenantDirectory()).build(new BundleBuilder.Plan(category,
        descriptor.format(), scope, range, generatedBy, descriptor.multiFile(), "export-1"), clock());
  }

  WriteContext context() {
    return context(scope, List.of(), options, clock());
  }

  static WriteContext context(ExportScope scope, List<String> warnings, Map<String, String> options, Clock clock) {
    List<String> rules = Arrays.stream(BuiltInRule.values()).map(BuiltInRule::id).toList();
    return new WriteContext(PolicyDecision.of("query-1", scope, List.of(), warnings, rules), DECISION_HASH, options,
        clock);
  }
}
