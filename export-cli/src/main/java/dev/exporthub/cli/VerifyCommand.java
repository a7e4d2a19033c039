package dev.exporthub.cli;

import dev.exporthub.formats.PackageVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code exporthub verify FILE [--public-key PUB]}: checks a ZIP bundle or auditor package against
 * its manifest (integrity); with a trusted public key, also that it is signed by that key
 * (authenticity), and a JSON, CSV, HTML or Markdown export against its detached {@code FILE.sig}.
 * Exit 0 when it checks out; 1, naming every problem and one line of why, when it does not (a ZIP
 * archive without a manifest, an unsigned export, another key's signature, a signature that does not
 * match); 2 when FILE is missing, when it is not a package and no key is given, or when the key
 * cannot be read.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    header = "Verifies an export: a package against its manifest; with --public-key, who signed it.",
    description = {"Every listed file present and unchanged, none added, every name safe to extract; with",
        "--public-key, signed by that key (archives inside, other formats by FILE.sig beside them).",
        "Exit 1 when anything does not check out, 2 when FILE is not a package and no key is given."})
final class VerifyCommand implements Callable<Integer> {

  private final RunContext context;

  @Parameters(paramLabel = "FILE", description = "The export to verify.")
  private Path file;

  @Option(names = "--public-key", paramLabel = "PUB",
      description = "The Ed25519 public key (PEM) the export must be signed with, got from its signer.")
  private Path publicKey;

  VerifyCommand(RunContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    Path path = context.resolve(file);
    PublicKey trusted = publicKey == null ? null : SigningKeyFiles.publicKey(context.resolve(publicKey));
    PackageVerifier.Report report = Packages.verify(path, trusted);
    String kind = Packages.describe(report.layout());
    if (!report.ok()) {
      report.problems().forEach(problem -> context.out().println(problem));
      String reason = Packages.signatureProblem(report).map(p -> p.path() + ": " + p.detail())
          .orElse(report.problems().size() + (report.problems().size() == 1 ? " problem in the " : " problems in the ")
              + kind);
      throw CliException.failed(path + " does not verify: " + reason);
    }
    String signed = report.signedBy() == null ? ""
        : trusted != null ? ", signed by the trusted key " + report.signedBy()
        : ", signed by key " + report.signedBy() + " (its own signing-key.pub: give --public-key to check who signed)";
    if (report.layout() == PackageVerifier.Layout.SIGNED_FILE) {
      context.out().println("OK " + path + ": " + report.bytes() + " bytes" + signed);
    } else {
      context.out().println("OK " + path + ": " + kind + ", " + report.files() + " files, " + report.bytes()
          + " bytes, every file as its manifest lists it" + signed);
    }
    return ExitCodes.OK;
  }
}
