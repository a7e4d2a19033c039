package dev.exporthub.testkit;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.core.ExportHub;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The engine's laws, as properties any hub must satisfy. Extend this class in a test to run them
 * against a hub of your own (your {@link dev.exporthub.api.spi.OperationalDataSource}, your
 * writers, your policy rules) by overriding {@link #hub}; without an override the laws run on an
 * {@link dev.exporthub.core.source.InMemoryDataSource} and every writer found on the class path.
 *
 * <ol>
 *   <li>The same data, request and fixed clock give identical bytes, for every category and every
 *       format the hub knows.</li>
 *   <li>The order in which the data source hands out its records does not change a byte.</li>
 *   <li>Neither does the default {@code Locale} ({@code tr}, {@code de}, {@code ar}) nor the
 *       default {@code TimeZone} ({@code Pacific/Chatham}, {@code America/St_Johns}), changed
 *       inside the test, nor a second JVM started with
 *       {@code -Duser.language=tr -Duser.timezone=Pacific/Chatham}.</li>
 *   <li>Isolation: no id of a record outside the request's scope (its tenant, facility or
 *       federation) appears anywhere in the output of any format, inside ZIP archives included.</li>
 *   <li>Two exports have equal {@code contentDigest}s exactly when their content is equal.</li>
 *   <li>What the hub's log held before changes no byte: a hub that has already made other exports
 *       (and logged them) exports the same bytes as a fresh one, given the same ids.</li>
 * </ol>
 *
 * <p>Every export is made by a caller with every permission (see {@link Callers#admin}), so that
 * policy never stands in the way. Each property runs {@value #TRIES} tries of small data sets by
 * default; annotate your subclass with {@code @PropertyDefaults(tries = ...)} to change that. The
 * properties change the JVM's default locale and time zone while they run: do not run them in
 * parallel with other tests.
 *
 * <pre>{@code
 * class WarehouseEngineLaws extends EngineLaws {
 *   @Override
 *   protected ExportHub hub(DataSet data, Clock clock, Supplier<String> ids) {
 *     return ExportHub.builder()
 *         .dataSource(new WarehouseSource(loadIntoTestDatabase(data.records())))
 *         .tenantDirectory(data.tenantDirectory())
 *         .writer(new XlsxFormatWriter())
 *         .clock(clock)
 *         .idSupplier(ids)
 *         .build();
 *   }
 * }
 * }</pre>
 */
@PropertyDefaults(tries = EngineLaws.TRIES, shrinking = ShrinkingMode.BOUNDED)
public abstract class EngineLaws {

  /** The default number of tries of each law. */
  public static final int TRIES = 20;

  /** The flags of the second JVM of law 3, by default. */
  public static final List<String> FORKED_JVM_FLAGS = List.of("-Duser.language=tr", "-Duser.country=TR",
      "-Duser.timezone=Pacific/Chatham");

  private List<ExportFormat> formats;

  /** For subclasses. */
  protected EngineLaws() {
  }

  /**
   * The hub under test, new for each export run. It must serve exactly {@code data.records()},
   * place tenants in federations as {@code data.tenantDirectory()} does, and take its clock and
   * ids from the arguments; everything else (writers, rules, stores) is the host's choice.
   *
   * <p>Law 3 also calls it in a second JVM, on an instance made with the no-argument constructor
   * and without jqwik's lifecycle hooks: a hub that needs resources set up by the test's lifecycle
   * cannot be built there; return no flags from {@link #forkedJvmFlags()} to skip that check.
   *
   * @param data  what the source must hold
   * @param clock a fixed clock at {@code data.now()}
   * @param ids   a fresh, deterministic id supplier
   */
  protected ExportHub hub(DataSet data, Clock clock, Supplier<String> ids) {
    return ExportHub.builder()
        .dataSource(data.source())
        .tenantDirectory(data.tenantDirectory())
        .clock(clock)
        .idSupplier(ids)
        .build();
  }

  /** The data sets the laws export. Default: {@link DataSets#withAtMost(int)} 12 records. */
  protected Arbitrary<DataSet> dataSets() {
    return DataSets.withAtMost(12);
  }

  /** Who exports: by default an admin of the data set's first tenant with every permission. */
  protected Caller caller(DataSet data) {
    return Callers.admin(data.tenantIds().get(0));
  }

  /**
   * The JVM flags of the second JVM of law 3 (its class path is this JVM's). Default:
   * {@link #FORKED_JVM_FLAGS}. An empty list skips the check.
   */
  protected List<String> forkedJvmFlags() {
    return FORKED_JVM_FLAGS;
  }

  /** The fixed data set of the forked-JVM check of law 3. Default: {@link DataSets#sample(long, int)}. */
  protected DataSet forkedJvmDataSet() {
    return DataSets.sample(60, 120);
  }

  @Property
  @Label("1. the same data, request and clock give identical bytes for every category and format")
  void sameInputsGiveIdenticalBytes(@ForAll("scenarios") Scenario scenario) {
    assertSameBytes(exportAll(scenario.data(), scenario.request()),
        exportAll(scenario.data(), scenario.request()), "a second hub over the same data");
  }

  @Property
  @Label("2. shuffling the source's records changes no byte")
  void shuffledInputGivesIdenticalBytes(@ForAll("scenarios") Scenario scenario, @ForAll long seed) {
    assertSameBytes(exportAll(scenario.data(), scenario.request()),
        exportAll(scenario.data().shuffled(seed), scenario.request()), "the records shuffled with seed " + seed);
  }

  @Property
  @Label("3. the default locale and time zone change no byte")
  void defaultLocaleAndTimeZoneChangeNoByte(@ForAll("scenarios") Scenario scenario,
      @ForAll("environments") Environment environment) {
    Map<String, byte[]> here = exportAll(scenario.data(), scenario.request());
    Map<String, byte[]> there = environment.apply(() -> exportAll(scenario.data(), scenario.request()));
    assertSameBytes(here, there, "default locale and time zone " + environment);
  }

  @Example
  @Label("3. a JVM started with -Duser.language=tr -Duser.timezone=Pacific/Chatham writes the same bytes")
  void forkedJvmWritesIdenticalBytes() throws Exception {
    List<String> flags = forkedJvmFlags();
    if (flags.isEmpty()) {
      throw new TestAbortedException("forkedJvmFlags() is empty: the forked-JVM check of law 3 is skipped");
    }
    ForkedJvm.assertSameDigests(this, flags);
  }

  @Property
  @Label("4. no id of a record outside the scope appears in any format's output")
  void noRecordOutsideTheScopeLeaks(@ForAll("scenarios") Scenario scenario) {
    DataSet data = scenario.data();
    ExportScope scope = scenario.request().scope();
    ExportScope resolved = scope.isUnscoped() ? scope.withTenant(caller(data).tenantId()) : scope;
    Predicate<SourceRecord> inScope = data.scopeFilter(resolved);
    List<String> outside = data.records().stream().filter(inScope.negate()).map(SourceRecord::id).toList();
    exportAll(data, scenario.request()).forEach((export, bytes) -> {
      for (String id : outside) {
        if (Outputs.mentions(bytes, id)) {
          throw new AssertionFailedError("Export " + export + " with scope " + resolved + " mentions " + id
              + ", a record outside the scope: " + record(data, id));
        }
      }
    });
  }

  @Property
  @Label("5. two exports have equal content digests exactly when their content is equal")
  void contentDigestsAreEqualExactlyWhenContentIs(@ForAll("pairs") ScenarioPair pair) {
    ExportResult.Completed first = export(pair.first());
    ExportResult.Completed second = export(pair.second());
    BundleContent a = BundleContent.of(first.bundle());
    BundleContent b = BundleContent.of(second.bundle());
    String digestA = first.bundle().metadata().contentDigest();
    String digestB = second.bundle().metadata().contentDigest();
    if (a.equals(b) != digestA.equals(digestB)) {
      throw new AssertionFailedError((a.equals(b) ? "Equal content has different digests " : "Different content has"
          + " the same digest ") + digestA + " and " + digestB + ": " + (a.equals(b) ? a : a.difference(b)));
    }
  }

  @Property
  @Label("6. what the hub's log held before changes no byte")
  void priorLogEntriesChangeNoByte(@ForAll("scenarios") Scenario scenario) {
    DataSet data = scenario.data();
    Map<String, byte[]> fresh = exportAll(data, scenario.request());
    RestartingIds ids = new RestartingIds();
    ExportHub hub = hub(data, Clock.fixed(data.now(), ZoneOffset.UTC), ids);
    // Other calls first, each leaving entries: an export and its download, and a stranger's request.
    ExportRequest other = with(scenario.request(), ExportCategory.FULL_OPERATIONAL, formats().get(0));
    ExportResult.Completed done = completed(hub.export(other, caller(data)), other);
    hub.recordDownload(done, done.filename(), caller(data));
    hub.export(scenario.request(), Caller.of("stranger", "stranger-tenant", "viewer", List.of()));
    long held = hub.log().entries().size();
    ids.restart();
    assertSameBytes(fresh, exportAll(hub, data, scenario.request()), "a hub whose log already held " + held
        + " entries");
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<ExportFormat> formats = Arbitraries.of(formats());
    return dataSets().flatMap(data -> Requests.of(data, formats).map(request -> new Scenario(data, request)));
  }

  @Provide
  Arbitrary<Environment> environments() {
    return Arbitraries.of(Environment.HOSTILE);
  }

  @Provide
  Arbitrary<ScenarioPair> pairs() {
    return scenarios().flatMap(first -> variants(first).map(second -> new ScenarioPair(first, second)));
  }

  /** Variations of a scenario, about half of which keep the content. */
  private Arbitrary<Scenario> variants(Scenario s) {
    DataSet data = s.data();
    ExportRequest request = s.request();
    List<Arbitrary<Scenario>> variants = new ArrayList<>();
    // Same content: another format, a shuffled source, a later clock with an explicit range ending before it.
    Arbitrary<ExportFormat> formats = Arbitraries.of(formats());
    variants.add(formats.map(format -> new Scenario(data, with(request, request.category(), format))));
    variants.add(Arbitraries.longs().map(seed -> new Scenario(data.shuffled(seed), request)));
    if (request.timeRange() != null && !request.timeRange().to().isAfter(data.now())) {
      variants.add(Arbitraries.integers().between(1, 5).map(days ->
          new Scenario(new DataSet(data.now().plus(Duration.ofDays(days)), data.facilities(), data.federations(),
              data.records()), request)));
    }
    // Content that may or may not change: a record dropped or replaced, another request.
    if (!data.records().isEmpty()) {
      Arbitrary<Integer> index = Arbitraries.integers().between(0, data.records().size() - 1);
      variants.add(index.map(i -> {
        List<SourceRecord> fewer = new ArrayList<>(data.records());
        fewer.remove((int) i);
        return new Scenario(data.withRecords(fewer), request);
      }));
      variants.add(index.flatMap(i -> {
        SourceRecord old = data.records().get(i);
        return SourceRecords.of(old.type(), new SourceRecords.Placement(old.id(), old.tenantId(), old.facilityId(),
                old.timestamp(), old.relatedIds()))
            .map(replacement -> {
              List<SourceRecord> changed = new ArrayList<>(data.records());
              changed.set(i, replacement);
              return new Scenario(data.withRecords(changed), request);
            });
      }));
    }
    variants.add(Requests.of(data, formats).map(other -> new Scenario(data, other)));
    variants.add(Requests.categories().map(category ->
        new Scenario(data, with(request, category, request.format()))));
    return Arbitraries.oneOf(variants);
  }

  /** The formats of the hub under test. */
  private List<ExportFormat> formats() {
    if (formats == null) {
      DataSet empty = new DataSet(SourceRecords.DEFAULT_NOW, Map.of("tenant-1", List.of()), Map.of(), List.of());
      formats = hub(empty, Clock.fixed(empty.now(), ZoneOffset.UTC), ids()).formats().stream()
          .map(FormatDescriptor::format).toList();
    }
    return formats;
  }

  /** Exports the scenario's request with one hub per call. */
  private ExportResult.Completed export(Scenario s) {
    ExportHub hub = hub(s.data(), Clock.fixed(s.data().now(), ZoneOffset.UTC), ids());
    return completed(hub.export(s.request(), caller(s.data())), s.request());
  }

  /**
   * Exports the request's scope, range and options in every category and every format of a new
   * hub over {@code data}; keys name category and format.
   */
  Map<String, byte[]> exportAll(DataSet data, ExportRequest template) {
    return exportAll(hub(data, Clock.fixed(data.now(), ZoneOffset.UTC), ids()), data, template);
  }

  private Map<String, byte[]> exportAll(ExportHub hub, DataSet data, ExportRequest template) {
    Caller caller = caller(data);
    Map<String, byte[]> outputs = new LinkedHashMap<>();
    for (ExportCategory category : ExportCategory.values()) {
      for (FormatDescriptor descriptor : hub.formats()) {
        ExportRequest request = with(template, category, descriptor.format());
        outputs.put(category.id() + "/" + descriptor.format().id(),
            completed(hub.export(request, caller), request).content());
      }
    }
    return outputs;
  }

  private static ExportRequest with(ExportRequest template, ExportCategory category, ExportFormat format) {
    return new ExportRequest(template.queryId(), category, format, template.scope(), template.timeRange(),
        template.requestedBy(), template.options());
  }

  private static ExportResult.Completed completed(ExportResult result, ExportRequest request) {
    if (result instanceof ExportResult.Completed completed) {
      return completed;
    }
    throw new AssertionFailedError("The caller of the engine laws holds every permission, yet " + request
        + " was denied: " + result.decision());
  }

  /** A fresh supplier of the ids {@code id-1}, {@code id-2}, ... */
  static Supplier<String> ids() {
    AtomicLong next = new AtomicLong();
    return () -> "id-" + next.incrementAndGet();
  }

  private static void assertSameBytes(Map<String, byte[]> expected, Map<String, byte[]> actual, String change) {
    if (!expected.keySet().equals(actual.keySet())) {
      throw new AssertionFailedError("With " + change + " the hub exported other category/format pairs",
          expected.keySet(), actual.keySet());
    }
    expected.forEach((export, bytes) -> {
      if (!Arrays.equals(bytes, actual.get(export))) {
        throw new AssertionFailedError("With " + change + ", export " + export + " changed: "
            + Outputs.difference(bytes, actual.get(export)));
      }
    });
  }

  private static String record(DataSet data, String id) {
    return data.records().stream().filter(r -> r.id().equals(id)).findFirst().map(Object::toString).orElse(id);
  }

  /** The ids {@code id-1}, {@code id-2}, ..., counted again from 1 after {@link #restart()}. */
  private static final class RestartingIds implements Supplier<String> {
    private final AtomicLong next = new AtomicLong();
    private volatile boolean restarted;

    @Override
    public String get() {
      return (restarted ? "id-" : "warm-up-") + next.incrementAndGet();
    }

    void restart() {
      next.set(0);
      restarted = true;
    }
  }

  /** A data set and a request whose scope, range and options the laws use. */
  record Scenario(DataSet data, ExportRequest request) {
  }

  /** Two scenarios whose contents law 5 compares. */
  record ScenarioPair(Scenario first, Scenario second) {
  }
}
