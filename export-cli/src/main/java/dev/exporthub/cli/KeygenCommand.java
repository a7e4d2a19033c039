package dev.exporthub.cli;

import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.core.signing.SigningKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code exporthub keygen --out DIR}: a new Ed25519 signing key, as the PEM files OpenSSL reads:
 * {@code DIR/exporthub-signing.key} (PKCS#8, POSIX mode {@code 0600}) and
 * {@code DIR/exporthub-signing.pub} (SubjectPublicKeyInfo). Existing key files are never replaced
 * (exit 2, nothing written).
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    header = "Generates an Ed25519 signing key for --sign-key.",
    description = {"Writes DIR/" + SigningKeys.PRIVATE_KEY_FILE + " (private, mode 0600) and DIR/"
        + SigningKeys.PUBLIC_KEY_FILE + " (public, for auditors).",
        "Refuses to replace existing key files (exit 2)."})
final class KeygenCommand implements Callable<Integer> {

  private final RunContext context;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "The directory of the two key files; created when missing.")
  private Path out;

  KeygenCommand(RunContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    Path dir = context.resolve(out);
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw CliException.usage(dir + " is not a directory");
    }
    Path privateKey = dir.resolve(SigningKeys.PRIVATE_KEY_FILE);
    Path publicKey = dir.resolve(SigningKeys.PUBLIC_KEY_FILE);
    for (Path file : new Path[] {privateKey, publicKey}) {
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        throw CliException.usage("refusing to overwrite " + file + ": key files are never replaced; move it away or"
            + " give another --out");
      }
    }
    Files.createDirectories(dir);
    KeyPair pair = SigningKeys.generate();
    SigningKeys.write(pair, privateKey, publicKey);
    String id = ArtifactSigner.keyIdOf(pair.getPublic());
    context.out().println("Generated Ed25519 signing key " + id);
    context.out().println("  private  " + privateKey + (privateMode(privateKey) ? " (mode 0600)" : "")
        + ": for --sign-key; keep it secret");
    context.out().println("  public   " + publicKey + ": give it to whoever checks your exports");
    return ExitCodes.OK;
  }

  private static boolean privateMode(Path file) throws IOException {
    return Files.getFileStore(file).supportsFileAttributeView("posix") && !SigningKeys.readableByOthers(file);
  }
}
