package dev.exporthub.formats;

import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.codec.Ed25519;
import dev.exporthub.formats.PackageVerifier.Layout;
import dev.exporthub.formats.PackageVerifier.Problem;
import dev.exporthub.formats.PackageVerifier.Reason;
import dev.exporthub.formats.PackageVerifier.Report;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A single-file artifact against its detached signature ({@code docs/SPECIFICATION.md} §5.12). */
final class DetachedCheck {

  /** A signature file is 89 bytes; reading a little more shows one that is longer. */
  private static final int MAX_SIGNATURE_FILE = 1024;

  private DetachedCheck() {
  }

  static Report verify(Path artifact, Path signature, PublicKey trustedKey) throws IOException {
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(trustedKey, "trustedKey");
    String keyId = ArtifactSigner.keyIdOf(trustedKey);
    String signatureName = signature.getFileName().toString();
    List<Problem> problems = new ArrayList<>();
    long size = Files.size(artifact);
    if (!Files.isRegularFile(signature)) {
      problems.add(new Problem(signatureName, Reason.UNSIGNED, "the file is not signed: there is no detached"
          + " signature " + signatureName + " beside it"));
      return new Report(Layout.SIGNED_FILE, "", 1, size, problems);
    }
    byte[] file;
    try (InputStream in = Files.newInputStream(signature)) {
      file = in.readNBytes(MAX_SIGNATURE_FILE);
    }
    byte[] bytes;
    try {
      bytes = Ed25519.readSignatureFile(file);
    } catch (IllegalArgumentException e) {
      problems.add(new Problem(signatureName, Reason.MALFORMED, e.getMessage()));
      return new Report(Layout.SIGNED_FILE, "", 1, size, problems);
    }
    if (!Ed25519.verify(trustedKey, Files.readAllBytes(artifact), bytes)) {
      problems.add(new Problem(signatureName, Reason.BAD_SIGNATURE, "does not verify with the trusted key " + keyId
          + ": " + artifact.getFileName() + " or its signature was changed after signing, or another key signed it"));
      return new Report(Layout.SIGNED_FILE, "", 1, size, problems);
    }
    return new Report(Layout.SIGNED_FILE, "", 1, size, problems, keyId);
  }
}
