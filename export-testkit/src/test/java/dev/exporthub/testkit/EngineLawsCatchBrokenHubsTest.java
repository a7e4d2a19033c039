package dev.exporthub.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** The engine laws catch what they claim to: a hub with a broken plugin fails exactly the law it breaks. */
@DisplayName("EngineLaws")
class EngineLawsCatchBrokenHubsTest {

  @Test
  @DisplayName("fail a hub whose writer formats numbers with the default locale, on law 3 in and across JVMs only")
  void catchDefaultLocale() {
    assertOnlyFailing(BrokenHubs.DefaultLocaleLaws.class,
        List.of("defaultLocaleAndTimeZoneChangeNoByte", "forkedJvmWritesIdenticalBytes"));
  }

  @Test
  @DisplayName("fail a hub whose writer prints records of other tenants, on law 4 only")
  void catchLeaks() {
    assertOnlyFailing(BrokenHubs.LeakingLaws.class, List.of("noRecordOutsideTheScopeLeaks"));
  }

  private static void assertOnlyFailing(Class<?> laws, List<String> expected) {
    EngineExecutionResults results = EngineTestKit.engine("jqwik")
        .selectors(selectClass(laws))
        .configurationParameter("jqwik.database", "target/jqwik-database-broken-hubs")
        .execute();
    TreeSet<String> failed = new TreeSet<>();
    results.testEvents().failed().stream().map(EngineLawsCatchBrokenHubsTest::method).forEach(failed::add);
    assertEquals(new TreeSet<>(expected), failed, () -> laws.getSimpleName() + " failures: "
        + results.testEvents().failed().stream()
            .map(e -> method(e) + ": " + e.getPayload().map(Object::toString).orElse("")).toList());
    assertEquals(7, results.testEvents().finished().count(), "laws run on " + laws.getSimpleName());
  }

  private static String method(Event event) {
    return ((MethodSource) event.getTestDescriptor().getSource().orElseThrow()).getMethodName();
  }
}
