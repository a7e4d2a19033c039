package dev.exporthub.testkit;

import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.FormatDescriptor;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.api.spi.WriteContext;
import dev.exporthub.core.log.InMemoryLogStore;
import dev.exporthub.core.source.InMemoryDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import org.opentest4j.AssertionFailedError;

/**
 * The compatibility kit of {@link FormatWriter}s: extend it in a test, return your writer from
 * {@link #writer()}, and the contract of the SPI is checked on bundles the engine builds from
 * arbitrary data.
 *
 * <pre>{@code
 * class XlsxFormatWriterContractTest extends FormatWriterContract {
 *   @Override
 *   protected FormatWriter writer() {
 *     return new XlsxFormatWriter();
 *   }
 * }
 * }</pre>
 *
 * <p>What it checks, one property each:
 * <ul>
 *   <li>the writer declares a format id, a MIME type and a file extension, the same on every call;</li>
 *   <li>the same bundle gives the same bytes, written twice, and under the root locale and UTC, and
 *       under a hostile default locale ({@code tr}, {@code de}, {@code ar}) and time zone
 *       ({@code Pacific/Chatham}, {@code America/St_Johns});</li>
 *   <li>the bytes do not depend on the export log's state: exported through a hub, the same input
 *       gives the same bytes whether the hub's log is empty or already holds other exports,
 *       downloads and decisions ({@code docs/SPECIFICATION.md} §10.1);</li>
 *   <li>the bytes do not depend on input order: records handed out shuffled by an unordered
 *       source, and maps that promise no order ({@link java.util.HashMap}) in place of sorted ones
 *       inside item data, give the same bytes;</li>
 *   <li>arbitrary Unicode (every plane, combining and bidirectional marks, controls, lone
 *       surrogates, CSV/HTML/Markdown/formula payloads) in every text of a bundle is written
 *       without an exception, and the same way twice;</li>
 *   <li>bundles whose sections are all empty are written, in every category;</li>
 *   <li>a failure of the output stream, wherever it happens, surfaces as an exception carrying the
 *       stream's {@link IOException} (itself or as a cause), and is never swallowed;</li>
 *   <li>the writer leaves the output stream open.</li>
 * </ul>
 *
 * <p>Each property runs {@value #TRIES} tries by default; annotate your subclass with
 * {@code @PropertyDefaults(tries = ...)} to change that. Two properties change the JVM's default
 * locale and time zone while they run: do not run them in parallel with other tests.
 */
@PropertyDefaults(tries = FormatWriterContract.TRIES, shrinking = ShrinkingMode.BOUNDED)
public abstract class FormatWriterContract {

  /** The default number of tries of each property. */
  public static final int TRIES = 25;

  private static final Pattern MIME_TYPE = Pattern.compile(
      "[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*(\\s*;\\s*[a-z0-9-]+=\\S+)*", Pattern.CASE_INSENSITIVE);
  private static final Pattern FILE_SUFFIX = Pattern.compile("[-.]([A-Za-z0-9_-]+[.-])*[A-Za-z0-9]+");

  /** For subclasses. */
  protected FormatWriterContract() {
  }

  /** The writer under test. Called for every check; may return the same instance every time. */
  protected abstract FormatWriter writer();

  /** The data sets bundles are built from. Default: {@link DataSets#withAtMost(int)} 16 records. */
  protected Arbitrary<DataSet> dataSets() {
    return DataSets.withAtMost(16);
  }

  @Example
  @Label("declares a format id, a MIME type and a file extension")
  void declaresItsFormat() {
    FormatDescriptor descriptor = writer().descriptor();
    if (descriptor == null) {
      throw new AssertionFailedError("descriptor() returned null");
    }
    if (!MIME_TYPE.matcher(descriptor.mimeType()).matches()) {
      throw new AssertionFailedError("The MIME type '" + descriptor.mimeType() + "' is not of the form type/subtype");
    }
    if (!FILE_SUFFIX.matcher(descriptor.fileSuffix()).matches()) {
      throw new AssertionFailedError("The file suffix '" + descriptor.fileSuffix()
          + "' is not an extension such as .json or -auditor-package.zip");
    }
    if (!descriptor.equals(writer().descriptor())) {
      throw new AssertionFailedError("descriptor() changes between calls", descriptor, writer().descriptor());
    }
  }

  @Property
  @Label("writes the same bytes for the same bundle, under any default locale and time zone")
  void writesTheSameBytes(@ForAll("inputs") WriterInput input, @ForAll("environments") Environment environment) {
    FormatWriter writer = writer();
    ExportBundle bundle = input.bundle(writer);
    WriteContext context = input.context();
    byte[] first = write(writer, bundle, context);
    assertSame(first, write(writer, bundle, context), "written a second time");
    assertSame(first, Environment.ROOT.apply(() -> write(writer, bundle, context)),
        "written under the root locale and UTC");
    assertSame(first, environment.apply(() -> write(writer, bundle, context)),
        "written under the default locale and time zone " + environment);
  }

  @Property
  @Label("writes the same bytes whatever order its input arrives in")
  void ignoresInputOrder(@ForAll("inputs") WriterInput input, @ForAll long seed) {
    FormatWriter writer = writer();
    byte[] ordered = write(writer, input.bundle(writer), input.context());
    ExportBundle shuffled = input.bundle(writer, Reordering.unorderedSource(input.data().records(), seed));
    assertSame(ordered, write(writer, shuffled, input.context()),
        "built from records an unordered source handed out shuffled");
    assertSame(ordered, write(writer, Reordering.unorderedMaps(shuffled, seed), input.context()),
        "with HashMaps in place of the sorted maps inside item data");
  }

  @Property
  @Label("writes the same bytes through a hub whatever the hub's log held before")
  void ignoresTheLogsState(@ForAll("inputs") WriterInput input, @ForAll @IntRange(min = 0, max = 2) int priorExports) {
    FormatWriter writer = writer();
    byte[] fresh = input.exportThroughHub(writer, new InMemoryLogStore());
    InMemoryLogStore used = new InMemoryLogStore();
    input.fillLog(writer, used, priorExports);
    long held = used.size();
    assertSame(fresh, input.exportThroughHub(writer, used), "exported through a hub whose log held " + held
        + " entries of other calls rather than none");
  }

  @Property
  @Label("writes arbitrary Unicode in every text of a bundle without an exception")
  void writesAnyUnicode(@ForAll("unicodeCases") UnicodeBundles.Case unicode) {
    FormatWriter writer = writer();
    ExportBundle bundle = unicode.bundle(writer.descriptor());
    byte[] first = write(writer, bundle, unicode.context());
    if (first.length == 0) {
      throw new AssertionFailedError("The writer wrote nothing");
    }
    assertSame(first, write(writer, bundle, unicode.context()), "written a second time");
  }

  @Property
  @Label("writes bundles whose sections are all empty")
  void writesEmptySections(@ForAll ExportCategory category, @ForAll("options") Map<String, String> options) {
    FormatWriter writer = writer();
    DataSet empty = new DataSet(SourceRecords.DEFAULT_NOW, Map.of("tenant-1", List.of()), Map.of(), List.of());
    WriterInput input = new WriterInput(empty, category, ExportScope.tenant("tenant-1"),
        TimeRange.endingAt(empty.now()), options, "testkit");
    ExportBundle bundle = input.bundle(writer, InMemoryDataSource.empty());
    byte[] first = write(writer, bundle, input.context());
    if (first.length == 0) {
      throw new AssertionFailedError("The writer wrote nothing for an empty " + category.id() + " bundle");
    }
    assertSame(first, write(writer, bundle, input.context()), "written a second time");
  }

  @Property
  @Label("lets a failure of the output stream surface as an exception")
  void surfacesOutputFailures(@ForAll("inputs") WriterInput input, @ForAll("fractions") double where) {
    FormatWriter writer = writer();
    ExportBundle bundle = input.bundle(writer);
    byte[] complete = write(writer, bundle, input.context());
    long limit = (long) Math.floor(where * complete.length);
    ProbeStreams.Failing out = new ProbeStreams.Failing(limit);
    try {
      writer.write(bundle, input.context(), out);
    } catch (IOException | RuntimeException e) {
      if (out.thrown.isEmpty()) {
        throw new AssertionFailedError("The writer failed before the stream did (at byte " + limit + " of "
            + complete.length + "): " + e, e);
      }
      if (!out.surfaced(e)) {
        throw new AssertionFailedError("The writer replaced the stream's IOException with one that does not carry it"
            + " as a cause: " + e, e);
      }
      return;
    }
    throw new AssertionFailedError(out.thrown.isEmpty()
        ? "The writer wrote fewer than " + (limit + 1) + " bytes the second time, " + complete.length + " the first"
        : "The output stream failed after " + limit + " of " + complete.length
            + " bytes, yet write(...) returned normally: the writer swallowed the IOException");
  }

  @Property
  @Label("leaves the output stream open")
  void leavesTheStreamOpen(@ForAll("inputs") WriterInput input) throws IOException {
    FormatWriter writer = writer();
    ProbeStreams.Watching out = new ProbeStreams.Watching();
    writer.write(input.bundle(writer), input.context(), out);
    if (out.closed) {
      throw new AssertionFailedError("The writer closed the output stream; it belongs to the caller");
    }
  }

  @Provide
  Arbitrary<WriterInput> inputs() {
    // Categories with many sections most of the time, so that most bundles have items.
    Arbitrary<ExportCategory> categories = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.just(ExportCategory.FULL_OPERATIONAL)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(ExportCategory.COMPLIANCE_PACK, ExportCategory.OPERATIONAL_SNAPSHOT)),
        net.jqwik.api.Tuple.of(2, Requests.categories()));
    return dataSets().flatMap(data -> Combinators.combine(categories, Requests.scopes(data),
            Requests.timeRanges(data), Requests.options(), Texts.nonBlank())
        .as((category, scope, range, options, requester) -> new WriterInput(data, category,
            scope.isUnscoped() ? scope.withTenant(data.tenantIds().get(0)) : scope, range, options, requester)));
  }

  @Provide
  Arbitrary<UnicodeBundles.Case> unicodeCases() {
    return UnicodeBundles.cases();
  }

  @Provide
  Arbitrary<Environment> environments() {
    return Arbitraries.of(Environment.HOSTILE);
  }

  @Provide
  Arbitrary<Map<String, String>> options() {
    return Requests.options();
  }

  @Provide
  Arbitrary<Double> fractions() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, Arbitraries.just(0.0)),
        net.jqwik.api.Tuple.of(4, Arbitraries.doubles().between(0, true, 1, false)));
  }

  private static byte[] write(FormatWriter writer, ExportBundle bundle, WriteContext context) {
    ProbeStreams.Watching out = new ProbeStreams.Watching();
    try {
      writer.write(bundle, context, out);
    } catch (IOException e) {
      throw new UncheckedIOException("Writing to memory failed", e);
    }
    return out.toByteArray();
  }

  private static void assertSame(byte[] expected, byte[] actual, String how) {
    if (!Arrays.equals(expected, actual)) {
      throw new AssertionFailedError("The bytes changed when " + how + ": " + Outputs.difference(expected, actual));
    }
  }
}
