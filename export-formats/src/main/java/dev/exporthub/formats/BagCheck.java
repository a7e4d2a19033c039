package dev.exporthub.formats;

import dev.exporthub.formats.ManifestCheck.Scope;
import dev.exporthub.formats.PackageVerifier.Reason;
import dev.exporthub.formats.ZipArchive.Algorithm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of a BagIt bag (RFC 8493): its declaration, payload and tag manifests, {@code Payload-Oxum}
 * and {@code fetch.txt}. A bag whose {@code Bag-Software-Agent} is Export Hub is also held to the
 * exact set of tag files Export Hub writes and to the strict manifest form.
 */
final class BagCheck {

  static final String BAGIT = "bagit.txt";
  static final String BAG_INFO = "bag-info.txt";
  static final String DATA = "data/";
  static final Pattern PAYLOAD_MANIFEST = Pattern.compile("manifest-([a-z0-9]+)\\.txt");
  static final Pattern TAG_MANIFEST = Pattern.compile("tagmanifest-([a-z0-9]+)\\.txt");

  private static final Pattern OXUM = Pattern.compile("(\\d{1,19})\\.(\\d{1,10})");
  private static final List<String> EXPORT_HUB_TAG_FILES =
      List.of(BAGIT, BAG_INFO, ManifestCheck.MANIFEST, "manifest-sha512.txt", "tagmanifest-sha256.txt");
  /** The tag files of a signed Export Hub bag, which the tag manifest covers like the others. */
  private static final List<String> EXPORT_HUB_SIGNATURE_FILES =
      List.of(ArchiveSigning.PUBLIC_KEY, ArchiveSigning.BAG_SIGNATURE);

  private BagCheck() {
  }

  static void check(ArchiveScan scan) {
    String root = scan.root;
    Map<String, List<String>> info = bagInfo(scan);
    boolean strict = info.getOrDefault("bag-software-agent", List.of()).stream()
        .anyMatch(a -> a.startsWith(AuditorPackageWriter.SOFTWARE_AGENT));
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
        if (!EXPORT_HUB_TAG_FILES.contains(file) && !EXPORT_HUB_SIGNATURE_FILES.contains(file)) {
          scan.problem(root + file, Reason.EXTRA, "not a tag file of an Export Hub bag");
        }
      }
      scan.refuseDirectories();
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
          Set<String> listed = ManifestCheck.check(scan, root + file, algorithm, strict, Scope.PAYLOAD);
          for (String name : payload) {
            if (!listed.contains(name)) {
              scan.problem(name, Reason.EXTRA, "a payload file not listed in " + file);
            }
          }
        }
      } else if (tagManifest.matches()) {
        Algorithm algorithm = algorithm(scan, root + file, tagManifest.group(1));
        if (algorithm != null) {
          Set<String> listed = ManifestCheck.check(scan, root + file, algorithm, strict, Scope.TAGS);
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
      scan.problem(root + ManifestCheck.MANIFEST, Reason.NO_MANIFEST, "a bag needs at least one payload manifest");
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

  private static Algorithm algorithm(ArchiveScan scan, String manifestName, String label) {
    for (Algorithm algorithm : Algorithm.values()) {
      if (algorithm.label.equals(label)) {
        return algorithm;
      }
    }
    scan.problem(manifestName, Reason.UNSUPPORTED, "digest algorithm '" + label + "' cannot be checked;"
        + " supported are sha256 and sha512");
    return null;
  }

  private static void checkDeclaration(ArchiveScan scan, boolean strict) {
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
  private static Map<String, List<String>> bagInfo(ArchiveScan scan) {
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

  private static void checkOxum(ArchiveScan scan, Map<String, List<String>> info, List<String> payload) {
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
}
