package dev.exporthub.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
    UNKNOWN,
    /** A single-file artifact (JSON, CSV, HTML, Markdown) checked against its detached signature. */
    SIGNED_FILE
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
    CORRUPT,
    /** A trusted key was given, but the package or file has no signature ({@code docs/SPECIFICATION.md} §5.12). */
    UNSIGNED,
    /** The package is signed with another key than the trusted one. */
    WRONG_KEY,
    /** The signature does not verify: what it signs, or the signature, was changed, or another key made it. */
    BAD_SIGNATURE
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
   * @param signedBy the id of the key whose signature verified (the trusted key's, when one was
   *                 given; otherwise the package's own {@code signing-key.pub}, which shows the
   *                 manifest is unchanged since signing but not who signed it), or {@code null} when
   *                 unsigned or when there is any problem
   */
  public record Report(Layout layout, String root, int files, long bytes, List<Problem> problems, String signedBy) {
    public Report {
      Objects.requireNonNull(layout, "layout");
      Objects.requireNonNull(root, "root");
      problems = List.copyOf(problems);
    }

    /** A report without a signature. */
    public Report(Layout layout, String root, int files, long bytes, List<Problem> problems) {
      this(layout, root, files, bytes, problems, null);
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

  private PackageVerifier() {
  }

  /** Checks the archive at {@code archive} with the {@link Limits#DEFAULT default limits}. */
  public static Report verify(Path archive) throws IOException {
    return verify(archive, Limits.DEFAULT);
  }

  /**
   * Checks the archive at {@code archive}, and that it is signed by {@code trustedKey}: a package
   * without a signature is {@link Reason#UNSIGNED}, one signed by another key
   * {@link Reason#WRONG_KEY}, and a signature that does not verify {@link Reason#BAD_SIGNATURE}.
   */
  public static Report verify(Path archive, PublicKey trustedKey) throws IOException {
    return verify(archive, Limits.DEFAULT, Objects.requireNonNull(trustedKey, "trustedKey"));
  }

  /**
   * Checks the archive at {@code archive}.
   *
   * @throws IOException when the file cannot be read (a damaged archive is a problem, not an exception)
   */
  public static Report verify(Path archive, Limits limits) throws IOException {
    return verify(archive, limits, null);
  }

  /**
   * Checks the archive at {@code archive}, and its signature: with a trusted key, that the package
   * is signed by exactly that key; without one ({@code null}), that a signature present verifies with
   * the package's own {@code signing-key.pub}.
   *
   * @throws IOException when the file cannot be read (a damaged archive is a problem, not an exception)
   */
  public static Report verify(Path archive, Limits limits, PublicKey trustedKey) throws IOException {
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(limits, "limits");
    ArchiveScan scan;
    try (InputStream in = Files.newInputStream(archive)) {
      scan = check(in, limits, trustedKey);
    }
    if (scan.complete()) {
      scan.compareCentralDirectory(archive);
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
    return verify(archive, limits, null);
  }

  /**
   * Checks the archive read from {@code archive}, and its signature as
   * {@link #verify(Path, Limits, PublicKey)} does; the stream is read up to the end of the last
   * entry and not closed.
   */
  public static Report verify(InputStream archive, Limits limits, PublicKey trustedKey) throws IOException {
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(limits, "limits");
    return check(archive, limits, trustedKey).report();
  }

  /**
   * Checks a single-file artifact against its detached signature ({@code {artifact}.sig}, one line
   * of base64): {@link Reason#UNSIGNED} when the signature file is missing, {@link Reason#MALFORMED}
   * when it is not one, {@link Reason#BAD_SIGNATURE} when it does not verify with
   * {@code trustedKey}. The artifact is read into memory whole, as pure Ed25519 needs.
   *
   * @throws IOException when the artifact cannot be read
   */
  public static Report verifyDetached(Path artifact, Path signature, PublicKey trustedKey) throws IOException {
    return DetachedCheck.verify(artifact, signature, trustedKey);
  }

  private static ArchiveScan check(InputStream archive, Limits limits, PublicKey trustedKey) throws IOException {
    ArchiveScan scan = ArchiveScan.read(archive, limits, PackageVerifier::isKept);
    if (scan.complete()) {
      checkPackage(scan);
      if (scan.layout != Layout.UNKNOWN) {
        SignatureCheck.check(scan, trustedKey);
      }
    }
    return scan;
  }

  /** Whether an entry may be a manifest or bag declaration, whose content the checks parse. */
  private static boolean isKept(String name) {
    int slash = name.indexOf('/');
    if (slash >= 0 && name.indexOf('/', slash + 1) >= 0) {
      return false;
    }
    String base = name.substring(slash + 1);
    return base.equals(BagCheck.BAGIT) || base.equals(BagCheck.BAG_INFO) || base.equals(ArchiveSigning.SIGNATURE)
        || base.equals(ArchiveSigning.BAG_SIGNATURE)
        || base.equals(ArchiveSigning.PUBLIC_KEY)
        || BagCheck.PAYLOAD_MANIFEST.matcher(base).matches() || BagCheck.TAG_MANIFEST.matcher(base).matches();
  }

  private static boolean isMarker(String base) {
    return base.equals(ManifestCheck.MANIFEST) || base.equals(BagCheck.BAGIT) || base.equals(BagCheck.BAG_INFO)
        || BagCheck.TAG_MANIFEST.matcher(base).matches();
  }

  /** Finds the package's root and layout, then checks it by that layout's rules. */
  private static void checkPackage(ArchiveScan scan) {
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
      scan.problem(scan.root + ManifestCheck.MANIFEST, Reason.NO_MANIFEST, "the archive has no "
          + ManifestCheck.MANIFEST + " and is no bag");
      return;
    }
    int most = markers.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    scan.root = markers.getOrDefault("", 0) == most ? ""
        : markers.entrySet().stream().filter(e -> e.getValue() == most).findFirst().orElseThrow().getKey();
    String root = scan.root;
    boolean bag = scan.files.containsKey(root + BagCheck.BAGIT) || scan.files.containsKey(root + BagCheck.BAG_INFO)
        || scan.files.keySet().stream().anyMatch(n -> n.startsWith(root) && n.indexOf('/', root.length()) < 0
            && BagCheck.TAG_MANIFEST.matcher(n.substring(root.length())).matches());
    for (String name : scan.files.keySet()) {
      if (!name.startsWith(root)) {
        scan.problem(name, Reason.EXTRA, "outside the package folder " + root);
      }
    }
    if (bag) {
      scan.layout = Layout.BAGIT;
      BagCheck.check(scan);
    } else {
      scan.layout = root.isEmpty() ? Layout.ZIP_BUNDLE : Layout.AUDITOR_PACKAGE;
      ManifestCheck.checkPlain(scan);
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
}
