package dev.exporthub.core.policy;

import static dev.exporthub.core.policy.PolicyFixtures.ALL_FORMATS;
import static dev.exporthub.core.policy.PolicyFixtures.BUILT_IN_IDS;
import static dev.exporthub.core.policy.PolicyFixtures.DIRECTORY;
import static dev.exporthub.core.policy.PolicyFixtures.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.PolicyDecision;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.PolicyRule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Laws of the policy engine, each over 1,000 generated requests, callers and custom rules.
 *
 * <p>The reference is {@link PolicyOracle}, a restatement of the six rules written for the tests.
 */
class ExportPolicyProperties {

  private static final ExportPolicy BUILT_IN = ExportPolicy.builtIn();

  private static final List<String> PERMISSIONS = List.of("export:cross-tenant", "export:federation-admin",
      "export:federation:fed-a", "export:federation:fed-b", "export:executive-view", "export:compliance-pack",
      "export:long-range", "export:bundle-formats", "export:everything", "EXPORT:LONG-RANGE", "export:federation");

  private static final Caller SUPERUSER = new Caller("root", "t-1", "fed-a", "admin", Set.copyOf(PERMISSIONS));

  /** One request as the policy sees it. */
  record Case(Caller caller, ExportScope scope, ExportCategory category, FormatDescriptor format, TimeRange range) {
    ExportRequest request() {
      return ExportRequest.builder(category, format.format()).queryId("q-prop").scope(scope).timeRange(range).build();
    }

    PolicyDecision evaluate(ExportPolicy policy) {
      return policy.evaluate(resolve(request(), caller, format));
    }

    PolicyOracle.Judgement oracle() {
      return PolicyOracle.judge(caller, scope, category, format.format().id(), format.multiFile(), range);
    }
  }

  /** Kinds of custom rule, and what each must add to a decision. */
  enum Kind {
    PASS, WARN, VIOLATE, NULL_VERDICT, THROW_RUNTIME, THROW_ERROR, THROW_CHECKED, APPROVE, DENY_CSV,
    DENY_COMPLIANCE_PACK, WARN_BUNDLES;

    PolicyRule rule(String id) {
      return switch (this) {
        case PASS -> PolicyFixtures.rule(id, c -> PolicyRule.Verdict.pass());
        case WARN -> PolicyFixtures.rule(id, c -> PolicyRule.Verdict.warning(id + " warns"));
        case VIOLATE -> PolicyFixtures.rule(id, c -> PolicyRule.Verdict.violation(id + " says no"));
        case NULL_VERDICT -> PolicyFixtures.rule(id, c -> null);
        case THROW_RUNTIME -> PolicyFixtures.throwing(id, new IllegalStateException(id));
        case THROW_ERROR -> PolicyFixtures.throwing(id, new AssertionError(id));
        case THROW_CHECKED -> PolicyFixtures.throwing(id, new IOException(id));
        case APPROVE -> PolicyFixtures.rule(id,
            c -> new PolicyRule.Verdict(List.of(), List.of(PolicyDecision.ALLOWED_REASON)));
        case DENY_CSV -> PolicyFixtures.rule(id, c -> c.request().format().equals(ExportFormat.CSV)
            ? PolicyRule.Verdict.violation(id + ": no CSV") : PolicyRule.Verdict.pass());
        case DENY_COMPLIANCE_PACK -> PolicyFixtures.rule(id, c -> c.request().category()
            == ExportCategory.COMPLIANCE_PACK ? PolicyRule.Verdict.violation(id + ": no pack") : PolicyRule.Verdict.pass());
        case WARN_BUNDLES -> PolicyFixtures.rule(id, c -> c.format().multiFile()
            ? PolicyRule.Verdict.warning(id + ": a bundle") : PolicyRule.Verdict.pass());
      };
    }

    List<String> violations(String id, Case c) {
      return switch (this) {
        case VIOLATE -> List.of(id + " says no");
        case NULL_VERDICT -> List.of("Policy rule '" + id + "' returned no verdict");
        case THROW_RUNTIME -> List.of("Policy rule '" + id + "' failed: java.lang.IllegalStateException");
        case THROW_ERROR -> List.of("Policy rule '" + id + "' failed: java.lang.AssertionError");
        case THROW_CHECKED -> List.of("Policy rule '" + id + "' failed: java.io.IOException");
        case DENY_CSV -> c.format().format().id().equals("csv") ? List.of(id + ": no CSV") : List.of();
        case DENY_COMPLIANCE_PACK -> c.category() == ExportCategory.COMPLIANCE_PACK ? List.of(id + ": no pack")
            : List.of();
        default -> List.of();
      };
    }

    List<String> warnings(String id, Case c) {
      return switch (this) {
        case WARN -> List.of(id + " warns");
        case APPROVE -> List.of(PolicyDecision.ALLOWED_REASON);
        case WARN_BUNDLES -> c.format().multiFile() ? List.of(id + ": a bundle") : List.of();
        default -> List.of();
      };
    }
  }

  /** A custom rule to register: its id and kind. */
  record Custom(String id, Kind kind) {
    PolicyRule rule() {
      return kind.rule(id);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Laws

  @Property(tries = 1000, generation = GenerationMode.RANDOMIZED)
  void theEngineAgreesWithTheOracle(@ForAll("cases") Case c) {
    PolicyDecision decision = c.evaluate(BUILT_IN);
    PolicyOracle.Judgement expected = c.oracle();
    Statistics.label("allowed").collect(decision.allowed());
    Statistics.label("violations").collect(expected.violations().size());

    assertEquals(expected.allows(), decision.allowed(), () -> "allowed for " + c);
    assertEquals(Set.copyOf(expected.violations()), Set.copyOf(decision.violations()), () -> "violations for " + c);
    assertEquals(expected.violations(), decision.violations(), "violations are in rule order");
    assertEquals(expected.warnings(), decision.warnings(), () -> "warnings for " + c);
    assertEquals(expected.allows() ? PolicyDecision.ALLOWED_REASON
        : expected.violations().size() + " policy violation(s): " + expected.violations().get(0), decision.reason());
    assertEquals("q-prop", decision.queryId());
    assertEquals(c.scope().isUnscoped() ? c.scope().withTenant(c.caller().tenantId()) : c.scope(), decision.scope());
    assertEquals(BUILT_IN_IDS, decision.rules());

    Statistics.label("allowed").coverage(check -> {
      check.check(true).percentage(p -> p > 5);
      check.check(false).percentage(p -> p > 5);
    });
  }

  @Property(tries = 1000, generation = GenerationMode.RANDOMIZED)
  void customRulesOnlyAddViolationsAndWarnings(@ForAll("cases") Case c, @ForAll("customs") List<Custom> customs) {
    List<PolicyRule> rules = new ArrayList<>();
    customs.forEach(custom -> rules.add(custom.rule()));
    PolicyDecision decision = c.evaluate(new ExportPolicy(rules));
    PolicyOracle.Judgement builtIns = c.oracle();

    List<Custom> byId = new ArrayList<>(customs);
    byId.sort((a, b) -> a.id().compareTo(b.id()));
    List<String> violations = new ArrayList<>(builtIns.violations());
    List<String> warnings = new ArrayList<>(builtIns.warnings());
    List<String> ids = new ArrayList<>(BUILT_IN_IDS);
    for (Custom custom : byId) {
      violations.addAll(custom.kind().violations(custom.id(), c));
      warnings.addAll(custom.kind().warnings(custom.id(), c));
      ids.add(custom.id());
    }
    assertEquals(violations, decision.violations());
    assertEquals(warnings, decision.warnings());
    assertEquals(ids, decision.rules());
    if (!builtIns.allows()) {
      assertFalse(decision.allowed(), "no custom rule turns a denial into an allow");
    }
    Statistics.label("built-ins deny").collect(!builtIns.allows());
  }

  @Property(tries = 1000, generation = GenerationMode.RANDOMIZED)
  void registrationOrderDoesNotChangeADecision(@ForAll("cases") Case c, @ForAll("customs") List<Custom> customs,
      @ForAll Random random) {
    List<Custom> shuffled = new ArrayList<>(customs);
    Collections.shuffle(shuffled, random);
    List<Custom> reversed = new ArrayList<>(customs);
    Collections.reverse(reversed);
    PolicyDecision registered = c.evaluate(policyOf(customs));
    assertEquals(registered, c.evaluate(policyOf(shuffled)));
    assertEquals(registered, c.evaluate(policyOf(reversed)));
  }

  @Property(tries = 1000, generation = GenerationMode.RANDOMIZED)
  void aThrowingRuleAlwaysDenies(@ForAll("casesOrSuperuser") Case c, @ForAll("customs") List<Custom> customs,
      @ForAll("throwables") Throwable thrown, @ForAll Random random) {
    List<PolicyRule> rules = new ArrayList<>();
    customs.forEach(custom -> rules.add(custom.rule()));
    // An id no generated custom rule has: generated ids are letters only.
    rules.add(random.nextInt(rules.size() + 1), PolicyFixtures.throwing("thrower-1", thrown));
    PolicyDecision decision = c.evaluate(new ExportPolicy(rules));
    assertFalse(decision.allowed());
    assertTrue(decision.violations().contains("Policy rule 'thrower-1' failed: " + thrown.getClass().getName()),
        decision.violations()::toString);
    Statistics.label("built-ins allow").collect(c.oracle().allows());
  }

  @Property(tries = 1000, generation = GenerationMode.RANDOMIZED)
  void visibilityAgreesWithEvaluate(@ForAll("callersOrSuperuser") Caller caller,
      @ForAll("visibilityRanges") TimeRange range, @ForAll("formatLists") List<FormatDescriptor> formats,
      @ForAll("customsOrNone") List<Custom> customs) {
    ExportPolicy policy = policyOf(customs);
    Map<ExportCategory, List<ExportFormat>> visible = policy.visibility(caller, range, formats, DIRECTORY);
    int shown = 0;
    for (ExportCategory category : ExportCategory.values()) {
      List<ExportFormat> expected = new ArrayList<>();
      for (FormatDescriptor format : formats) {
        ExportRequest probe = ExportRequest.builder(category, format.format())
            .queryId(ExportPolicy.VISIBILITY_QUERY_ID).timeRange(range).build();
        boolean allowed = policy.evaluate(resolve(probe, caller, format)).allowed();
        if (customs.isEmpty()) {
          assertEquals(PolicyOracle.judge(caller, ExportScope.unscoped(), category, format.format().id(),
              format.multiFile(), range).allows(), allowed, "the oracle agrees too");
        }
        if (allowed) {
          expected.add(format.format());
        }
      }
      assertEquals(expected, visible.getOrDefault(category, List.of()), category.id());
      assertEquals(!expected.isEmpty(), visible.containsKey(category), "only categories with a visible format");
      shown += expected.size();
    }
    Statistics.label("visible pairs").collect(shown == 0 ? "none" : "some");
  }

  private static ExportPolicy policyOf(List<Custom> customs) {
    List<PolicyRule> rules = new ArrayList<>();
    customs.forEach(custom -> rules.add(custom.rule()));
    return new ExportPolicy(rules);
  }

  // ---------------------------------------------------------------------------------------------
  // Generators

  @Provide
  Arbitrary<Caller> callers() {
    Arbitrary<String> tenant = Arbitraries.of("t-1", "t-2", "t-3");
    Arbitrary<String> federation = Arbitraries.of("fed-a", "fed-b", "FED-A").injectNull(0.4);
    Arbitrary<String> role = Arbitraries.of("auditor", "AUDITOR", "Auditor", "executive", "EXECUTIVE", "admin",
        "Admin", "viewer", "operator", "administrator", "auditors").injectNull(0.3);
    Arbitrary<Set<String>> permissions = Arbitraries.of(PERMISSIONS).set().ofMaxSize(PERMISSIONS.size());
    return Combinators.combine(tenant, federation, role, permissions)
        .as((t, f, r, p) -> new Caller("user-" + t, t, f, r, p));
  }

  @Provide
  Arbitrary<ExportScope> scopes() {
    Arbitrary<String> tenant = Arbitraries.of("t-1", "t-2", "t-3").injectNull(0.5);
    Arbitrary<String> facility = Arbitraries.of("f-1", "f-2").injectNull(0.7);
    Arbitrary<String> federation = Arbitraries.of("fed-a", "fed-b").injectNull(0.6);
    return Combinators.combine(tenant, facility, federation).as(ExportScope::new);
  }

  @Provide
  Arbitrary<TimeRange> ranges() {
    Duration ninety = Duration.ofDays(90);
    Arbitrary<Duration> boundaries = Arbitraries.of(Duration.ZERO, Duration.ofDays(30), ninety.minusMillis(1),
        ninety.minusNanos(1), ninety, ninety.plusNanos(1), ninety.plusMillis(1), Duration.ofDays(91),
        Duration.ofDays(365));
    Arbitrary<Duration> any = Arbitraries.longs().between(0, Duration.ofDays(200).toMillis()).map(Duration::ofMillis);
    Arbitrary<Duration> length = Arbitraries.frequencyOf(
        Tuple.of(1, boundaries), Tuple.of(1, any));
    Arbitrary<Instant> from = Combinators.combine(
            Arbitraries.longs().between(1_600_000_000L, 1_900_000_000L), Arbitraries.integers().between(0, 999_999_999))
        .as(Instant::ofEpochSecond);
    return Combinators.combine(from, length).as((f, l) -> TimeRange.of(f, f.plus(l)));
  }

  @Provide
  Arbitrary<Case> cases() {
    return Combinators.combine(callers(), scopes(), Arbitraries.of(ExportCategory.class), Arbitraries.of(ALL_FORMATS),
        ranges()).as(Case::new);
  }

  /** Callers who, half the time, hold every role and permission the built-ins ask for. */
  @Provide
  Arbitrary<Caller> callersOrSuperuser() {
    return Arbitraries.frequencyOf(Tuple.of(1, callers()), Tuple.of(1, Arbitraries.just(SUPERUSER)));
  }

  @Provide
  Arbitrary<Case> casesOrSuperuser() {
    return Combinators.combine(callersOrSuperuser(), scopes(), Arbitraries.of(ExportCategory.class),
        Arbitraries.of(ALL_FORMATS), ranges()).as(Case::new);
  }

  /** Mostly the default range that user interfaces ask about, sometimes any range. */
  @Provide
  Arbitrary<TimeRange> visibilityRanges() {
    return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(TimeRange.endingAt(PolicyFixtures.NOW))),
        Tuple.of(1, ranges()));
  }

  @Provide
  Arbitrary<List<Custom>> customs() {
    Arbitrary<String> id = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
    return id.list().uniqueElements().ofMaxSize(5).flatMap(ids ->
        Arbitraries.of(Kind.class).list().ofSize(ids.size()).map(kinds -> {
          List<Custom> customs = new ArrayList<>();
          for (int i = 0; i < ids.size(); i++) {
            customs.add(new Custom(ids.get(i), kinds.get(i)));
          }
          return customs;
        }));
  }

  /** Half the time no custom rule, so that the oracle judges visibility too. */
  @Provide
  Arbitrary<List<Custom>> customsOrNone() {
    return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(List.<Custom>of())), Tuple.of(1, customs()));
  }

  @Provide
  Arbitrary<Throwable> throwables() {
    return Arbitraries.of(
        new IllegalStateException("x"), new NullPointerException(), new UnsupportedOperationException(),
        new AssertionError("x"), new StackOverflowError(), new NoClassDefFoundError("x"),
        new IOException("x"), new Exception("x"));
  }

  @Provide
  Arbitrary<List<FormatDescriptor>> formatLists() {
    return Arbitraries.of(ALL_FORMATS).list().uniqueElements().ofMaxSize(ALL_FORMATS.size());
  }
}
