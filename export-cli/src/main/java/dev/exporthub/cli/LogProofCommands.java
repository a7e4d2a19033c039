package dev.exporthub.cli;

import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.core.log.ConsistencyProof;
import dev.exporthub.core.log.ForwardLines;
import dev.exporthub.core.log.InclusionReceipt;
import dev.exporthub.core.log.InvalidProofException;
import dev.exporthub.core.log.SignedCheckpoint;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The log's Merkle proofs (SPECIFICATION.md §7.5): {@code log prove} writes an inclusion receipt or a
 * consistency proof against a signed checkpoint; {@code log verify-receipt} and
 * {@code log verify-consistency} check one with the public key alone, without the log. Exit codes:
 * 1 when a log does not match its checkpoint or a proof does not verify; 2 when an input cannot be
 * used at all (a missing file, one that is not a checkpoint, a receipt or a proof, a bad option).
 */
final class LogProofCommands {

  /** A receipt, a proof or a checkpoint is a few kilobytes; a file far larger is none of them. */
  private static final long MAX_DOCUMENT_BYTES = 16L << 20;

  private LogProofCommands() {
  }

  /** {@code exporthub log prove}: a receipt of one entry, or a consistency proof between two checkpoints. */
  @Command(name = "prove", mixinStandardHelpOptions = true, sortOptions = false,
      header = "Writes an inclusion receipt or a consistency proof against a signed checkpoint.",
      description = {"--sequence N: a receipt that entry N is in the log the checkpoint covers;",
          "--from OLD_CHECKPOINT: a proof that the log only grew since that checkpoint.",
          "prove recomputes the checkpoint's root from the log, but does not check the",
          "note's signature and needs no key: 'log verify-receipt' and",
          "'log verify-consistency' check it with the public key, without the log.",
          "Exit 1 when the log does not match the checkpoint."})
  static final class Prove implements Callable<Integer> {

    private final RunContext context;

    @Option(names = "--log", paramLabel = LogFiles.LABEL, description = "The log: " + LogFiles.HELP)
    private String log;

    @Option(names = "--sequence", paramLabel = "N", description = "The entry to prove, from 1.")
    private Long sequence;

    @Option(names = "--from", paramLabel = "OLD_CHECKPOINT", description = "An older signed checkpoint of the log.")
    private Path from;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE",
        description = "A signed checkpoint of the log ('log checkpoint').")
    private Path checkpoint;

    @Option(names = "--out", required = true, paramLabel = "RECEIPT|PROOF",
        description = "The file to write, or a directory: exporthub-receipt-N.json, exporthub-consistency.json.")
    private Path out;

    Prove(RunContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      if ((sequence == null) == (from == null)) {
        throw CliException.usage("give one of --sequence N (a receipt of entry N) and --from OLD_CHECKPOINT"
            + " (a consistency proof since that checkpoint)");
      }
      if (sequence != null && sequence < 1) {
        throw CliException.usage("--sequence counts entries from 1, got " + sequence);
      }
      LogFiles.Location logFile = LogFiles.resolve(context, log);
      Path checkpointFile = context.resolve(checkpoint);
      Path oldFile = from == null ? null : context.resolve(from);
      String note = read(checkpointFile, "checkpoint");
      String oldNote = oldFile == null ? null : read(oldFile, "checkpoint");
      Path target = OutPath.of(context.resolve(out), new OutPath.Guard(logFile.file(), null))
          .resolve(sequence != null ? "exporthub-receipt-" + sequence + ".json" : "exporthub-consistency.json");
      refuseReplacing(target, checkpointFile);
      if (oldFile != null) {
        refuseReplacing(target, oldFile);
      }
      String against = oldFile == null ? checkpointFile.toString() : oldFile + " and " + checkpointFile;
      String document;
      String wrote;
      // The leaf source: the log's stored lines, which the proofs ask for once each, in increasing order.
      try (ExportLogStore store = LogFiles.readOnly(logFile); ForwardLines lines = ForwardLines.of(store)) {
        if (sequence != null) {
          document = InclusionReceipt.prove(store.size(), lines, sequence - 1, note).toJson();
          wrote = "the inclusion receipt of entry " + sequence + "; check it with 'exporthub log verify-receipt "
              + target + " --public-key PUB'";
        } else {
          document = ConsistencyProof.prove(store.size(), lines, oldNote, note).toJson();
          wrote = "the consistency proof from " + oldFile + " to " + checkpointFile
              + "; check it with 'exporthub log verify-consistency " + target + " --public-key PUB'";
        }
      } catch (InvalidProofException e) {
        throw CliException.failed("the export log " + logFile + " does not match " + against + ": " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw CliException.usage("cannot prove against " + against + ": " + e.getMessage());
      }
      AtomicFile.write(target, stream -> {
        stream.write(document.getBytes(StandardCharsets.UTF_8));
        return null;
      });
      context.out().println("wrote " + target + ": " + wrote);
      return ExitCodes.OK;
    }

    /** A proof written over the checkpoint it was made from would destroy the evidence it rests on. */
    private static void refuseReplacing(Path target, Path input) throws IOException {
      if (Files.exists(target) && Files.isSameFile(target, input)) {
        throw CliException.usage("refusing to write " + target + ": it is the checkpoint " + input
            + "; give another --out");
      }
    }
  }

  /** {@code exporthub log verify-receipt}: exit 0 when the receipt holds, 1 naming what failed. */
  @Command(name = "verify-receipt", mixinStandardHelpOptions = true, sortOptions = false,
      header = "Verifies an inclusion receipt with the log's public key, without the log.",
      description = {"The checkpoint's signature by PUB, its tree size, and the proof from the",
          "entry to its root. Exit 1 when any of them fails, 2 when RECEIPT is not one."})
  static final class VerifyReceipt implements Callable<Integer> {

    private final RunContext context;

    @Parameters(paramLabel = "RECEIPT", description = "The receipt of 'log prove --sequence'.")
    private Path receipt;

    @Option(names = "--public-key", required = true, paramLabel = "PUB",
        description = "The log's Ed25519 public key (PEM), got from its holder.")
    private Path publicKey;

    VerifyReceipt(RunContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Path file = context.resolve(receipt);
      PublicKey key = SigningKeyFiles.publicKey(context.resolve(publicKey));
      InclusionReceipt parsed;
      try {
        parsed = InclusionReceipt.parse(read(file, "receipt"));
      } catch (IllegalArgumentException e) {
        throw CliException.usage(file + ": " + e.getMessage());
      }
      SignedCheckpoint signed;
      try {
        signed = parsed.verify(key);
      } catch (InvalidProofException e) {
        throw CliException.failed(file + " does not verify: " + e.getMessage());
      }
      context.out().println("OK " + file + ": entry " + (parsed.leafIndex() + 1) + " (leaf index "
          + parsed.leafIndex() + ") is in the log " + signed.origin() + " of " + signed.treeSize()
          + " entries, signed by the trusted key " + ArtifactSigner.keyIdOf(key));
      return ExitCodes.OK;
    }
  }

  /** {@code exporthub log verify-consistency}: exit 0 when the log only grew between the checkpoints, 1 otherwise. */
  @Command(name = "verify-consistency", mixinStandardHelpOptions = true, sortOptions = false,
      header = "Verifies a consistency proof with the log's public key, without the log.",
      description = {"Both checkpoints signed by PUB for one log, the old one not larger, and the",
          "proof that its entries are the first of the new one's. Exit 1 when any of",
          "them fails, 2 when PROOF is not a consistency proof."})
  static final class VerifyConsistency implements Callable<Integer> {

    private final RunContext context;

    @Parameters(paramLabel = "PROOF", description = "The proof of 'log prove --from'.")
    private Path proof;

    @Option(names = "--public-key", required = true, paramLabel = "PUB",
        description = "The log's Ed25519 public key (PEM), got from its holder.")
    private Path publicKey;

    VerifyConsistency(RunContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Path file = context.resolve(proof);
      PublicKey key = SigningKeyFiles.publicKey(context.resolve(publicKey));
      ConsistencyProof parsed;
      try {
        parsed = ConsistencyProof.parse(read(file, "consistency proof"));
      } catch (IllegalArgumentException e) {
        throw CliException.usage(file + ": " + e.getMessage());
      }
      ConsistencyProof.Verified verified;
      try {
        verified = parsed.verify(key);
      } catch (InvalidProofException e) {
        throw CliException.failed(file + " does not verify: " + e.getMessage());
      }
      context.out().println("OK " + file + ": the first " + verified.oldCheckpoint().treeSize()
          + " entries of the log " + verified.checkpoint().origin() + " are unchanged in its "
          + verified.checkpoint().treeSize() + " entries, both checkpoints signed by the trusted key "
          + ArtifactSigner.keyIdOf(key));
      return ExitCodes.OK;
    }
  }

  /**
   * The text of a file named on the command line.
   *
   * @throws CliException (usage) when it is missing, not a regular file, too large, not UTF-8 or unreadable
   */
  private static String read(Path file, String what) {
    if (!Files.exists(file)) {
      throw CliException.usage("there is no " + what + " at " + file);
    }
    if (!Files.isRegularFile(file)) {
      throw CliException.usage("the " + what + " " + file + " is not a regular file");
    }
    try {
      long size = Files.size(file);
      if (size > MAX_DOCUMENT_BYTES) {
        throw CliException.usage("the " + what + " " + file + " holds " + size + " bytes, far more than a " + what);
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw CliException.usage("the " + what + " " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw CliException.usage("cannot read the " + what + " " + file + ": " + Failures.message(e));
    }
  }
}
