package dev.exporthub.formats;

import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.codec.Ed25519;
import dev.exporthub.codec.Pem;
import dev.exporthub.formats.PackageVerifier.Problem;
import dev.exporthub.formats.PackageVerifier.Reason;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * The signature of a scanned package ({@code docs/SPECIFICATION.md} §5.12):
 * {@code manifest-sha256.txt.sig} over {@code manifest-sha256.txt}, with the public key
 * {@code signing-key.pub} beside them ({@code signature-manifest-sha256.txt.sig} in a bag). Without a trusted key, a signature present must verify with
 * the package's own key (which shows the manifest was not changed after signing, not who signed
 * it); with one, the package must be signed, by exactly that key.
 */
final class SignatureCheck {

  private SignatureCheck() {
  }

  /** @param trusted the key the package must be signed with, or {@code null} */
  static void check(ArchiveScan scan, PublicKey trusted) {
    String root = scan.root;
    String manifestName = root + ManifestCheck.MANIFEST;
    String signatureName = root + ArchiveSigning.signatureFile(scan.layout == PackageVerifier.Layout.BAGIT);
    String keyName = root + ArchiveSigning.PUBLIC_KEY;
    boolean hasSignature = present(scan, signatureName);
    boolean hasKey = present(scan, keyName);
    if (!hasSignature) {
      if (trusted != null || hasKey) {
        scan.problem(signatureName, Reason.UNSIGNED, hasKey ? "the package holds " + ArchiveSigning.PUBLIC_KEY
            + " but no signature" : "the package is not signed: it has no " + signatureName.substring(root.length())
            + ", so nothing shows who made it");
      }
      return;
    }
    byte[] signatureFile = scan.kept.get(signatureName);
    byte[] manifest = scan.kept.get(manifestName);
    if (signatureFile == null || manifest == null) {
      return; // a duplicate, too large, or no manifest: reported already
    }
    byte[] signature;
    try {
      signature = Ed25519.readSignatureFile(signatureFile);
    } catch (IllegalArgumentException e) {
      scan.problem(signatureName, Reason.MALFORMED, e.getMessage());
      return;
    }
    PublicKey embedded = null;
    byte[] keyFile = scan.kept.get(keyName);
    if (keyFile != null) {
      try {
        embedded = Ed25519.publicKey(Pem.decode(keyFile, Ed25519.PUBLIC_KEY_LABEL));
      } catch (IllegalArgumentException e) {
        scan.problem(keyName, Reason.MALFORMED, "not an Ed25519 public key in PEM: " + e.getMessage());
      }
    } else if (!hasKey && !reported(scan, keyName)) {
      scan.problem(keyName, Reason.MISSING, "a signed package holds the public key of its signature");
    }
    if (trusted != null) {
      String trustedId = ArtifactSigner.keyIdOf(trusted);
      if (embedded != null && !Arrays.equals(embedded.getEncoded(), trusted.getEncoded())) {
        scan.problem(keyName, Reason.WRONG_KEY, "signed with key " + ArtifactSigner.keyIdOf(embedded)
            + ", not with the trusted key " + trustedId);
      } else if (!Ed25519.verify(trusted, manifest, signature)) {
        scan.problem(signatureName, Reason.BAD_SIGNATURE, "does not verify with the trusted key " + trustedId
            + ": " + ManifestCheck.MANIFEST + " or the signature was changed after signing, or another key signed it");
      } else {
        scan.signedBy = trustedId;
      }
    } else if (embedded != null) {
      String keyId = ArtifactSigner.keyIdOf(embedded);
      if (Ed25519.verify(embedded, manifest, signature)) {
        scan.signedBy = keyId;
      } else {
        scan.problem(signatureName, Reason.BAD_SIGNATURE, "does not verify with the package's own key " + keyId
            + ": " + ManifestCheck.MANIFEST + " or the signature was changed after signing");
      }
    }
  }

  private static boolean present(ArchiveScan scan, String name) {
    return scan.files.containsKey(name) || scan.duplicates.contains(name);
  }

  private static boolean reported(ArchiveScan scan, String name) {
    for (Problem problem : scan.problems) {
      if (problem.path().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
