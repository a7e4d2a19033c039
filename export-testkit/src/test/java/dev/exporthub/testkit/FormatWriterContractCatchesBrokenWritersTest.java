package dev.exporthub.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The contract catches what it claims to: each deliberately broken writer fails exactly the
 * check for its flaw and passes all others, and the same writer without the flaw passes all.
 */
@DisplayName("FormatWriterContract")
class FormatWriterContractCatchesBrokenWritersTest {

  private static final int CHECKS = 8;

  @Test
  @DisplayName("passes a correct writer on every check")
  void passesACorrectWriter() {
    assertOnlyFailing(BrokenWriters.CorrectWriterContract.class, List.of());
  }

  @Test
  @DisplayName("fails a writer that formats numbers with the default locale, on determinism only")
  void failsDefaultLocaleNumbers() {
    assertOnlyFailing(BrokenWriters.DefaultLocaleNumbersContract.class, List.of("writesTheSameBytes"));
  }

  @Test
  @DisplayName("fails a writer that swallows an IOException, on surfacing stream failures only")
  void failsSwallowedIoException() {
    assertOnlyFailing(BrokenWriters.SwallowedIoExceptionContract.class, List.of("surfacesOutputFailures"));
  }

  @Test
  @DisplayName("passes a writer that writes maps in their iteration order: an item sorts every nested map by key")
  void mapIterationOrderIsKeyOrder() {
    // Once a flaw the contract caught on input-order independence; ExportItem now copies every
    // nested map sorted by key (ItemValue), so a map's iteration order no longer depends on input.
    assertOnlyFailing(BrokenWriters.InputOrderContract.class, List.of());
  }

  private static void assertOnlyFailing(Class<?> contract, List<String> expectedFailures) {
    EngineExecutionResults results = EngineTestKit.engine("jqwik")
        .selectors(selectClass(contract))
        .configurationParameter("jqwik.database", "target/jqwik-database-broken-writers")
        .execute();
    TreeSet<String> failed = new TreeSet<>();
    results.testEvents().failed().stream().map(FormatWriterContractCatchesBrokenWritersTest::method)
        .forEach(failed::add);
    assertEquals(new TreeSet<>(expectedFailures), failed, () -> contract.getSimpleName() + " failed "
        + failed + "; failures: " + results.testEvents().failed().stream()
            .map(e -> method(e) + ": " + e.getPayload().map(Object::toString).orElse("")).toList());
    assertEquals(CHECKS, results.testEvents().finished().count(), "checks run on " + contract.getSimpleName());
  }

  private static String method(Event event) {
    TestSource source = event.getTestDescriptor().getSource().orElseThrow();
    return ((MethodSource) source).getMethodName();
  }
}
