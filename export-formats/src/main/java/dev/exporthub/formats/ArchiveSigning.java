package dev.exporthub.formats;

import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.codec.Ed25519;
import dev.exporthub.codec.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * How an archive signs itself ({@code docs/SPECIFICATION.md} §5.12): {@value #PUBLIC_KEY} (the
 * signer's public key, PEM) before the manifest, so the manifest covers it, and
 * {@value #SIGNATURE} (the Ed25519 signature over the manifest's exact bytes, one line of base64)
 * right after it. The manifest cannot list its own signature; everything else is covered. In a
 * BagIt bag the signature is the tag file {@value #BAG_SIGNATURE}, which the tag manifest lists:
 * BagIt tools (bagit-java among them) read every file whose name starts with {@code manifest-} as
 * a payload manifest, so the bag's cannot be called {@value #SIGNATURE}.
 */
final class ArchiveSigning {

  /** The public key's file, beside the manifest. */
  static final String PUBLIC_KEY = "signing-key.pub";

  /** The signature's file, beside the manifest it signs. */
  static final String SIGNATURE = ManifestCheck.MANIFEST + ".sig";

  /** The signature's file in a BagIt bag, beside the payload manifest it signs. */
  static final String BAG_SIGNATURE = "signature-" + ManifestCheck.MANIFEST + ".sig";

  /** The signature algorithm, as the package names it. */
  static final String ALGORITHM = "Ed25519";

  private ArchiveSigning() {
  }

  /** Writes {@code {folder}signing-key.pub} when the context has a signer. */
  static void writePublicKey(ZipArchive zip, String folder, ArtifactSigner signer) throws IOException {
    if (signer != null) {
      zip.text(folder + PUBLIC_KEY, Pem.encode(Ed25519.PUBLIC_KEY_LABEL, signer.publicKey().getEncoded()));
    }
  }

  /** The signature file of a package: {@value #SIGNATURE}, or {@value #BAG_SIGNATURE} in a bag. */
  static String signatureFile(boolean bag) {
    return bag ? BAG_SIGNATURE : SIGNATURE;
  }

  /**
   * Writes {@code {folder}manifest-sha256.txt} and, when the context has a signer, its signature
   * as {@code {folder}{signatureFile}}.
   */
  static void writeManifest(ZipArchive zip, String folder, String manifest, ArtifactSigner signer,
      String signatureFile) throws IOException {
    byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
    zip.entry(folder + ManifestCheck.MANIFEST, out -> out.write(bytes));
    if (signer != null) {
      byte[] signature;
      try {
        signature = signer.sign(bytes);
      } catch (GeneralSecurityException e) {
        throw new IOException("signing " + ManifestCheck.MANIFEST + " with key " + signer.keyId() + " failed: "
            + e.getMessage(), e);
      }
      zip.text(folder + signatureFile, Ed25519.signatureFile(signature));
    }
  }
}
