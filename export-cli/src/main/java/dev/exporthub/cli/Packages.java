package dev.exporthub.cli;

import dev.exporthub.formats.PackageVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Checks export packages (ZIP bundles, auditor packages, BagIt bags) with {@link PackageVerifier}. */
final class Packages {

  private static final byte[] ZIP_ENTRY = {'P', 'K', 3, 4};
  private static final byte[] EMPTY_ZIP = {'P', 'K', 5, 6};

  private Packages() {
  }

  /**
   * Verifies a package against its manifest.
   *
   * @throws CliException (usage) when the file is missing or is not a ZIP archive at all: a JSON,
   *                      CSV, HTML or Markdown export has no manifest to check. A ZIP archive without
   *                      a manifest is a package that does not check out, not a usage error.
   */
  static PackageVerifier.Report verify(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw CliException.usage("no such file: " + file);
    }
    byte[] magic;
    try (InputStream in = Files.newInputStream(file)) {
      magic = in.readNBytes(4);
    }
    if (!Arrays.equals(magic, ZIP_ENTRY) && !Arrays.equals(magic, EMPTY_ZIP)) {
      throw CliException.usage(file + " is not an export package: it has no manifest to verify against "
          + "(only zip and auditor-package exports carry one)");
    }
    return PackageVerifier.verify(file);
  }

  /** The kind of package, for people: {@code ZIP bundle}, {@code auditor package}, ... */
  static String describe(PackageVerifier.Layout layout) {
    return switch (layout) {
      case ZIP_BUNDLE -> "ZIP bundle";
      case AUDITOR_PACKAGE -> "auditor package";
      case BAGIT -> "BagIt bag";
      case UNKNOWN -> "ZIP archive";
    };
  }
}
