package dev.exporthub.cli;

import dev.exporthub.core.signing.Ed25519Signer;
import dev.exporthub.core.signing.KeyFileException;
import dev.exporthub.core.signing.SigningKeys;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * The key files named on the command line ({@code --sign-key}, {@code --public-key}). A key that
 * cannot be used is a usage error (exit 2) in one line that names the file and never its content;
 * a private key other users may read is used, with one warning.
 */
final class SigningKeyFiles {

  private SigningKeyFiles() {
  }

  /** The signer of a {@code --sign-key} file. */
  static Ed25519Signer signer(Path file, RunContext context) {
    Ed25519Signer signer;
    try {
      signer = Ed25519Signer.fromFile(file);
    } catch (IOException e) {
      throw CliException.usage("cannot use the signing key " + reason(file, e));
    }
    if (signer.readableByOthers()) {
      context.err().println("warning: the signing key " + file + " can be read by other users; make it private:"
          + " chmod 600 " + file);
    }
    return signer;
  }

  /** The public key of a {@code --public-key} file. */
  static PublicKey publicKey(Path file) {
    try {
      return SigningKeys.readPublicKey(file);
    } catch (IOException e) {
      throw CliException.usage("cannot use the public key " + reason(file, e));
    }
  }

  /** What is wrong with a key file, starting with its name. */
  private static String reason(Path file, IOException e) {
    if (e instanceof KeyFileException) {
      return e.getMessage();
    }
    if (e instanceof NoSuchFileException) {
      return file + ": no such file";
    }
    if (e instanceof AccessDeniedException) {
      return file + ": permission denied";
    }
    return file + ": " + Failures.oneLine(String.valueOf(e.getMessage()));
  }
}
