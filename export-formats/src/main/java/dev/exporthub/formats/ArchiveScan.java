package dev.exporthub.formats;

import dev.exporthub.formats.PackageVerifier.Layout;
import dev.exporthub.formats.PackageVerifier.Limits;
import dev.exporthub.formats.PackageVerifier.Problem;
import dev.exporthub.formats.PackageVerifier.Reason;
import dev.exporthub.formats.PackageVerifier.Report;
import dev.exporthub.formats.ZipArchive.Algorithm;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * One pass over an archive's local entries, and what it found: the digests of every trusted file,
 * the content of the few entries the package checks parse, and the problems so far. The package
 * checks then add their own problems to it.
 *
 * <p>Entries whose names are unsafe, and both of two namesakes, are left out of {@link #files},
 * so no check can trust them. The pass stops at the first limit exceeded, before inflating more.
 */
final class ArchiveScan {

  /** Manifest files larger than this are refused rather than held in memory. */
  private static final int MAX_MANIFEST_BYTES = 64 << 20;

  record Digests(long size, byte[] sha256, byte[] sha512) {
    byte[] of(Algorithm algorithm) {
      return algorithm == Algorithm.SHA256 ? sha256 : sha512;
    }
  }

  final List<Problem> problems = new ArrayList<>();
  final Map<String, Digests> files = new LinkedHashMap<>();
  final Map<String, byte[]> kept = new HashMap<>();
  final Set<String> directories = new LinkedHashSet<>();
  final Set<String> duplicates = new HashSet<>();
  Layout layout = Layout.UNKNOWN;
  /** The package's folder with its trailing slash, or {@code ""} at the archive root. */
  String root = "";
  /** The id of the key whose signature of the manifest verified, or {@code null}. */
  String signedBy;
  /** Every entry name in local-header order, unsafe ones and duplicates included. */
  private final List<String> order = new ArrayList<>();
  private long bytes;
  private boolean complete;

  private ArchiveScan() {
  }

  /**
   * Reads every entry of {@code source}, which is not closed.
   *
   * @param keep which (safe) entry names the package checks need the content of
   * @throws IOException only when {@code source} itself fails; damaged ZIP data is a problem
   */
  static ArchiveScan read(InputStream source, Limits limits, Predicate<String> keep) throws IOException {
    ArchiveScan scan = new ArchiveScan();
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
        ByteArrayOutputStream content = unsafe == null && keep.test(name) ? new ByteArrayOutputStream() : null;
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
    return scan;
  }

  /** Whether every entry was read: no limit exceeded, no damage, at least one entry. */
  boolean complete() {
    return complete;
  }

  void problem(String path, Reason reason, String detail) {
    problems.add(new Problem(path, reason, detail));
  }

  /** In the exact form Export Hub writes, which has no directory entries, every one is extra. */
  void refuseDirectories() {
    for (String directory : directories) {
      problem(directory, Reason.EXTRA, "a directory entry; Export Hub packages have none");
    }
  }

  Report report() {
    return new Report(layout, root.isEmpty() ? "" : root.substring(0, root.length() - 1), files.size(), bytes,
        problems, problems.isEmpty() ? signedBy : null);
  }

  /**
   * Extracting tools read the central directory, not the local headers this scan checked, so it
   * must name exactly the same entries in the same order.
   */
  void compareCentralDirectory(Path archive) throws IOException {
    List<String> central = new ArrayList<>();
    try (ZipFile zip = new ZipFile(archive.toFile(), StandardCharsets.UTF_8)) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements() && central.size() <= order.size()) {
        central.add(entries.nextElement().getName());
      }
    } catch (ZipException | IllegalArgumentException e) {
      problem("(archive)", Reason.CORRUPT, "unreadable central directory: " + e.getMessage());
      return;
    }
    if (!central.equals(order)) {
      int i = 0;
      while (i < central.size() && i < order.size() && central.get(i).equals(order.get(i))) {
        i++;
      }
      String path = i < central.size() ? central.get(i) : order.get(i);
      problem(path, Reason.CORRUPT, "the central directory and the local entry headers disagree at entry " + (i + 1));
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
