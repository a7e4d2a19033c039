package dev.exporthub.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Verifies export packages (ZIP bundles, auditor packages). */
final class Packages {

  private static final byte[] ZIP_ENTRY = {'P', 'K', 3, 4};
  private static final byte[] EMPTY_ZIP = {'P', 'K', 5, 6};

  private Packages() {
  }

  static int verify(Path file, RunContext context) {
    requirePackage(file);
    throw CliException.failed("package verification is not in this build yet");
  }

  /** @throws CliException (usage) when the file is missing or is not a ZIP archive */
  static void requirePackage(Path file) {
    if (!Files.isRegularFile(file)) {
      throw CliException.usage("no such file: " + file);
    }
    byte[] magic;
    try (InputStream in = Files.newInputStream(file)) {
      magic = in.readNBytes(4);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + file + " failed: " + e.getMessage(), e);
    }
    if (!Arrays.equals(magic, ZIP_ENTRY) && !Arrays.equals(magic, EMPTY_ZIP)) {
      throw CliException.usage(file + " is not an export package: it has no manifest to verify against "
          + "(only zip and auditor-package exports carry one)");
    }
  }
}
