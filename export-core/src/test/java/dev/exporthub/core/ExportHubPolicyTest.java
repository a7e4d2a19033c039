package dev.exporthub.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportDeniedException;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ExportSection;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.PolicyDecision;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.PolicyRule;
import dev.exporthub.api.spi.SourceQuery;
import dev.exporthub.api.spi.WriteContext;
import dev.exporthub.core.policy.ExportPolicy;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deny by default, through the hub: a denied request reads no data (the source fails on any access),
 * writes no byte, and logs exactly one policy decision. Visibility is the policy's.
 */
class ExportHubPolicyTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final ExportFormat BUNDLE = ExportFormat.of("test-bundle");

  /** A source that fails the test on any access at all. */
  private static final class UntouchableSource implements OperationalDataSource {
    @Override
    public Stream<? extends SourceRecord> records(SourceType type, SourceQuery query) {
      throw new AssertionError("a denied request read " + type.id());
    }

    @Override
    public boolean ordered() {
      throw new AssertionError("a denied request asked the source whether it is ordered");
    }
  }

  /** A tiny writer that pulls every item, then writes one line. */
  private record TestWriter(FormatDescriptor descriptor) implements FormatWriter {
    @Override
    public void write(ExportBundle bundle, WriteContext context, OutputStream out) throws java.io.IOException {
      long items = 0;
      for (ExportSection section : bundle.sections()) {
        try (Stream<?> stream = section.items()) {
          items += stream.count();
        }
      }
      out.write(("items=" + items + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private static ExportHub hub(PolicyRule... rules) {
    ExportHub.Builder builder = ExportHub.builder()
        .dataSource(new UntouchableSource())
        .discoverWriters(false)
        .writer(new TestWriter(new FormatDescriptor(ExportFormat.JSON, "application/json", ".json", false)))
        .writer(new TestWriter(new FormatDescriptor(BUNDLE, "application/zip", "-test.zip", true)))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .idSupplier(() -> "id-1");
    for (PolicyRule rule : rules) {
      builder.rule(rule);
    }
    return builder.build();
  }

  private static Caller caller(String role, String... permissions) {
    return Caller.of("user-1", "t-1", role, List.of(permissions));
  }

  private static PolicyRule crashing() {
    return new PolicyRule() {
      @Override
      public String id() {
        return "crashing";
      }

      @Override
      public Verdict evaluate(dev.exporthub.api.ResolvedExport check) {
        throw new IllegalStateException("bug in a host's rule");
      }
    };
  }

  static Stream<Arguments> denials() {
    ExportRequest json = ExportRequest.builder(ExportCategory.ALERT_LOGS, ExportFormat.JSON).build();
    return Stream.of(
        Arguments.of("the compliance pack without the auditor role",
            ExportRequest.builder(ExportCategory.COMPLIANCE_PACK, ExportFormat.JSON).build(), caller("viewer"),
            new PolicyRule[0], List.of("Compliance pack exports require auditor role or permission")),
        Arguments.of("a plugin's multi-file format without export:bundle-formats",
            ExportRequest.builder(ExportCategory.ALERT_LOGS, BUNDLE).build(), caller("admin"), new PolicyRule[0],
            List.of("Format 'test-bundle' requires export:bundle-formats permission")),
        Arguments.of("another tenant",
            ExportRequest.builder(ExportCategory.ALERT_LOGS, ExportFormat.JSON).scope(ExportScope.tenant("t-2")).build(),
            caller("admin"), new PolicyRule[0], List.of("Cross-tenant export access denied")),
        Arguments.of("a year without export:long-range",
            ExportRequest.builder(ExportCategory.ALERT_LOGS, ExportFormat.JSON)
                .timeRange(TimeRange.of(NOW.minus(Duration.ofDays(365)), NOW)).build(),
            caller("admin"), new PolicyRule[0],
            List.of("Time range exceeds 90 days. Requires export:long-range permission")),
        Arguments.of("a custom rule that throws", json, caller("admin"), new PolicyRule[] {crashing()},
            List.of("Policy rule 'crashing' failed: java.lang.IllegalStateException")),
        Arguments.of("everything at once",
            ExportRequest.builder(ExportCategory.FULL_OPERATIONAL, BUNDLE)
                .scope(ExportScope.federation("fed-x")).build(),
            caller(null), new PolicyRule[] {crashing()},
            List.of("Federation export access denied", "Executive-level exports require executive permissions",
                "Format 'test-bundle' requires export:bundle-formats permission",
                "Policy rule 'crashing' failed: java.lang.IllegalStateException")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("denials")
  @DisplayName("A denied export reads no data, writes no byte and logs exactly one policy decision")
  void deniedExport(String name, ExportRequest request, Caller caller, PolicyRule[] rules, List<String> violations) {
    ExportHub hub = hub(rules);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    ExportResult result = hub.export(request, caller, out);

    ExportResult.Denied denied = assertInstanceOf(ExportResult.Denied.class, result);
    assertEquals(violations, denied.decision().violations());
    assertEquals(violations.size() + " policy violation(s): " + violations.get(0), denied.decision().reason());
    assertEquals(0, out.size(), "no byte written");
    List<LogEntry> entries = hub.log().entries();
    assertEquals(1, entries.size(), () -> "exactly one log entry: " + entries);
    LogEntry.PolicyEvaluated logged = assertInstanceOf(LogEntry.PolicyEvaluated.class, entries.get(0));
    assertEquals(denied.decision(), logged.decision());
    assertFalse(logged.decision().allowed());
    assertEquals("user-1", logged.userId());
    assertEquals("id-1", logged.decision().queryId(), "the hub assigns the query id before policy");
    ExportDeniedException thrown = assertThrows(ExportDeniedException.class, result::orThrow);
    assertEquals(denied.decision(), thrown.decision());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("denials")
  @DisplayName("A denied in-memory export and a denied preview read nothing and log one decision each")
  void deniedInMemoryAndPreview(String name, ExportRequest request, Caller caller, PolicyRule[] rules,
      List<String> violations) {
    ExportHub hub = hub(rules);
    ExportResult result = hub.export(request, caller);
    assertEquals(violations, assertInstanceOf(ExportResult.Denied.class, result).decision().violations());
    ExportDeniedException e = assertThrows(ExportDeniedException.class, () -> hub.preview(request, caller));
    assertEquals(violations, e.decision().violations());
    List<LogEntry> entries = hub.log().entries();
    assertEquals(2, entries.size());
    entries.forEach(entry -> assertInstanceOf(LogEntry.PolicyEvaluated.class, entry));
  }

  @Test
  @DisplayName("The fixture is sharp: an allowed export does reach the source, and fails the test")
  void allowedExportReachesTheSource() {
    ExportHub hub = hub();
    ExportRequest request = ExportRequest.builder(ExportCategory.ALERT_LOGS, ExportFormat.JSON).build();
    AssertionError touched = assertThrows(AssertionError.class,
        () -> hub.export(request, caller(null), new ByteArrayOutputStream()));
    assertTrue(touched.getMessage().startsWith("a denied request"), touched::getMessage);
    PolicyDecision decision = assertInstanceOf(LogEntry.PolicyEvaluated.class, hub.log().entries().get(0)).decision();
    assertEquals(PolicyDecision.ALLOWED_REASON, decision.reason());
  }

  @Test
  @DisplayName("Visibility is the policy's: over the hub's formats and default range, custom rules included")
  void visibility() {
    PolicyRule noReports = new PolicyRule() {
      @Override
      public String id() {
        return "no-reports";
      }

      @Override
      public Verdict evaluate(dev.exporthub.api.ResolvedExport check) {
        return check.request().category() == ExportCategory.REPORTS ? Verdict.violation("no reports")
            : Verdict.pass();
      }
    };
    ExportHub hub = hub(noReports);
    Caller auditor = caller("auditor");
    Map<ExportCategory, List<ExportFormat>> visible = hub.visibility(auditor);
    assertEquals(new ExportPolicy(List.of(noReports)).visibility(auditor, TimeRange.endingAt(NOW), hub.formats(),
        dev.exporthub.api.spi.TenantDirectory.NONE), visible);
    assertEquals(List.of(ExportFormat.JSON), visible.get(ExportCategory.COMPLIANCE_PACK));
    assertFalse(visible.containsKey(ExportCategory.REPORTS));
    assertFalse(visible.containsKey(ExportCategory.EXECUTIVE_SUMMARY));
    assertEquals(List.of(ExportFormat.JSON, BUNDLE),
        hub.visibility(caller("auditor", "export:bundle-formats")).get(ExportCategory.AUDIT_FINDINGS));
    assertEquals(0, hub.log().entries().size(), "visibility reads and logs nothing");
  }
}
