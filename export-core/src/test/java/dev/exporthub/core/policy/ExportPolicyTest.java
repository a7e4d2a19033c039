package dev.exporthub.core.policy;

import static dev.exporthub.core.policy.PolicyFixtures.BUILT_IN_IDS;
import static dev.exporthub.core.policy.PolicyFixtures.CSV;
import static dev.exporthub.core.policy.PolicyFixtures.DIRECTORY;
import static dev.exporthub.core.policy.PolicyFixtures.JSON;
import static dev.exporthub.core.policy.PolicyFixtures.OSCAL_BUNDLE;
import static dev.exporthub.core.policy.PolicyFixtures.ZIP;
import static dev.exporthub.core.policy.PolicyFixtures.caller;
import static dev.exporthub.core.policy.PolicyFixtures.lasting;
import static dev.exporthub.core.policy.PolicyFixtures.request;
import static dev.exporthub.core.policy.PolicyFixtures.resolve;
import static dev.exporthub.core.policy.PolicyFixtures.rule;
import static dev.exporthub.core.policy.PolicyFixtures.throwing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.PolicyDecision;
import dev.exporthub.api.ResolvedExport;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.PolicyRule;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExportPolicyTest {

  private static final TimeRange DAYS_30 = lasting(Duration.ofDays(30));
  private static final ExportPolicy BUILT_IN = ExportPolicy.builtIn();

  private static PolicyDecision evaluate(ExportPolicy policy, Caller caller, ExportCategory category,
      FormatDescriptor format, ExportScope scope, TimeRange range) {
    return policy.evaluate(resolve(request(category, format, scope, range), caller, format));
  }

  @Nested
  @DisplayName("A decision")
  class Decisions {

    @Test
    @DisplayName("allowed: the fixed reason, no violations, the six rule ids, the query id and the resolved scope")
    void allowed() {
      PolicyDecision d = evaluate(BUILT_IN, caller(null), ExportCategory.ALERT_LOGS, JSON,
          new ExportScope(null, "f-9", null), DAYS_30);
      assertEquals(new PolicyDecision("q-1", new ExportScope("t-1", "f-9", null), true, "All policy rules passed",
          List.of(), List.of(), BUILT_IN_IDS), d);
    }

    @Test
    @DisplayName("denied: every violation in rule order, and the reason counts them and quotes the first")
    void everyViolationIsReported() {
      PolicyDecision d = evaluate(BUILT_IN, caller("viewer"), ExportCategory.FULL_OPERATIONAL, ZIP,
          new ExportScope("t-2", null, "fed-b"), lasting(Duration.ofDays(120)));
      assertFalse(d.allowed());
      assertEquals(List.of(
          "Cross-tenant export access denied",
          "Federation export access denied",
          "Executive-level exports require executive permissions",
          "Time range exceeds 90 days. Requires export:long-range permission",
          "Format 'zip' requires export:bundle-formats permission"), d.violations());
      assertEquals("5 policy violation(s): Cross-tenant export access denied", d.reason());
      assertEquals(BUILT_IN_IDS, d.rules());
      assertEquals(new ExportScope("t-2", null, "fed-b"), d.scope());
    }

    @Test
    @DisplayName("denied by one rule: \"1 policy violation(s): ...\"")
    void oneViolation() {
      PolicyDecision d = evaluate(BUILT_IN, caller(null), ExportCategory.COMPLIANCE_PACK, JSON,
          ExportScope.unscoped(), DAYS_30);
      assertEquals("1 policy violation(s): Compliance pack exports require auditor role or permission", d.reason());
    }

    @Test
    @DisplayName("allowed with rule 5's warning keeps the allowed reason")
    void allowedWithWarning() {
      PolicyDecision d = evaluate(BUILT_IN, caller(null, "export:long-range"), ExportCategory.TASK_LOGS, JSON,
          ExportScope.unscoped(), lasting(Duration.ofDays(180)));
      assertTrue(d.allowed());
      assertEquals("All policy rules passed", d.reason());
      assertEquals(List.of("Long-range exports may have reduced data availability or increased generation time"),
          d.warnings());
    }

    @Test
    @DisplayName("a denied request still reports the warnings of the rules it passes")
    void deniedWithWarning() {
      PolicyDecision d = evaluate(BUILT_IN, caller(null, "export:long-range"), ExportCategory.REPORTS, ZIP,
          ExportScope.unscoped(), lasting(Duration.ofDays(180)));
      assertEquals(List.of("Format 'zip' requires export:bundle-formats permission"), d.violations());
      assertEquals(1, d.warnings().size());
    }

    @Test
    @DisplayName("an unscoped request is judged as the caller's own tenant, never every tenant")
    void unscopedIsOwnTenant() {
      PolicyDecision d = evaluate(BUILT_IN, caller(null), ExportCategory.ALERT_LOGS, JSON, ExportScope.unscoped(),
          DAYS_30);
      assertEquals(ExportScope.tenant("t-1"), d.scope());
    }
  }

  @Nested
  @DisplayName("Rules 1 and 2 on federations (a decision, not an accident)")
  class Federations {

    private final Caller member = caller(null).inFederation("fed-a");

    @Test
    @DisplayName("a member may export every tenant of their federation with a federation-only scope")
    void memberExportsTheWholeFederation() {
      PolicyDecision d = evaluate(BUILT_IN, member, ExportCategory.ALERT_LOGS, JSON, ExportScope.federation("fed-a"),
          DAYS_30);
      assertTrue(d.allowed(), d::reason);
      assertEquals(ExportScope.federation("fed-a"), d.scope(), "a federation scope is not narrowed to a tenant");
    }

    @Test
    @DisplayName("a member naming one other tenant of their federation is denied by rule 1 alone")
    void memberNamingAnotherTenantIsCrossTenant() {
      PolicyDecision d = evaluate(BUILT_IN, member, ExportCategory.ALERT_LOGS, JSON,
          new ExportScope("t-2", null, "fed-a"), DAYS_30);
      assertEquals(List.of("Cross-tenant export access denied"), d.violations());
    }

    @Test
    @DisplayName("... and allowed with export:cross-tenant")
    void memberNamingAnotherTenantWithCrossTenant() {
      PolicyDecision d = evaluate(BUILT_IN, caller(null, "export:cross-tenant").inFederation("fed-a"),
          ExportCategory.ALERT_LOGS, JSON, new ExportScope("t-2", null, "fed-a"), DAYS_30);
      assertTrue(d.allowed(), d::reason);
    }

    @Test
    @DisplayName("a member naming their own tenant within their federation is allowed")
    void memberNamingOwnTenant() {
      PolicyDecision d = evaluate(BUILT_IN, member, ExportCategory.ALERT_LOGS, JSON,
          new ExportScope("t-1", null, "fed-a"), DAYS_30);
      assertTrue(d.allowed(), d::reason);
    }

    @Test
    @DisplayName("a non-member needs export:federation-admin or export:federation:{id}, not export:cross-tenant")
    void nonMember() {
      ExportScope fed = ExportScope.federation("fed-a");
      assertEquals(List.of("Federation export access denied"),
          evaluate(BUILT_IN, caller(null, "export:cross-tenant"), ExportCategory.ALERT_LOGS, JSON, fed, DAYS_30)
              .violations());
      assertTrue(evaluate(BUILT_IN, caller(null, "export:federation:fed-a"), ExportCategory.ALERT_LOGS, JSON, fed,
          DAYS_30).allowed());
      assertTrue(evaluate(BUILT_IN, caller(null, "export:federation-admin"), ExportCategory.ALERT_LOGS, JSON, fed,
          DAYS_30).allowed());
    }

    @Test
    @DisplayName("export:federation-admin opens any tenant and any federation")
    void federationAdmin() {
      PolicyDecision d = evaluate(BUILT_IN, caller(null, "export:federation-admin"), ExportCategory.ALERT_LOGS, JSON,
          new ExportScope("t-3", null, "fed-b"), DAYS_30);
      assertTrue(d.allowed(), d::reason);
    }
  }

  @Nested
  @DisplayName("Custom rules")
  class CustomRules {

    @Test
    @DisplayName("run after the six built-ins, in the order of their ids, whatever the registration order")
    void orderedById() {
      List<PolicyRule> rules = List.of(
          rule("zeta", c -> PolicyRule.Verdict.violation("zeta says no")),
          rule("alpha", c -> PolicyRule.Verdict.violation("alpha says no")),
          rule("mid", c -> PolicyRule.Verdict.warning("mid warns")));
      ExportPolicy policy = new ExportPolicy(rules);
      List<String> expectedIds = new ArrayList<>(BUILT_IN_IDS);
      expectedIds.addAll(List.of("alpha", "mid", "zeta"));
      assertEquals(expectedIds, policy.ruleIds());
      PolicyDecision d = evaluate(policy, caller(null), ExportCategory.COMPLIANCE_PACK, JSON, ExportScope.unscoped(),
          DAYS_30);
      assertEquals(List.of("Compliance pack exports require auditor role or permission", "alpha says no",
          "zeta says no"), d.violations());
      assertEquals(List.of("mid warns"), d.warnings());
      assertEquals(expectedIds, d.rules());
      assertEquals(d, evaluate(new ExportPolicy(List.of(rules.get(2), rules.get(0), rules.get(1))), caller(null),
          ExportCategory.COMPLIANCE_PACK, JSON, ExportScope.unscoped(), DAYS_30));
    }

    @Test
    @DisplayName("see the resolved scope, the effective range, the writer's descriptor and the caller")
    void seeTheCheck() {
      AtomicReference<ResolvedExport> seen = new AtomicReference<>();
      ExportPolicy policy = new ExportPolicy(List.of(rule("spy", c -> {
        seen.set(c);
        return PolicyRule.Verdict.pass();
      })));
      Caller caller = caller("auditor");
      ExportRequest request = ExportRequest.builder(ExportCategory.ALERT_LOGS, ExportFormat.CSV).queryId("q-7").build();
      ResolvedExport resolved = resolve(request, caller, CSV);
      policy.evaluate(resolved);
      assertEquals(resolved, seen.get());
      assertEquals(ExportScope.tenant("t-1"), seen.get().scope());
      assertEquals(DAYS_30, seen.get().timeRange());
      assertEquals(CSV, seen.get().format());
      assertEquals(caller, seen.get().caller());
      assertEquals(java.util.Set.of("t-1"), seen.get().tenants());
    }

    @Test
    @DisplayName("cannot grant: a rule that passes, warns or \"approves\" leaves a built-in denial standing")
    void cannotGrant() {
      ExportPolicy policy = new ExportPolicy(List.of(
          rule("approve", c -> PolicyRule.Verdict.pass()),
          rule("approve-loudly", c -> new PolicyRule.Verdict(List.of(), List.of("All policy rules passed")))));
      PolicyDecision d = evaluate(policy, caller(null), ExportCategory.EXECUTIVE_SUMMARY, JSON,
          ExportScope.unscoped(), DAYS_30);
      assertFalse(d.allowed());
      assertEquals(List.of("Executive-level exports require executive permissions"), d.violations());
    }

    @Test
    @DisplayName("that returns null denies: \"Policy rule '<id>' returned no verdict\"")
    void nullVerdictDenies() {
      ExportPolicy policy = new ExportPolicy(List.of(rule("silent", c -> null)));
      PolicyDecision d = evaluate(policy, caller("admin"), ExportCategory.ALERT_LOGS, JSON, ExportScope.unscoped(),
          DAYS_30);
      assertEquals(List.of("Policy rule 'silent' returned no verdict"), d.violations());
      assertEquals("1 policy violation(s): Policy rule 'silent' returned no verdict", d.reason());
    }

    static Stream<Arguments> throwables() {
      return Stream.of(
          Arguments.of(new IllegalStateException("boom"), "java.lang.IllegalStateException"),
          Arguments.of(new NullPointerException(), "java.lang.NullPointerException"),
          Arguments.of(new AssertionError("no"), "java.lang.AssertionError"),
          Arguments.of(new StackOverflowError(), "java.lang.StackOverflowError"),
          Arguments.of(new NoClassDefFoundError("x/Y"), "java.lang.NoClassDefFoundError"),
          Arguments.of(new IOException("checked, thrown sneakily"), "java.io.IOException"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("throwables")
    @DisplayName("that throws anything denies: \"Policy rule '<id>' failed: <class>\", and later rules still run")
    void throwingDenies(Throwable thrown, String className) {
      ExportPolicy policy = new ExportPolicy(List.of(throwing("crash", thrown),
          rule("later", c -> PolicyRule.Verdict.violation("later says no"))));
      Caller everything = caller("admin", "export:cross-tenant", "export:federation-admin", "export:long-range",
          "export:bundle-formats");
      PolicyDecision d = evaluate(policy, everything, ExportCategory.FULL_OPERATIONAL, ZIP, ExportScope.unscoped(),
          DAYS_30);
      assertFalse(d.allowed());
      assertEquals(List.of("Policy rule 'crash' failed: " + className, "later says no"), d.violations());
    }

    @Test
    @DisplayName("that throws InterruptedException denies and keeps the thread's interrupt")
    void interruptedDeniesAndKeepsTheInterrupt() {
      ExportPolicy policy = new ExportPolicy(List.of(throwing("sleepy", new InterruptedException())));
      try {
        PolicyDecision d = evaluate(policy, caller(null), ExportCategory.ALERT_LOGS, JSON, ExportScope.unscoped(),
            DAYS_30);
        assertEquals(List.of("Policy rule 'sleepy' failed: java.lang.InterruptedException"), d.violations());
        assertTrue(Thread.currentThread().isInterrupted());
      } finally {
        Thread.interrupted();
      }
    }

    @Test
    @DisplayName("whose verdict breaks its own contract (a null message) denies")
    void brokenVerdictDenies() {
      List<String> withNull = new ArrayList<>();
      withNull.add(null);
      ExportPolicy policy = new ExportPolicy(List.of(rule("sloppy", c -> new PolicyRule.Verdict(withNull, List.of()))));
      PolicyDecision d = evaluate(policy, caller(null), ExportCategory.ALERT_LOGS, JSON, ExportScope.unscoped(),
          DAYS_30);
      assertEquals(List.of("Policy rule 'sloppy' failed: java.lang.NullPointerException"), d.violations());
    }

    @Test
    @DisplayName("need an id of their own: none, blank, a throwing id(), a duplicate or a built-in's is refused")
    void needUniqueIds() {
      PolicyRule pass = rule("ok", c -> PolicyRule.Verdict.pass());
      assertThrows(IllegalArgumentException.class, () -> new ExportPolicy(List.of(rule(null, c -> null))));
      assertThrows(IllegalArgumentException.class, () -> new ExportPolicy(List.of(rule(" ", c -> null))));
      assertThrows(IllegalArgumentException.class, () -> new ExportPolicy(List.of(pass, rule("ok", c -> null))));
      assertThrows(IllegalArgumentException.class,
          () -> new ExportPolicy(List.of(rule("tenant-isolation", c -> PolicyRule.Verdict.pass()))));
      assertThrows(IllegalArgumentException.class,
          () -> new ExportPolicy(List.of(BuiltInRule.DATA_RETENTION)));
      PolicyRule noId = new PolicyRule() {
        @Override
        public String id() {
          throw new IllegalStateException("no id");
        }

        @Override
        public Verdict evaluate(dev.exporthub.api.ResolvedExport check) {
          return Verdict.pass();
        }
      };
      assertThrows(IllegalArgumentException.class, () -> new ExportPolicy(List.of(noId)));
      assertThrows(NullPointerException.class, () -> new ExportPolicy(java.util.Arrays.asList(pass, null)));
    }
  }

  @Nested
  @DisplayName("A resolved export is consistent by construction, so policy cannot judge one request and serve another")
  class Guards {

    @Test
    @DisplayName("a descriptor of another format than the request's")
    void formatMismatch() {
      ExportRequest zipRequest = request(ExportCategory.ALERT_LOGS, ZIP, ExportScope.unscoped(), DAYS_30);
      assertThrows(IllegalArgumentException.class, () -> resolve(zipRequest, caller(null), JSON));
    }

    @Test
    @DisplayName("the effective range is the request's own whenever it names one")
    void rangeIsTheRequests() {
      TimeRange year = lasting(Duration.ofDays(365));
      ExportRequest longRequest = request(ExportCategory.ALERT_LOGS, JSON, ExportScope.unscoped(), year);
      assertEquals(year, resolve(longRequest, caller(null), JSON).timeRange());
      assertFalse(BUILT_IN.evaluate(resolve(longRequest, caller(null), JSON)).allowed());
    }

    @Test
    @DisplayName("a request without a query id")
    void noQueryId() {
      ExportRequest request = ExportRequest.builder(ExportCategory.ALERT_LOGS, ExportFormat.JSON).build();
      assertThrows(IllegalArgumentException.class, () -> resolve(request, caller(null), JSON));
    }
  }

  @Nested
  @DisplayName("Visibility")
  class Visibility {

    private final List<FormatDescriptor> formats = List.of(JSON, CSV, ZIP, OSCAL_BUNDLE);

    @Test
    @DisplayName("a caller without role or permission sees the unrestricted categories in single-file formats")
    void plainCaller() {
      Map<ExportCategory, List<ExportFormat>> visible = BUILT_IN.visibility(caller(null), DAYS_30, formats, DIRECTORY);
      List<ExportCategory> expected = new ArrayList<>(List.of(ExportCategory.values()));
      expected.removeAll(List.of(ExportCategory.COMPLIANCE_PACK, ExportCategory.EXECUTIVE_SUMMARY,
          ExportCategory.FULL_OPERATIONAL));
      assertEquals(expected, new ArrayList<>(visible.keySet()));
      visible.values().forEach(list -> assertEquals(List.of(ExportFormat.JSON, ExportFormat.CSV), list));
    }

    @Test
    @DisplayName("an auditor with export:bundle-formats sees the compliance pack in every format, plugins too")
    void auditor() {
      Map<ExportCategory, List<ExportFormat>> visible = BUILT_IN.visibility(caller("auditor", "export:bundle-formats"),
          DAYS_30, formats, DIRECTORY);
      assertEquals(List.of(ExportFormat.JSON, ExportFormat.CSV, ExportFormat.ZIP, ExportFormat.of("oscal-bundle")),
          visible.get(ExportCategory.COMPLIANCE_PACK));
      assertFalse(visible.containsKey(ExportCategory.EXECUTIVE_SUMMARY));
    }

    @Test
    @DisplayName("counts custom rules, and a throwing one hides everything")
    void customRules() {
      ExportPolicy noCsv = new ExportPolicy(List.of(rule("no-csv", c -> c.format().multiFile()
          || !c.request().format().equals(ExportFormat.CSV) ? PolicyRule.Verdict.pass()
          : PolicyRule.Verdict.violation("no CSV here"))));
      noCsv.visibility(caller("admin"), DAYS_30, formats, DIRECTORY)
          .forEach((category, list) -> assertEquals(List.of(ExportFormat.JSON), list, category.id()));
      ExportPolicy broken = new ExportPolicy(List.of(throwing("broken", new IllegalStateException())));
      assertEquals(Map.of(), broken.visibility(caller("admin", "export:bundle-formats"), DAYS_30, formats, DIRECTORY));
    }

    @Test
    @DisplayName("judges the range it is given: over 90 days without export:long-range nothing is visible")
    void longRange() {
      TimeRange year = lasting(Duration.ofDays(365));
      assertEquals(Map.of(), BUILT_IN.visibility(caller("admin"), year, formats, DIRECTORY));
      assertEquals(ExportCategory.values().length,
          BUILT_IN.visibility(caller("admin", "export:long-range"), year, formats, DIRECTORY).size());
    }

    @Test
    @DisplayName("is unmodifiable")
    void unmodifiable() {
      Map<ExportCategory, List<ExportFormat>> visible = BUILT_IN.visibility(caller(null), DAYS_30, formats, DIRECTORY);
      assertThrows(UnsupportedOperationException.class, () -> visible.remove(ExportCategory.ALERT_LOGS));
      assertThrows(UnsupportedOperationException.class, () -> visible.get(ExportCategory.ALERT_LOGS).clear());
    }
  }

  @Test
  @DisplayName("builtIn() holds exactly the six rules, in order")
  void builtInRules() {
    assertEquals(BUILT_IN_IDS, BUILT_IN.ruleIds());
    assertEquals(List.of(BuiltInRule.values()), BUILT_IN.rules());
    assertSame(BuiltInRule.TENANT_ISOLATION, BUILT_IN.rules().get(0));
  }
}
