package dev.exporthub.formats;

import dev.exporthub.formats.ArchiveScan.Digests;
import dev.exporthub.formats.PackageVerifier.Reason;
import dev.exporthub.formats.ZipArchive.Algorithm;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks manifests of {@code <hex>  <path>} lines, as {@code sha256sum -c} and RFC 8493 read them,
 * against the scanned files; and the ZIP bundle and auditor package, which are nothing but files
 * and one such manifest covering every other file.
 */
final class ManifestCheck {

  static final String MANIFEST = "manifest-sha256.txt";

  /** How many malformed lines of one manifest are reported one by one. */
  private static final int MAX_MALFORMED_LINES = 10;

  private static final Pattern STRICT_LINE = Pattern.compile("([0-9a-f]+)  (.+)");
  private static final Pattern LENIENT_LINE = Pattern.compile("([0-9A-Fa-f]+)[ \\t]+(.+)");

  /** Which paths a manifest may list. */
  enum Scope { ANY, PAYLOAD, TAGS }

  private ManifestCheck() {
  }

  /** A ZIP bundle or auditor package, whose exact form allows no file the manifest leaves out. */
  static void checkPlain(ArchiveScan scan) {
    String root = scan.root;
    String manifestName = root + MANIFEST;
    if (!scan.files.containsKey(manifestName)) {
      scan.problem(manifestName, Reason.NO_MANIFEST, "the package has no " + MANIFEST);
      return;
    }
    Set<String> listed = check(scan, manifestName, Algorithm.SHA256, true, Scope.ANY);
    String signature = root + ArchiveSigning.SIGNATURE;
    for (String name : scan.files.keySet()) {
      if (name.startsWith(root) && !name.equals(manifestName) && !name.equals(signature) && !listed.contains(name)) {
        scan.problem(name, Reason.EXTRA, "not listed in " + MANIFEST);
      }
    }
    scan.refuseDirectories();
  }

  /**
   * Checks every line of one manifest against the files and returns the archive names it lists.
   *
   * @param strict Export Hub's exact form, so that no single changed byte goes unnoticed:
   *               lower-case hex, two spaces, {@code \n} after every line
   */
  static Set<String> check(ArchiveScan scan, String manifestName, Algorithm algorithm, boolean strict,
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
      if (scope == Scope.PAYLOAD && !path.startsWith(BagCheck.DATA)) {
        scan.problem(manifestName, Reason.MALFORMED, where + " lists '" + path + "', outside data/");
        continue;
      }
      if (scope == Scope.TAGS && path.startsWith(BagCheck.DATA)) {
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
}
