package dev.exporthub.core.policy;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.ResolvedExport;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.PolicyRule;
import dev.exporthub.api.spi.TenantDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Shared values for the policy tests. */
final class PolicyFixtures {

  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  static final FormatDescriptor JSON = new FormatDescriptor(ExportFormat.JSON, "application/json", ".json", false);
  static final FormatDescriptor CSV = new FormatDescriptor(ExportFormat.CSV, "text/csv", ".csv", false);
  static final FormatDescriptor HTML = new FormatDescriptor(ExportFormat.HTML, "text/html", ".html", false);
  static final FormatDescriptor MARKDOWN = new FormatDescriptor(ExportFormat.MARKDOWN, "text/markdown", ".md", false);
  static final FormatDescriptor ZIP = new FormatDescriptor(ExportFormat.ZIP, "application/zip", ".zip", true);
  static final FormatDescriptor AUDITOR_PACKAGE =
      new FormatDescriptor(ExportFormat.AUDITOR_PACKAGE, "application/zip", "-auditor-package.zip", true);
  /** A plugin's single-file format. */
  static final FormatDescriptor XLSX = new FormatDescriptor(ExportFormat.of("xlsx"),
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", false);
  /** A plugin's multi-file bundle format, ZIP-like: rule 6 must protect it too. */
  static final FormatDescriptor OSCAL_BUNDLE =
      new FormatDescriptor(ExportFormat.of("oscal-bundle"), "application/zip", "-oscal.zip", true);

  static final List<FormatDescriptor> ALL_FORMATS = List.of(JSON, CSV, HTML, MARKDOWN, ZIP, AUDITOR_PACKAGE, XLSX,
      OSCAL_BUNDLE);

  static final TenantDirectory DIRECTORY = TenantDirectory.of(Map.of(
      "fed-a", Set.of("t-1", "t-2"),
      "fed-b", Set.of("t-3")));

  static final List<String> BUILT_IN_IDS = List.of("tenant-isolation", "federation-access", "export-permissions",
      "compliance-restrictions", "data-retention", "format-restrictions");

  private PolicyFixtures() {
  }

  /** A caller of tenant t-1 with a role and permissions, in no federation. */
  static Caller caller(String role, String... permissions) {
    return Caller.of("user-1", "t-1", role, List.of(permissions));
  }

  /** The range of this length ending at {@link #NOW}. */
  static TimeRange lasting(Duration length) {
    return TimeRange.of(NOW.minus(length), NOW);
  }

  static ExportRequest request(ExportCategory category, FormatDescriptor format, ExportScope scope, TimeRange range) {
    return ExportRequest.builder(category, format.format()).queryId("q-1").scope(scope).timeRange(range).build();
  }

  /** What a rule sees for this request: resolved as the hub resolves it. */
  static ResolvedExport check(Caller caller, ExportScope scope, ExportCategory category, FormatDescriptor format,
      TimeRange range) {
    return resolve(request(category, format, scope, range), caller, format);
  }

  /** The request resolved as the hub resolves it, at {@link #NOW}. */
  static ResolvedExport resolve(ExportRequest request, Caller caller, FormatDescriptor format) {
    return ResolvedExport.resolve(request, caller, format, DIRECTORY, NOW);
  }

  /** A custom rule made of an id and a body. */
  record TestRule(String id, Function<ResolvedExport, PolicyRule.Verdict> body) implements PolicyRule {
    @Override
    public Verdict evaluate(ResolvedExport check) {
      return body.apply(check);
    }
  }

  static PolicyRule rule(String id, Function<ResolvedExport, PolicyRule.Verdict> body) {
    return new TestRule(id, body);
  }

  /** A rule that throws {@code thrown}, checked or not, from {@code evaluate}. */
  static PolicyRule throwing(String id, Throwable thrown) {
    return rule(id, check -> {
      throw PolicyFixtures.<RuntimeException>sneaky(thrown);
    });
  }

  /** Throws any throwable, checked ones included, past the compiler's checks. */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> E sneaky(Throwable thrown) throws E {
    throw (E) thrown;
  }
}
