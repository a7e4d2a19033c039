package dev.exporthub.core.policy;

import static dev.exporthub.core.policy.PolicyFixtures.AUDITOR_PACKAGE;
import static dev.exporthub.core.policy.PolicyFixtures.CSV;
import static dev.exporthub.core.policy.PolicyFixtures.HTML;
import static dev.exporthub.core.policy.PolicyFixtures.JSON;
import static dev.exporthub.core.policy.PolicyFixtures.MARKDOWN;
import static dev.exporthub.core.policy.PolicyFixtures.NOW;
import static dev.exporthub.core.policy.PolicyFixtures.OSCAL_BUNDLE;
import static dev.exporthub.core.policy.PolicyFixtures.XLSX;
import static dev.exporthub.core.policy.PolicyFixtures.ZIP;
import static dev.exporthub.core.policy.PolicyFixtures.caller;
import static dev.exporthub.core.policy.PolicyFixtures.check;
import static dev.exporthub.core.policy.PolicyFixtures.lasting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.PolicyRule;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of rules of {@code docs/SPECIFICATION.md} §6.3, row by row: for each rule, requests it
 * allows and requests it denies, with the exact messages (written out here, not taken from the
 * code) and warnings.
 */
class BuiltInRuleTest {

  private static final String RULE_1 = "Cross-tenant export access denied";
  private static final String RULE_2 = "Federation export access denied";
  private static final String RULE_3 = "Executive-level exports require executive permissions";
  private static final String RULE_4 = "Compliance pack exports require auditor role or permission";
  private static final String RULE_5 = "Time range exceeds 90 days. Requires export:long-range permission";
  private static final String RULE_5_WARNING =
      "Long-range exports may have reduced data availability or increased generation time";

  private static final Duration DAYS_30 = Duration.ofDays(30);
  private static final Duration DAYS_90 = Duration.ofDays(90);

  private static final List<String> PASS = List.of();

  /** One row: a rule, what it sees, and the violations and warnings it must report. */
  private static Arguments row(BuiltInRule rule, String name, Caller caller, ExportScope scope,
      ExportCategory category, FormatDescriptor format, Duration length, List<String> violations,
      List<String> warnings) {
    return Arguments.of(rule, name, caller, scope, category, format, length, violations, warnings);
  }

  private static Arguments row(BuiltInRule rule, String name, Caller caller, ExportScope scope,
      ExportCategory category, FormatDescriptor format, List<String> violations) {
    return row(rule, name, caller, scope, category, format, DAYS_30, violations, PASS);
  }

  static Stream<Arguments> tenantIsolation() {
    BuiltInRule r = BuiltInRule.TENANT_ISOLATION;
    ExportCategory c = ExportCategory.AUDIT_FINDINGS;
    Caller member = caller(null).inFederation("fed-a");
    return Stream.of(
        row(r, "own tenant named", caller(null), ExportScope.tenant("t-1"), c, JSON, PASS),
        row(r, "unscoped resolves to own tenant", caller(null), ExportScope.unscoped(), c, JSON, PASS),
        row(r, "facility only resolves to own tenant", caller(null), new ExportScope(null, "f-1", null), c, JSON,
            PASS),
        row(r, "another tenant", caller(null), ExportScope.tenant("t-2"), c, JSON, List.of(RULE_1)),
        row(r, "another tenant's facility", caller(null), ExportScope.facility("t-2", "f-1"), c, JSON,
            List.of(RULE_1)),
        row(r, "another tenant with export:cross-tenant", caller(null, "export:cross-tenant"),
            ExportScope.tenant("t-2"), c, JSON, PASS),
        row(r, "another tenant with export:federation-admin", caller(null, "export:federation-admin"),
            ExportScope.tenant("t-2"), c, JSON, PASS),
        row(r, "roles grant nothing here", caller("admin"), ExportScope.tenant("t-2"), c, JSON, List.of(RULE_1)),
        row(r, "permissions compare exactly", caller(null, "EXPORT:CROSS-TENANT"), ExportScope.tenant("t-2"), c,
            JSON, List.of(RULE_1)),
        row(r, "tenant ids compare exactly", caller(null), ExportScope.tenant("T-1"), c, JSON, List.of(RULE_1)),
        row(r, "federation-only scope names no tenant: rule 2 judges it", caller(null),
            ExportScope.federation("fed-a"), c, JSON, PASS),
        row(r, "own tenant within a federation", caller(null), new ExportScope("t-1", null, "fed-b"), c, JSON, PASS),
        row(r, "member naming another tenant of their federation is still cross-tenant", member,
            new ExportScope("t-2", null, "fed-a"), c, JSON, List.of(RULE_1)),
        row(r, "member naming another tenant with export:federation:fed-a is still cross-tenant",
            caller(null, "export:federation:fed-a").inFederation("fed-a"), new ExportScope("t-2", null, "fed-a"), c,
            JSON, List.of(RULE_1)),
        row(r, "member naming another tenant with export:cross-tenant", caller(null, "export:cross-tenant")
            .inFederation("fed-a"), new ExportScope("t-2", null, "fed-a"), c, JSON, PASS));
  }

  static Stream<Arguments> federationAccess() {
    BuiltInRule r = BuiltInRule.FEDERATION_ACCESS;
    ExportCategory c = ExportCategory.AUDIT_FINDINGS;
    ExportScope fedA = ExportScope.federation("fed-a");
    return Stream.of(
        row(r, "no federation in scope", caller(null), ExportScope.tenant("t-2"), c, JSON, PASS),
        row(r, "unscoped", caller(null), ExportScope.unscoped(), c, JSON, PASS),
        row(r, "non-member without permission", caller(null), fedA, c, JSON, List.of(RULE_2)),
        row(r, "member of the federation", caller(null).inFederation("fed-a"), fedA, c, JSON, PASS),
        row(r, "member of another federation", caller(null).inFederation("fed-b"), fedA, c, JSON, List.of(RULE_2)),
        row(r, "explicit export:federation:fed-a", caller(null, "export:federation:fed-a"), fedA, c, JSON, PASS),
        row(r, "explicit permission for another federation", caller(null, "export:federation:fed-b"), fedA, c, JSON,
            List.of(RULE_2)),
        row(r, "export:federation-admin", caller(null, "export:federation-admin"), fedA, c, JSON, PASS),
        row(r, "export:cross-tenant does not open a federation", caller(null, "export:cross-tenant"), fedA, c, JSON,
            List.of(RULE_2)),
        row(r, "roles grant nothing here", caller("admin"), fedA, c, JSON, List.of(RULE_2)),
        row(r, "federation ids compare exactly", caller(null).inFederation("FED-A"), fedA, c, JSON, List.of(RULE_2)),
        row(r, "tenant and federation, member", caller(null).inFederation("fed-a"),
            new ExportScope("t-2", null, "fed-a"), c, JSON, PASS),
        row(r, "own tenant in a foreign federation", caller(null), new ExportScope("t-1", null, "fed-b"), c, JSON,
            List.of(RULE_2)));
  }

  static Stream<Arguments> exportPermissions() {
    BuiltInRule r = BuiltInRule.EXPORT_PERMISSIONS;
    ExportScope own = ExportScope.unscoped();
    Stream.Builder<Arguments> rows = Stream.builder();
    for (ExportCategory c : List.of(ExportCategory.EXECUTIVE_SUMMARY, ExportCategory.FULL_OPERATIONAL)) {
      rows.add(row(r, c.id() + ", no role", caller(null), own, c, JSON, List.of(RULE_3)));
      rows.add(row(r, c.id() + ", role executive", caller("executive"), own, c, JSON, PASS));
      rows.add(row(r, c.id() + ", role EXECUTIVE", caller("EXECUTIVE"), own, c, JSON, PASS));
      rows.add(row(r, c.id() + ", role Admin", caller("Admin"), own, c, JSON, PASS));
      rows.add(row(r, c.id() + ", export:executive-view", caller(null, "export:executive-view"), own, c, JSON, PASS));
      rows.add(row(r, c.id() + ", role auditor", caller("auditor"), own, c, JSON, List.of(RULE_3)));
      rows.add(row(r, c.id() + ", role executives", caller("executives"), own, c, JSON, List.of(RULE_3)));
      rows.add(row(r, c.id() + ", export:compliance-pack", caller(null, "export:compliance-pack"), own, c, JSON,
          List.of(RULE_3)));
    }
    for (ExportCategory c : List.of(ExportCategory.COMPLIANCE_PACK, ExportCategory.OPERATIONAL_SNAPSHOT,
        ExportCategory.INSIGHTS, ExportCategory.REPORTS)) {
      rows.add(row(r, c.id() + " is not executive-level", caller(null), own, c, JSON, PASS));
    }
    return rows.build();
  }

  static Stream<Arguments> complianceRestrictions() {
    BuiltInRule r = BuiltInRule.COMPLIANCE_RESTRICTIONS;
    ExportScope own = ExportScope.unscoped();
    ExportCategory c = ExportCategory.COMPLIANCE_PACK;
    return Stream.of(
        row(r, "no role", caller(null), own, c, JSON, List.of(RULE_4)),
        row(r, "role auditor", caller("auditor"), own, c, JSON, PASS),
        row(r, "role AUDITOR", caller("AUDITOR"), own, c, JSON, PASS),
        row(r, "role executive", caller("executive"), own, c, JSON, PASS),
        row(r, "role admin", caller("admin"), own, c, JSON, PASS),
        row(r, "export:compliance-pack", caller("viewer", "export:compliance-pack"), own, c, JSON, PASS),
        row(r, "role viewer", caller("viewer"), own, c, JSON, List.of(RULE_4)),
        row(r, "export:executive-view is not enough", caller(null, "export:executive-view"), own, c, JSON,
            List.of(RULE_4)),
        row(r, "audit findings alone is not the compliance pack", caller(null), own, ExportCategory.AUDIT_FINDINGS,
            JSON, PASS),
        row(r, "full operational is not the compliance pack", caller(null), own, ExportCategory.FULL_OPERATIONAL,
            JSON, PASS));
  }

  static Stream<Arguments> dataRetention() {
    BuiltInRule r = BuiltInRule.DATA_RETENTION;
    ExportScope own = ExportScope.unscoped();
    ExportCategory c = ExportCategory.AUDIT_FINDINGS;
    Caller plain = caller(null);
    Caller longRange = caller(null, "export:long-range");
    List<String> denied = List.of(RULE_5);
    List<String> warned = List.of(RULE_5_WARNING);
    return Stream.of(
        row(r, "empty range", plain, own, c, JSON, Duration.ZERO, PASS, PASS),
        row(r, "30 days", plain, own, c, JSON, DAYS_30, PASS, PASS),
        row(r, "90 days - 1 ms", plain, own, c, JSON, DAYS_90.minusMillis(1), PASS, PASS),
        row(r, "exactly 90 days", plain, own, c, JSON, DAYS_90, PASS, PASS),
        row(r, "90 days + 1 ns", plain, own, c, JSON, DAYS_90.plusNanos(1), denied, PASS),
        row(r, "90 days + 1 ms", plain, own, c, JSON, DAYS_90.plusMillis(1), denied, PASS),
        row(r, "a year", plain, own, c, JSON, Duration.ofDays(365), denied, PASS),
        row(r, "exactly 90 days with export:long-range: no warning", longRange, own, c, JSON, DAYS_90, PASS, PASS),
        row(r, "90 days + 1 ms with export:long-range: a warning", longRange, own, c, JSON, DAYS_90.plusMillis(1),
            PASS, warned),
        row(r, "a year with export:long-range: a warning", longRange, own, c, JSON, Duration.ofDays(365), PASS,
            warned),
        row(r, "roles grant nothing here", caller("admin"), own, c, JSON, Duration.ofDays(91), denied, PASS),
        row(r, "Caller strips blanks around a permission", caller(null, " export:long-range "), own, c, JSON,
            Duration.ofDays(91), PASS, warned),
        row(r, "a look-alike permission is not the permission", caller(null, "export:longrange"), own, c, JSON,
            Duration.ofDays(91), denied, PASS));
  }

  static Stream<Arguments> formatRestrictions() {
    BuiltInRule r = BuiltInRule.FORMAT_RESTRICTIONS;
    ExportScope own = ExportScope.unscoped();
    ExportCategory c = ExportCategory.AUDIT_FINDINGS;
    Stream.Builder<Arguments> rows = Stream.builder();
    for (FormatDescriptor single : List.of(JSON, CSV, HTML, MARKDOWN, XLSX)) {
      rows.add(row(r, single.format() + " is a single file", caller(null), own, c, single, PASS));
    }
    rows.add(row(r, "zip", caller(null), own, c, ZIP,
        List.of("Format 'zip' requires export:bundle-formats permission")));
    rows.add(row(r, "auditor-package", caller(null), own, c, AUDITOR_PACKAGE,
        List.of("Format 'auditor-package' requires export:bundle-formats permission")));
    rows.add(row(r, "a plugin's multi-file format", caller(null), own, c, OSCAL_BUNDLE,
        List.of("Format 'oscal-bundle' requires export:bundle-formats permission")));
    rows.add(row(r, "roles grant nothing here", caller("admin"), own, c, ZIP,
        List.of("Format 'zip' requires export:bundle-formats permission")));
    for (FormatDescriptor bundle : List.of(ZIP, AUDITOR_PACKAGE, OSCAL_BUNDLE)) {
      rows.add(row(r, bundle.format() + " with export:bundle-formats", caller(null, "export:bundle-formats"), own,
          c, bundle, PASS));
    }
    return rows.build();
  }

  @ParameterizedTest(name = "rule 1: {1}")
  @MethodSource("tenantIsolation")
  void ruleOneTenantIsolation(BuiltInRule rule, String name, Caller caller, ExportScope scope,
      ExportCategory category, FormatDescriptor format, Duration length, List<String> violations,
      List<String> warnings) {
    assertVerdict(rule, caller, scope, category, format, length, violations, warnings);
  }

  @ParameterizedTest(name = "rule 2: {1}")
  @MethodSource("federationAccess")
  void ruleTwoFederationAccess(BuiltInRule rule, String name, Caller caller, ExportScope scope,
      ExportCategory category, FormatDescriptor format, Duration length, List<String> violations,
      List<String> warnings) {
    assertVerdict(rule, caller, scope, category, format, length, violations, warnings);
  }

  @ParameterizedTest(name = "rule 3: {1}")
  @MethodSource("exportPermissions")
  void ruleThreeExportPermissions(BuiltInRule rule, String name, Caller caller, ExportScope scope,
      ExportCategory category, FormatDescriptor format, Duration length, List<String> violations,
      List<String> warnings) {
    assertVerdict(rule, caller, scope, category, format, length, violations, warnings);
  }

  @ParameterizedTest(name = "rule 4: {1}")
  @MethodSource("complianceRestrictions")
  void ruleFourComplianceRestrictions(BuiltInRule rule, String name, Caller caller, ExportScope scope,
      ExportCategory category, FormatDescriptor format, Duration length, List<String> violations,
      List<String> warnings) {
    assertVerdict(rule, caller, scope, category, format, length, violations, warnings);
  }

  @ParameterizedTest(name = "rule 5: {1}")
  @MethodSource("dataRetention")
  void ruleFiveDataRetention(BuiltInRule rule, String name, Caller caller, ExportScope scope,
      ExportCategory category, FormatDescriptor format, Duration length, List<String> violations,
      List<String> warnings) {
    assertVerdict(rule, caller, scope, category, format, length, violations, warnings);
  }

  @ParameterizedTest(name = "rule 6: {1}")
  @MethodSource("formatRestrictions")
  void ruleSixFormatRestrictions(BuiltInRule rule, String name, Caller caller, ExportScope scope,
      ExportCategory category, FormatDescriptor format, Duration length, List<String> violations,
      List<String> warnings) {
    assertVerdict(rule, caller, scope, category, format, length, violations, warnings);
  }

  private static void assertVerdict(BuiltInRule rule, Caller caller, ExportScope scope, ExportCategory category,
      FormatDescriptor format, Duration length, List<String> violations, List<String> warnings) {
    PolicyRule.Verdict verdict = rule.evaluate(check(caller, scope, category, format, lasting(length)));
    assertEquals(violations, verdict.violations(), "violations");
    assertEquals(warnings, verdict.warnings(), "warnings");
  }

  @Test
  @DisplayName("The rules have the ids of SPECIFICATION.md §6.3, in its order")
  void idsAndOrder() {
    assertEquals(PolicyFixtures.BUILT_IN_IDS, Arrays.stream(BuiltInRule.values()).map(BuiltInRule::id).toList());
  }

  @Test
  @DisplayName("An inverted range is an invalid request, not a denial: it cannot even be built")
  void invertedRangeIsInvalid() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> TimeRange.of(NOW, NOW.minusMillis(1)));
    assertEquals("INVALID_REQUEST", e.errorCode());
  }

  @Test
  @DisplayName("Roles compare in Locale.ROOT, whatever the default locale (Turkish dotted and dotless i)")
  void rolesIgnoreTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    try {
      ExportScope own = ExportScope.unscoped();
      Duration length = DAYS_30;
      assertVerdict(BuiltInRule.COMPLIANCE_RESTRICTIONS, caller("AUDITOR"), own, ExportCategory.COMPLIANCE_PACK,
          JSON, length, PASS, PASS);
      assertVerdict(BuiltInRule.EXPORT_PERMISSIONS, caller("EXECUTIVE"), own, ExportCategory.EXECUTIVE_SUMMARY,
          JSON, length, PASS, PASS);
      assertVerdict(BuiltInRule.EXPORT_PERMISSIONS, caller("ADMIN"), own, ExportCategory.FULL_OPERATIONAL,
          JSON, length, PASS, PASS);
    } finally {
      Locale.setDefault(saved);
    }
  }
}
