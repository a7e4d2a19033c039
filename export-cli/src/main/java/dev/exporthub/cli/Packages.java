package dev.exporthub.cli;

import dev.exporthub.api.ArtifactSignature;
import dev.exporthub.formats.PackageVerifier;
import dev.exporthub.formats.PackageVerifier.Problem;
import dev.exporthub.formats.PackageVerifier.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks exports with {@link PackageVerifier}: packages (ZIP bundles, auditor packages, BagIt bags)
 * against their manifests and signatures, and single-file exports against their detached signature.
 */
final class Packages {

  private static final byte[] ZIP_ENTRY = {'P', 'K', 3, 4};
  private static final byte[] EMPTY_ZIP = {'P', 'K', 5, 6};

  /** The reasons that concern who signed, for the one-line summary. */
  private static final Set<Reason> SIGNATURE_REASONS = EnumSet.of(Reason.UNSIGNED, Reason.WRONG_KEY,
      Reason.BAD_SIGNATURE);

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
    return verify(file, null);
  }

  /**
   * Verifies an export: a package against its manifest and, with a trusted key, its signature; a
   * single-file export, which only a trusted key can check, against {@code FILE.sig}.
   *
   * @param trustedKey the key the export must be signed with, or {@code null}
   * @throws CliException (usage) when the file is missing, or is not a package and no key is given
   */
  static PackageVerifier.Report verify(Path file, PublicKey trustedKey) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw CliException.usage("no such file: " + file);
    }
    if (isZip(file)) {
      return trustedKey == null ? PackageVerifier.verify(file) : PackageVerifier.verify(file, trustedKey);
    }
    if (trustedKey == null) {
      throw CliException.usage(file + " is not an export package: it has no manifest to verify against "
          + "(only zip and auditor-package exports carry one; give --public-key to check its signature)");
    }
    return PackageVerifier.verifyDetached(file, file.resolveSibling(file.getFileName() + ArtifactSignature.FILE_SUFFIX),
        trustedKey);
  }

  /** The first problem about the signature, for a one-line reason. */
  static Optional<Problem> signatureProblem(PackageVerifier.Report report) {
    return report.problems().stream().filter(p -> SIGNATURE_REASONS.contains(p.reason())
        || p.reason() == Reason.MALFORMED && p.path().endsWith(ArtifactSignature.FILE_SUFFIX)).findFirst();
  }

  private static boolean isZip(Path file) throws IOException {
    byte[] magic;
    try (InputStream in = Files.newInputStream(file)) {
      magic = in.readNBytes(4);
    }
    return Arrays.equals(magic, ZIP_ENTRY) || Arrays.equals(magic, EMPTY_ZIP);
  }

  /** The kind of package, for people: {@code ZIP bundle}, {@code auditor package}, ... */
  static String describe(PackageVerifier.Layout layout) {
    return switch (layout) {
      case ZIP_BUNDLE -> "ZIP bundle";
      case AUDITOR_PACKAGE -> "auditor package";
      case BAGIT -> "BagIt bag";
      case UNKNOWN -> "ZIP archive";
      case SIGNED_FILE -> "signed file";
    };
  }
}
