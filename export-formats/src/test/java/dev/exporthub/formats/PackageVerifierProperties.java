package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.formats.PackageVerifier.Layout;
import dev.exporthub.formats.PackageVerifier.Problem;
import dev.exporthub.formats.PackageVerifier.Reason;
import dev.exporthub.formats.PackageVerifier.Report;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever single change is made to a package (one byte of one entry, one entry removed, added or
 * renamed), {@link PackageVerifier} reports it, for all three kinds of package, naming the changed
 * path. (An added or renamed entry can turn a package into another layout, e.g. a {@code bagit.txt}
 * dropped into a ZIP bundle; the verifier then judges it as that layout, whose problems name other
 * paths, so only the failure itself is required there.)
 */
class PackageVerifierProperties {

  /** The three kinds of package, written once: ZIP bundle, auditor package, auditor package as a bag. */
  private static final List<List<Map.Entry<String, byte[]>>> PACKAGES = List.of(
      List.copyOf(ArchiveFixtures.entries(PackageVerifierTest.zipBundle()).entrySet()),
      List.copyOf(ArchiveFixtures.entries(PackageVerifierTest.auditorPackage()).entrySet()),
      List.copyOf(ArchiveFixtures.entries(PackageVerifierTest.bag()).entrySet()));

  private static final List<Layout> LAYOUTS = List.of(Layout.ZIP_BUNDLE, Layout.AUDITOR_PACKAGE, Layout.BAGIT);

  /** The manifests nothing else covers: a change to them shows as a problem elsewhere. */
  private static final Pattern UNCOVERED = Pattern.compile("(.*/)?(manifest-sha256|tagmanifest-sha256)\\.txt");

  private static Report verify(List<Map.Entry<String, byte[]>> entries) {
    return PackageVerifierTest.verify(ArchiveFixtures.zip(entries));
  }

  private static boolean names(Report report, String path) {
    return report.problems().stream().map(Problem::path).anyMatch(path::equals);
  }

  @Example
  void theUntouchedPackagesAreIntact() {
    for (List<Map.Entry<String, byte[]>> entries : PACKAGES) {
      Report report = verify(entries);
      assertTrue(report.ok(), report.problems()::toString);
    }
  }

  @Property(tries = 100)
  void everyChangedByteIsCaught(@ForAll @IntRange(min = 0, max = 2) int kind,
      @ForAll @IntRange(min = 0, max = 10_000) int entry, @ForAll @IntRange(min = 0, max = 1_000_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    List<Map.Entry<String, byte[]>> entries = new ArrayList<>(PACKAGES.get(kind));
    int index = entry % entries.size();
    String name = entries.get(index).getKey();
    byte[] content = entries.get(index).getValue().clone();
    int at = position % content.length;
    content[at] = (byte) (content[at] ^ flip);
    entries.set(index, Map.entry(name, content));

    Report report = verify(entries);

    assertFalse(report.ok(), () -> "byte " + at + " of " + name);
    if (!UNCOVERED.matcher(name).matches()) {
      assertTrue(report.problems().stream().anyMatch(p -> p.path().equals(name) && p.reason() == Reason.MISMATCH),
          () -> name + ": " + report.problems());
    }
  }

  @Property(tries = 100)
  void everyRemovedEntryIsCaught(@ForAll @IntRange(min = 0, max = 2) int kind,
      @ForAll @IntRange(min = 0, max = 10_000) int entry) {
    List<Map.Entry<String, byte[]>> entries = new ArrayList<>(PACKAGES.get(kind));
    String name = entries.remove(entry % entries.size()).getKey();

    Report report = verify(entries);

    assertFalse(report.ok(), () -> "removed " + name);
    assertTrue(names(report, name), () -> name + ": " + report.problems());
  }

  @Property(tries = 100)
  void everyAddedEntryIsCaught(@ForAll @IntRange(min = 0, max = 2) int kind, @ForAll("names") String suffix,
      @ForAll boolean inPackageFolder, @ForAll("contents") byte[] content,
      @ForAll @IntRange(min = 0, max = 10_000) int position) {
    List<Map.Entry<String, byte[]>> entries = new ArrayList<>(PACKAGES.get(kind));
    String name = (inPackageFolder ? folder(entries) : "") + suffix;
    entries.add(position % (entries.size() + 1), Map.entry(name, content));

    Report report = verify(entries);

    assertFalse(report.ok(), () -> "added " + name);
    if (report.layout() == LAYOUTS.get(kind)) {
      assertTrue(names(report, name), () -> name + ": " + report.problems());
    }
  }

  @Property(tries = 100)
  void everyRenamedEntryIsCaught(@ForAll @IntRange(min = 0, max = 2) int kind,
      @ForAll @IntRange(min = 0, max = 10_000) int entry, @ForAll("names") String suffix,
      @ForAll boolean inPackageFolder) {
    List<Map.Entry<String, byte[]>> entries = new ArrayList<>(PACKAGES.get(kind));
    int index = entry % entries.size();
    String old = entries.get(index).getKey();
    String name = (inPackageFolder ? folder(entries) : "") + suffix;
    net.jqwik.api.Assume.that(!name.equals(old));
    entries.set(index, Map.entry(name, entries.get(index).getValue()));

    Report report = verify(entries);

    assertFalse(report.ok(), () -> old + " renamed " + name);
    boolean clash = entries.stream().filter(e -> e.getKey().equals(name)).count() > 1;
    if (report.layout() == LAYOUTS.get(kind)) {
      assertTrue(names(report, name), () -> name + ": " + report.problems());
      // Renamed onto another entry's name, neither namesake is trusted: the clash is what is reported.
      assertTrue(clash || names(report, old), () -> old + ": " + report.problems());
    }
  }

  /** The package's folder, with its slash, or {@code ""} for the flat ZIP bundle. */
  private static String folder(List<Map.Entry<String, byte[]>> entries) {
    String first = entries.get(0).getKey();
    int slash = first.indexOf('/');
    return slash < 0 ? "" : first.substring(0, slash + 1);
  }

  /**
   * Entry names: plausible ones (next to or instead of real files, in real folders, differing only
   * in case), and hostile ones.
   */
  @Provide
  Arbitrary<String> names() {
    Arbitrary<String> segment = Arbitraries.strings().withChars("abcxyzABC019._-").ofMinLength(1).ofMaxLength(10);
    Arbitrary<String> folder = Arbitraries.of("", "data/", "metadata/", "audit-findings/", "insights/", "x/y/");
    Arbitrary<String> plausible = Combinators.combine(folder, segment).as(String::concat);
    Arbitrary<String> real = Arbitraries.of("index.html", "INDEX.html", "README.txt", "readme.txt",
        "manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt", "tagmanifest-sha512.txt",
        "bagit.txt", "bag-info.txt", "fetch.txt", "data/index.html", "metadata/README.md", "metadata/readme.md",
        "audit-findings/findings.json", "audit-findings/findings.JSON", "data/metadata/README.md",
        "manifest-md5.txt", "data/", "metadata/");
    Arbitrary<String> hostile = Arbitraries.of("../evil", "/abs", "C:/x", "a\\b", "a/../b", "a//b", "./a", "",
        "x\u0000", "e\nvil", "x:y");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, plausible), net.jqwik.api.Tuple.of(4, real), net.jqwik.api.Tuple.of(1, hostile));
  }

  @Provide
  Arbitrary<byte[]> contents() {
    return Arbitraries.oneOf(Arbitraries.just(new byte[0]),
        Arbitraries.strings().ofMaxLength(40).map(s -> s.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(64));
  }
}
