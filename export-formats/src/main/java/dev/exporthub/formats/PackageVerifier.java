package dev.exporthub.formats;

import dev.exporthub.formats.ZipArchive.Algorithm;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Checks a ZIP bundle, an auditor package or a BagIt bag (RFC 8493) in a ZIP archive against its
 * manifests, without extracting anything: every entry is streamed once through SHA-256 and
 * SHA-512, and only the digests and the (small) manifest files are kept.
 *
 * <p>What it reports, each problem with the path it concerns:
 * <ul>
 *   <li>entries whose names are unsafe to extract ({@code ..} or {@code .} segments, absolute
 *       paths, backslashes, drive letters and other colons, control characters, empty segments)
 *       and duplicate names (also names that differ only in case, which clash on most desktops);
 *       an unsafe entry, and both of two entries of one name, are never trusted;</li>
 *   <li>archive bombs: more entries or more uncompressed bytes than the {@link Limits} allow (the
 *       check stops there);</li>
 *   <li>files a manifest lists that are missing or whose digest differs, files no manifest lists,
 *       malformed manifest lines, and a missing manifest;</li>
 *   <li>for a bag: a missing or malformed {@code bagit.txt}, a wrong {@code Payload-Oxum}, payload
 *       files missing from a payload manifest, manifests in algorithms it cannot check (only
 *       SHA-256 and SHA-512 are supported), and {@code fetch.txt} (remote files cannot be checked
 *       offline).</li>
 * </ul>
 *
 * <p>Layouts are recognised by their manifests, at the archive root or in one top-level folder: a
 * {@code bagit.txt}, {@code bag-info.txt} or {@code tagmanifest-*.txt} makes a bag; otherwise a
 * {@code manifest-sha256.txt} at the root makes a ZIP bundle and one in a folder an auditor
 * package. Those two, and bags whose {@code Bag-Software-Agent} is Export Hub, are held to the
 * exact form Export Hub writes: manifest lines are {@code <lower-case hex>  <path>} with
 * {@code \n} ends (so no single changed byte goes unnoticed), every file but the manifest is
 * listed, no directory entries, and a bag has exactly {@code bagit.txt}, {@code bag-info.txt},
 * {@code manifest-sha256.txt}, {@code manifest-sha512.txt}, {@code tagmanifest-sha256.txt} and
 * {@code data/}. Other bags are checked by RFC 8493 alone.
 *
 * <p>For a {@link Path}, the archive's central directory (what extracting tools read) must also
 * name the same entries, in the same order, as the local headers that were checked.
 *
 * <p>Stateless and thread-safe.
 */
public final class PackageVerifier {

  /** What kind of package an archive holds. */
  public enum Layout {
    /** The flat ZIP bundle: renderings, {@code README.txt} and {@code manifest-sha256.txt} at the root. */
    ZIP_BUNDLE,
    /** The auditor package folder tree with {@code manifest-sha256.txt} in its folder. */
    AUDITOR_PACKAGE,
    /** A BagIt bag (RFC 8493), possibly inside one top-level folder. */
    BAGIT,
    /** No manifest was found, or the check stopped before one could be read. */
    UNKNOWN
  }

  /** Why a path is a problem. */
  public enum Reason {
    /** The name could escape the extraction folder or is not portable. */
    UNSAFE_PATH,
    /** Two entries have the same name, or names that differ only in case. */
    DUPLICATE_ENTRY,
    /** A manifest lists the file, but the archive does not have it. */
    MISSING,
    /** The archive has the file, but no manifest lists it (or it lies outside the package). */
    EXTRA,
    /** The file's digest differs from the manifest's. */
    MISMATCH,
    /** A manifest line, or a bag declaration, is not in the required form. */
    MALFORMED,
    /** The package has no manifest to check against. */
    NO_MANIFEST,
    /** Something that cannot be checked: an unknown digest algorithm, or remote files. */
    UNSUPPORTED,
    /** The bag's declared {@code Payload-Oxum} does not match its payload. */
    INVALID_BAG,
    /** The archive has more entries than the limits allow. */
    TOO_MANY_ENTRIES,
    /** The archive, or one manifest, holds more bytes than the limits allow. */
    TOO_LARGE,
    /** The archive is not a readable ZIP file. */
    CORRUPT
  }

  /**
   * One problem.
   *
   * @param path   the entry or listed path it concerns, as named in the archive, or
   *               {@code (archive)} for the archive as a whole
   * @param reason what kind of problem it is
   * @param detail a sentence for people
   */
  public record Problem(String path, Reason reason, String detail) {
    public Problem {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
      return reason + " " + path + ": " + detail;
    }
  }

  /**
   * The outcome of one check.
   *
   * @param layout   the kind of package found
   * @param root     the package's folder inside the archive ({@code ""} when at the root)
   * @param files    how many file entries were read
   * @param bytes    how many uncompressed bytes were read
   * @param problems every problem, in the order found; empty when the package is intact
   */
  public record Report(Layout layout, String root, int files, long bytes, List<Problem> problems) {
    public Report {
      Objects.requireNonNull(layout, "layout");
      Objects.requireNonNull(root, "root");
      problems = List.copyOf(problems);
    }

    /** Whether the package is intact: no problem at all. */
    public boolean ok() {
      return problems.isEmpty();
    }

    /** The problems with one reason. */
    public List<Problem> problems(Reason reason) {
      return problems.stream().filter(p -> p.reason() == reason).toList();
    }
  }

  /**
   * Limits against archive bombs.
   *
   * @param maxEntries    the most entries (files and directories) an archive may have
   * @param maxTotalBytes the most uncompressed bytes all entries together may hold
   */
  public record Limits(int maxEntries, long maxTotalBytes) {

    /** 100,000 entries and 8 GiB: far above any auditor package, far below a disk's worth. */
    public static final Limits DEFAULT = new Limits(100_000, 8L << 30);

    public Limits {
      if (maxEntries < 1 || maxTotalBytes < 0) {
        throw new IllegalArgumentException("Limits must allow at least one entry and no negative size");
      }
    }
  }

  /** How many malformed lines of one manifest are reported one by one. */
  private static final int MAX_MALFORMED_LINES = 10;

  /** Manifest files larger than this are refused rather than held in memory. */
  private static final int MAX_MANIFEST_BYTES = 64 << 20;

  private static final String MANIFEST = "manifest-sha256.txt";
  private static final String BAGIT = "bagit.txt";
  private static final String BAG_INFO = "bag-info.txt";
  private static final String DATA = "data/";
  private static final String AGENT = "Export Hub";
  private static final Pattern PAYLOAD_MANIFEST = Pattern.compile("manifest-([a-z0-9]+)\\.txt");
  private static final Pattern TAG_MANIFEST = Pattern.compile("tagmanifest-([a-z0-9]+)\\.txt");
  private static final Pattern STRICT_LINE = Pattern.compile("([0-9a-f]+)  (.+)");
  private static final Pattern LENIENT_LINE = Pattern.compile("([0-9A-Fa-f]+)[ \\t]+(.+)");
  private static final Pattern OXUM = Pattern.compile("(\\d{1,19})\\.(\\d{1,10})");
  private static final List<String> EXPORT_HUB_TAG_FILES =
      List.of(BAGIT, BAG_INFO, MANIFEST, "manifest-sha512.txt", "tagmanifest-sha256.txt");

  private PackageVerifier() {
  }

  /** Checks the archive at {@code archive} with the {@link Limits#DEFAULT default limits}. */
  public static Report verify(Path archive) throws IOException {
    return verify(archive, Limits.DEFAULT);
  }

  /**
   * Checks the archive at {@code archive}.
   *
   * @throws IOException when the file cannot be read (a damaged archive is a problem, not an exception)
   */
  public static Report verify(Path archive, Limits limits) throws IOException {
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(limits, "limits");
    Scan scan;
    try (InputStream in = Files.newInputStream(archive)) {
      scan = scan(in, limits);
    }
    if (scan.complete) {
      compareCentralDirectory(archive, scan);
    }
    return scan.report();
  }

  /** Checks the archive read from {@code archive} with the {@link Limits#DEFAULT default limits}. */
  public static Report verify(InputStream archive) throws IOException {
    return verify(archive, Limits.DEFAULT);
  }

  /**
   * Checks the archive read from {@code archive}, which is read up to the end of the last entry
   * and not closed.
   *
   * @throws IOException when {@code archive} itself fails (a damaged archive is a problem, not an exception)
   */
  public static Report verify(InputStream archive, Limits limits) throws IOException {
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(limits, "limits");
    return scan(archive, limits).report();
  }

  /** One file entry's digests. */
  private record Digests(long size, byte[] sha256, byte[] sha512) {
    byte[] of(Algorithm algorithm) {
      return algorithm == Algorithm.SHA256 ? sha256 : sha512;
    }
  }

  /** What one pass over the entries found. */
  private static final class Scan {
    final List<Problem> problems = new ArrayList<>();
    final List<String> order = new ArrayList<>();
    final Map<String, Digests> files = new LinkedHashMap<>();
    final Map<String, byte[]> kept = new HashMap<>();
    final Set<String> directories = new LinkedHashSet<>();
    final Set<String> duplicates = new HashSet<>();
    Layout layout = Layout.UNKNOWN;
    String root = "";
    long bytes;
    boolean complete;

    void problem(String path, Reason reason, String detail) {
      problems.add(new Problem(path, reason, detail));
    }

    Report report() {
      return new Report(layout, root.isEmpty() ? "" : root.substring(0, root.length() - 1), files.size(), bytes,
          problems);
    }
  }

  private static Scan scan(InputStream source, Limits limits) throws IOException {
    Scan scan = new Scan();
    Tracking tracked = new Tracking(source);
    ZipInputStream zip = new ZipInputStream(new BufferedInputStream(tracked, 1 << 16), StandardCharsets.UTF_8);
    Map<String, String> lowerCase = new HashMap<>();
    byte[] buffer = new byte[1 << 16];
    String current = "(archive)";
    try {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        String name = entry.getName();
        current = name;
        scan.order.add(name);
        if (scan.order.size() > limits.maxEntries()) {
          scan.problem(name, Reason.TOO_MANY_ENTRIES, "the archive has more than " + limits.maxEntries() + " entries");
          return scan;
        }
        String unsafe = EntryNames.unsafeReason(name);
        if (unsafe != null) {
          scan.problem(name, Reason.UNSAFE_PATH, unsafe);
        } else if (scan.files.containsKey(name) || scan.directories.contains(name) || scan.duplicates.contains(name)) {
          // Extracting tools disagree on which of two namesakes wins, so neither is trusted.
          scan.problem(name, Reason.DUPLICATE_ENTRY, "the archive has two entries of this name");
          scan.duplicates.add(name);
          scan.files.remove(name);
          scan.kept.remove(name);
          scan.directories.remove(name);
        } else {
          String other = lowerCase.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
          if (other != null) {
            scan.problem(name, Reason.DUPLICATE_ENTRY, "differs from '" + other + "' only in letter case");
          }
        }
        // Read every entry ourselves, counted, so that no byte is inflated uncounted.
        MessageDigest sha256 = Algorithm.SHA256.newDigest();
        MessageDigest sha512 = Algorithm.SHA512.newDigest();
        boolean keep = unsafe == null && isKept(name);
        ByteArrayOutputStream content = keep ? new ByteArrayOutputStream() : null;
        long size = 0;
        int n;
        while ((n = zip.read(buffer)) > 0) {
          size += n;
          scan.bytes += n;
          if (scan.bytes > limits.maxTotalBytes()) {
            scan.problem(name, Reason.TOO_LARGE, "the entries hold more than " + limits.maxTotalBytes()
                + " uncompressed bytes");
            return scan;
          }
          sha256.update(buffer, 0, n);
          sha512.update(buffer, 0, n);
          if (content != null) {
            if (size > MAX_MANIFEST_BYTES) {
              scan.problem(name, Reason.TOO_LARGE, "a manifest larger than " + MAX_MANIFEST_BYTES + " bytes");
              content = null;
            } else {
              content.write(buffer, 0, n);
            }
          }
        }
        if (unsafe != null || scan.duplicates.contains(name)) {
          continue;
        }
        if (entry.isDirectory()) {
          scan.directories.add(name);
          if (size > 0) {
            scan.problem(name, Reason.MALFORMED, "a directory entry with content");
          }
        } else {
          scan.files.put(name, new Digests(size, sha256.digest(), sha512.digest()));
          if (content != null) {
            scan.kept.put(name, content.toByteArray());
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      if (tracked.failure != null) {
        throw tracked.failure;
      }
      // ZipException, EOFException (truncated) or a name that is not UTF-8: the archive is damaged.
      scan.problem(current, Reason.CORRUPT, "unreadable ZIP data: " + e.getMessage());
      return scan;
    }
    if (scan.order.isEmpty()) {
      scan.problem("(archive)", Reason.CORRUPT, "not a ZIP archive, or an empty one");
      return scan;
    }
    scan.complete = true;
    checkManifests(scan);
    return scan;
  }

  /** Whether an entry may be a manifest or bag declaration, whose content is kept for parsing. */
  private static boolean isKept(String name) {
    int slash = name.indexOf('/');
    if (slash >= 0 && name.indexOf('/', slash + 1) >= 0) {
      return false;
    }
    String base = name.substring(slash + 1);
    return base.equals(BAGIT) || base.equals(BAG_INFO) || PAYLOAD_MANIFEST.matcher(base).matches()
        || TAG_MANIFEST.matcher(base).matches();
  }

  private static boolean isMarker(String base) {
    return base.equals(MANIFEST) || base.equals(BAGIT) || base.equals(BAG_INFO)
        || TAG_MANIFEST.matcher(base).matches();
  }

  private static void checkManifests(Scan scan) {
    // The package root is the folder (or the archive root) with the most manifests and bag
    // declarations; on a tie the archive root wins. An entry added beside the package cannot move it.
    Map<String, Integer> markers = new LinkedHashMap<>();
    for (String name : scan.files.keySet()) {
      int slash = name.indexOf('/');
      if (name.indexOf('/', slash + 1) < 0 && isMarker(name.substring(slash + 1))) {
        markers.merge(slash < 0 ? "" : name.substring(0, slash + 1), 1, Integer::sum);
      }
    }
    if (markers.isEmpty()) {
      scan.root = commonFolder(scan.files.keySet());
      scan.problem(scan.root + MANIFEST, Reason.NO_MANIFEST, "the archive has no " + MANIFEST + " and is no bag");
      return;
    }
    int most = markers.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    scan.root = markers.getOrDefault("", 0) == most ? ""
        : markers.entrySet().stream().filter(e -> e.getValue() == most).findFirst().orElseThrow().getKey();
    String root = scan.root;
    boolean bag = scan.files.containsKey(root + BAGIT) || scan.files.containsKey(root + BAG_INFO)
        || scan.files.keySet().stream().anyMatch(n -> n.startsWith(root) && n.indexOf('/', root.length()) < 0
            && TAG_MANIFEST.matcher(n.substring(root.length())).matches());
    for (String name : scan.files.keySet()) {
      if (!name.startsWith(root)) {
        scan.problem(name, Reason.EXTRA, "outside the package folder " + root);
      }
    }
    if (bag) {
      scan.layout = Layout.BAGIT;
      checkBag(scan);
    } else {
      scan.layout = root.isEmpty() ? Layout.ZIP_BUNDLE : Layout.AUDITOR_PACKAGE;
      checkPlain(scan);
    }
  }

  private static String commonFolder(Set<String> names) {
    String common = null;
    for (String name : names) {
      int slash = name.indexOf('/');
      String folder = slash < 0 ? "" : name.substring(0, slash + 1);
      if (common == null) {
        common = folder;
      } else if (!common.equals(folder)) {
        return "";
      }
    }
    return common == null ? "" : common;
  }

  /** A ZIP bundle or auditor package: one sha256sum manifest covering every other file. */
  private static void checkPlain(Scan scan) {
    String root = scan.root;
    String manifestName = root + MANIFEST;
    if (!scan.files.containsKey(manifestName)) {
      scan.problem(manifestName, Reason.NO_MANIFEST, "the package has no " + MANIFEST);
      return;
    }
    Set<String> listed = checkManifest(scan, manifestName, Algorithm.SHA256, true, Scope.ANY);
    for (String name : scan.files.keySet()) {
      if (name.startsWith(root) && !name.equals(manifestName) && !listed.contains(name)) {
        scan.problem(name, Reason.EXTRA, "not listed in " + MANIFEST);
      }
    }
    for (String directory : scan.directories) {
      scan.problem(directory, Reason.EXTRA, "a directory entry; Export Hub packages have none");
    }
  }

  /** Which paths a manifest may list. */
  private enum Scope { ANY, PAYLOAD, TAGS }

  /**
   * Checks every line of one manifest against the files and returns the archive names it lists.
   *
   * @param strict Export Hub's exact form: lower-case hex, two spaces, {@code \n} after every line
   */
  private static Set<String> checkManifest(Scan scan, String manifestName, Algorithm algorithm, boolean strict,
      Scope scope) {
    Set<String> listed = new LinkedHashSet<>();
    byte[] bytes = scan.kept.get(manifestName);
    if (bytes == null) {
      return listed; // too large: already reported
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      scan.problem(manifestName, Reason.MALFORMED, "not UTF-8 text");
      return listed;
    }
    List<String> lines = new ArrayList<>(Arrays.asList(text.split(strict ? "\n" : "\r\n|\r|\n", -1)));
    if (lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    } else if (strict) {
      scan.problem(manifestName, Reason.MALFORMED, "the last line has no line end");
    }
    if (lines.isEmpty() && scope != Scope.PAYLOAD) {
      scan.problem(manifestName, Reason.MALFORMED, "a manifest that lists no file");
    }
    int hexLength = algorithm == Algorithm.SHA256 ? 64 : 128;
    String root = scan.root;
    int malformed = 0;
    for (int i = 0; i < lines.size(); i++) {
      String where = "line " + (i + 1) + " of " + manifestName.substring(root.length());
      Matcher line = (strict ? STRICT_LINE : LENIENT_LINE).matcher(lines.get(i));
      if (!line.matches() || line.group(1).length() != hexLength) {
        if (++malformed <= MAX_MALFORMED_LINES) {
          scan.problem(manifestName, Reason.MALFORMED, where + " is not '<" + hexLength + " "
              + (strict ? "lower-case " : "") + "hex digits>" + (strict ? "  " : " ") + "<path>'");
        }
        continue;
      }
      String path = strict ? line.group(2) : percentDecoded(line.group(2));
      String unsafe = EntryNames.unsafeReason(path);
      if (unsafe != null || path.endsWith("/")) {
        scan.problem(manifestName, Reason.UNSAFE_PATH, where + " lists an unsafe path: "
            + (unsafe != null ? unsafe : "a directory"));
        continue;
      }
      if (scope == Scope.PAYLOAD && !path.startsWith(DATA)) {
        scan.problem(manifestName, Reason.MALFORMED, where + " lists '" + path + "', outside data/");
        continue;
      }
      if (scope == Scope.TAGS && path.startsWith(DATA)) {
        scan.problem(manifestName, Reason.MALFORMED, where + " lists the payload file '" + path + "'");
        continue;
      }
      String name = root + path;
      if (!listed.add(name)) {
        scan.problem(manifestName, Reason.MALFORMED, where + " lists '" + path + "' a second time");
        continue;
      }
      Digests digests = scan.files.get(name);
      if (digests == null && scan.duplicates.contains(name)) {
        continue; // reported as a duplicate
      }
      if (digests == null) {
        scan.problem(name, Reason.MISSING, "listed in " + manifestName.substring(root.length())
            + " but not in the archive");
      } else if (!MessageDigest.isEqual(HexFormat.of().parseHex(line.group(1)), digests.of(algorithm))) {
        scan.problem(name, Reason.MISMATCH, algorithm.label + " is " + HexFormat.of().formatHex(digests.of(algorithm))
            + ", " + manifestName.substring(root.length()) + " says " + line.group(1).toLowerCase(Locale.ROOT));
      }
    }
    if (malformed > MAX_MALFORMED_LINES) {
      scan.problem(manifestName, Reason.MALFORMED, (malformed - MAX_MALFORMED_LINES) + " more malformed lines");
    }
    return listed;
  }

  /** RFC 8493 2.1.3: CR, LF and % in manifest paths are percent-encoded. */
  private static String percentDecoded(String path) {
    if (path.indexOf('%') < 0) {
      return path;
    }
    return path.replaceAll("(?i)%0D", "\r").replaceAll("(?i)%0A", "\n").replace("%25", "%");
  }

  private static void checkBag(Scan scan) {
    String root = scan.root;
    Map<String, List<String>> info = bagInfo(scan);
    boolean strict = info.getOrDefault("bag-software-agent", List.of()).stream().anyMatch(a -> a.startsWith(AGENT));
    checkDeclaration(scan, strict);

    List<String> rootFiles = new ArrayList<>();
    List<String> payload = new ArrayList<>();
    for (String name : scan.files.keySet()) {
      if (name.startsWith(root + DATA)) {
        payload.add(name);
      } else if (name.startsWith(root) && name.indexOf('/', root.length()) < 0) {
        rootFiles.add(name.substring(root.length()));
      } else if (name.startsWith(root) && strict) {
        scan.problem(name, Reason.EXTRA, "outside data/ in a tag folder; Export Hub bags have none");
      }
    }
    if (strict) {
      for (String required : EXPORT_HUB_TAG_FILES) {
        if (!rootFiles.contains(required)) {
          scan.problem(root + required, Reason.MISSING, "every Export Hub bag has " + required);
        }
      }
      for (String file : rootFiles) {
        if (!EXPORT_HUB_TAG_FILES.contains(file)) {
          scan.problem(root + file, Reason.EXTRA, "not a tag file of an Export Hub bag");
        }
      }
      for (String directory : scan.directories) {
        scan.problem(directory, Reason.EXTRA, "a directory entry; Export Hub packages have none");
      }
    }
    if (rootFiles.contains("fetch.txt")) {
      scan.problem(root + "fetch.txt", Reason.UNSUPPORTED, "the bag fetches files from elsewhere; they cannot be"
          + " checked offline");
    }

    boolean anyPayloadManifest = false;
    boolean anyTagManifest = false;
    Set<String> tagListed = new HashSet<>();
    for (String file : rootFiles) {
      Matcher payloadManifest = PAYLOAD_MANIFEST.matcher(file);
      Matcher tagManifest = TAG_MANIFEST.matcher(file);
      if (payloadManifest.matches()) {
        anyPayloadManifest = true;
        Algorithm algorithm = algorithm(scan, root + file, payloadManifest.group(1));
        if (algorithm != null) {
          Set<String> listed = checkManifest(scan, root + file, algorithm, strict, Scope.PAYLOAD);
          for (String name : payload) {
            if (!listed.contains(name)) {
              scan.problem(name, Reason.EXTRA, "a payload file not listed in " + file);
            }
          }
        }
      } else if (tagManifest.matches()) {
        Algorithm algorithm = algorithm(scan, root + file, tagManifest.group(1));
        if (algorithm != null) {
          Set<String> listed = checkManifest(scan, root + file, algorithm, strict, Scope.TAGS);
          anyTagManifest = true;
          tagListed.addAll(listed);
          for (String other : strict ? rootFiles : List.<String>of()) {
            if (!TAG_MANIFEST.matcher(other).matches() && !listed.contains(root + other)) {
              scan.problem(root + other, Reason.EXTRA, "a tag file not listed in " + file);
            }
          }
        }
      }
    }
    if (!anyPayloadManifest) {
      scan.problem(root + MANIFEST, Reason.NO_MANIFEST, "a bag needs at least one payload manifest");
    }
    if (!strict && anyTagManifest) {
      // Stricter than RFC 8493, which lets tag files go unlisted: such a file could change unnoticed.
      for (String name : scan.files.keySet()) {
        if (name.startsWith(root) && !name.startsWith(root + DATA) && !tagListed.contains(name)
            && !TAG_MANIFEST.matcher(name.substring(root.length())).matches()) {
          scan.problem(name, Reason.EXTRA, "a tag file that no tag manifest lists");
        }
      }
    }
    checkOxum(scan, info, payload);
  }

  private static Algorithm algorithm(Scan scan, String manifestName, String label) {
    for (Algorithm algorithm : Algorithm.values()) {
      if (algorithm.label.equals(label)) {
        return algorithm;
      }
    }
    scan.problem(manifestName, Reason.UNSUPPORTED, "digest algorithm '" + label + "' cannot be checked;"
        + " supported are sha256 and sha512");
    return null;
  }

  private static void checkDeclaration(Scan scan, boolean strict) {
    String name = scan.root + BAGIT;
    byte[] bytes = scan.kept.get(name);
    if (bytes == null) {
      if (!scan.files.containsKey(name)) {
        scan.problem(name, Reason.MISSING, "every bag has " + BAGIT);
      }
      return;
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (strict) {
      if (!text.equals(AuditorPackageWriter.BAGIT_DECLARATION)) {
        scan.problem(name, Reason.MALFORMED, "not the declaration Export Hub writes");
      }
      return;
    }
    if (text.startsWith("\uFEFF")) {
      scan.problem(name, Reason.MALFORMED, "starts with a byte order mark");
    }
    List<String> lines = List.of(text.strip().split("\r\n|\r|\n"));
    if (lines.size() != 2 || !lines.get(0).matches("BagIt-Version: \\d+\\.\\d+")
        || !lines.get(1).startsWith("Tag-File-Character-Encoding: ")) {
      scan.problem(name, Reason.MALFORMED, "not 'BagIt-Version: M.N' and 'Tag-File-Character-Encoding: ENC'");
    }
  }

  /** The bag-info labels (lower-cased) with their values; continuation lines joined. */
  private static Map<String, List<String>> bagInfo(Scan scan) {
    byte[] bytes = scan.kept.get(scan.root + BAG_INFO);
    if (bytes == null) {
      return Map.of();
    }
    Map<String, List<String>> info = new LinkedHashMap<>();
    String label = null;
    StringBuilder value = new StringBuilder();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r\n|\r|\n")) {
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && label != null) {
        value.append(' ').append(line.strip());
        continue;
      }
      if (label != null) {
        info.computeIfAbsent(label, k -> new ArrayList<>()).add(value.toString());
      }
      int colon = line.indexOf(':');
      label = colon < 0 ? null : line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      value.setLength(0);
      if (colon >= 0) {
        value.append(line.substring(colon + 1).strip());
      }
    }
    if (label != null) {
      info.computeIfAbsent(label, k -> new ArrayList<>()).add(value.toString());
    }
    return info;
  }

  private static void checkOxum(Scan scan, Map<String, List<String>> info, List<String> payload) {
    List<String> declared = info.getOrDefault("payload-oxum", List.of());
    if (declared.isEmpty()) {
      return;
    }
    long octets = payload.stream().mapToLong(name -> scan.files.get(name).size()).sum();
    String actual = octets + "." + payload.size();
    Matcher oxum = OXUM.matcher(declared.get(0));
    if (declared.size() > 1 || !oxum.matches()) {
      scan.problem(scan.root + BAG_INFO, Reason.MALFORMED, "Payload-Oxum must appear once as OCTETS.FILES");
    } else if (!declared.get(0).equals(actual)) {
      scan.problem(scan.root + BAG_INFO, Reason.INVALID_BAG, "Payload-Oxum is " + declared.get(0)
          + " but the payload is " + actual);
    }
  }

  /** The central directory must name exactly the entries whose local headers were checked. */
  private static void compareCentralDirectory(Path archive, Scan scan) throws IOException {
    List<String> central = new ArrayList<>();
    try (ZipFile zip = new ZipFile(archive.toFile(), StandardCharsets.UTF_8)) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements() && central.size() <= scan.order.size()) {
        central.add(entries.nextElement().getName());
      }
    } catch (ZipException | IllegalArgumentException e) {
      scan.problem("(archive)", Reason.CORRUPT, "unreadable central directory: " + e.getMessage());
      return;
    }
    if (!central.equals(scan.order)) {
      int i = 0;
      while (i < central.size() && i < scan.order.size() && central.get(i).equals(scan.order.get(i))) {
        i++;
      }
      String path = i < central.size() ? central.get(i) : scan.order.get(i);
      scan.problem(path, Reason.CORRUPT, "the central directory and the local entry headers disagree at entry "
          + (i + 1));
    }
  }

  /** Remembers a failure of the caller's stream, so that it is rethrown rather than reported. */
  private static final class Tracking extends FilterInputStream {
    IOException failure;

    Tracking(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return in.skip(n);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public void close() {
      // The caller's stream stays open.
    }
  }
}
