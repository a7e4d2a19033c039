package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.core.log.ConsistencyProof;
import dev.exporthub.core.log.InclusionReceipt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code log prove} writes receipts and consistency proofs; {@code log verify-receipt} and
 * {@code log verify-consistency} check them with the public key alone, exit 1 when they do not hold
 * and 2 when an input is not one.
 */
class LogProofCommandTest {

  private static final String PUB = "keys/exporthub-signing.pub";

  @TempDir
  Path work;

  private Path data;
  private Path log;

  private void export(String category) {
    Cli.Run run = Cli.run(work, "export", "--data", data.toString(), "--category", category, "--format", "json",
        "--out", work.toString(), "--user", "ana", "--user-tenant", "tenant-1", "--log", log.toString(),
        "--now", Cli.NOW);
    assertEquals(0, run.code(), run::toString);
  }

  private void checkpoint(Path logFile, String out) {
    Cli.Run run = Cli.run(work, "log", "checkpoint", "--log", logFile.toString(), "--sign-key",
        "keys/exporthub-signing.key", "--out", out);
    assertEquals(0, run.code(), run::toString);
  }

  /** A log of 9 entries (three exports), old.txt signed at 6 of them and checkpoint.txt at all 9. */
  @BeforeEach
  void logAndCheckpoints() {
    data = Fixtures.sampleData(work.resolve("data"));
    log = work.resolve("audit.jsonl");
    assertEquals(0, Cli.run(work, "keygen", "--out", "keys").code());
    export("audit-findings");
    export("alert-logs");
    checkpoint(log, "old.txt");
    export("task-logs");
    checkpoint(log, "checkpoint.txt");
  }

  private Cli.Run prove(String... options) {
    String[] args = new String[options.length + 4];
    System.arraycopy(new String[] {"log", "prove", "--log", log.toString()}, 0, args, 0, 4);
    System.arraycopy(options, 0, args, 4, options.length);
    return Cli.run(work, args);
  }

  private static void failsInOneLine(int code, String fragment, Cli.Run run) {
    assertEquals(code, run.code(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().contains(fragment), run::toString);
  }

  @Test
  @DisplayName("a receipt of every entry verifies with the public key alone and holds the entry as stored")
  void receiptsVerify() throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertEquals(9, lines.size());
    Files.createDirectory(work.resolve("receipts"));
    for (int sequence = 1; sequence <= 9; sequence++) {
      Cli.Run proved = prove("--sequence", Integer.toString(sequence), "--checkpoint", "checkpoint.txt",
          "--out", "receipts");
      assertEquals(0, proved.code(), proved::toString);
      Path receipt = work.resolve("receipts/exporthub-receipt-" + sequence + ".json");
      assertTrue(proved.out().startsWith("wrote " + receipt + ": the inclusion receipt of entry " + sequence),
          proved::toString);
      assertEquals(lines.get(sequence - 1),
          InclusionReceipt.parse(Files.readString(receipt, StandardCharsets.UTF_8)).entry());

      Cli.Run verified = Cli.run(work, "log", "verify-receipt", receipt.toString(), "--public-key", PUB);
      assertEquals(0, verified.code(), verified::toString);
      assertTrue(verified.out().startsWith("OK " + receipt + ": entry " + sequence + " (leaf index "
          + (sequence - 1) + ") is in the log exporthub/log-"), verified::toString);
      assertTrue(verified.out().contains(" of 9 entries, signed by the trusted key "), verified::toString);
    }
  }

  @Test
  @DisplayName("verify-receipt: a changed entry or another key exit 1; a file that is no receipt, or none, exits 2")
  void receiptFailures() throws IOException {
    assertEquals(0, prove("--sequence", "4", "--checkpoint", "checkpoint.txt", "--out", "r.json").code());
    Path file = work.resolve("r.json");
    InclusionReceipt receipt = InclusionReceipt.parse(Files.readString(file, StandardCharsets.UTF_8));

    Path changed = work.resolve("changed.json");
    Files.writeString(changed, new InclusionReceipt(receipt.entry().replace("\"ana\"", "\"bob\""),
        receipt.leafIndex(), receipt.treeSize(), receipt.inclusionProof(), receipt.checkpoint()).toJson());
    failsInOneLine(ExitCodes.FAILED, "does not lead from the entry to the checkpoint's root",
        Cli.run(work, "log", "verify-receipt", "changed.json", "--public-key", PUB));

    assertEquals(0, Cli.run(work, "keygen", "--out", "other").code());
    failsInOneLine(ExitCodes.FAILED, "r.json does not verify: The checkpoint does not verify with this public key",
        Cli.run(work, "log", "verify-receipt", "r.json", "--public-key", "other/exporthub-signing.pub"));

    Files.writeString(work.resolve("broken.json"), Files.readString(file).replace("\"treeSize\"", "\"size\""));
    failsInOneLine(ExitCodes.USAGE, "Not an inclusion receipt: it has a member 'size'",
        Cli.run(work, "log", "verify-receipt", "broken.json", "--public-key", PUB));
    failsInOneLine(ExitCodes.USAGE, "there is no receipt at",
        Cli.run(work, "log", "verify-receipt", "missing.json", "--public-key", PUB));
    failsInOneLine(ExitCodes.USAGE, "--public-key", Cli.run(work, "log", "verify-receipt", "r.json"));
  }

  @Test
  @DisplayName("a consistency proof from the old checkpoint verifies; one from a rewritten old log exits 1")
  void consistency() throws IOException {
    Cli.Run proved = prove("--from", "old.txt", "--checkpoint", "checkpoint.txt", "--out", ".");
    assertEquals(0, proved.code(), proved::toString);
    Path file = work.resolve("exporthub-consistency.json");
    Cli.Run verified = Cli.run(work, "log", "verify-consistency", file.toString(), "--public-key", PUB);
    assertEquals(0, verified.code(), verified::toString);
    assertTrue(verified.out().matches("OK " + file + ": the first 6 entries of the log exporthub/log-[0-9a-f]{16}"
        + " are unchanged in its 9 entries, both checkpoints signed by the trusted key [0-9a-f]{16}\\n"),
        verified::toString);

    // An old checkpoint signed over a log whose second entry was edited and re-chained: same origin, other root.
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    List<String> forged = LogCheckpointCommandTest.rechained(lines, 1, lines.get(1).replace("\"ana\"", "\"bob\""));
    Path forgedOldLog = Files.write(work.resolve("forged-old.jsonl"), forged.subList(0, 6));
    checkpoint(forgedOldLog, "forged-old.txt");
    ConsistencyProof genuine = ConsistencyProof.parse(Files.readString(file, StandardCharsets.UTF_8));
    Files.writeString(work.resolve("forged-proof.json"), new ConsistencyProof(
        Files.readString(work.resolve("forged-old.txt")), genuine.checkpoint(), genuine.consistencyProof()).toJson());
    failsInOneLine(ExitCodes.FAILED, "does not show the old checkpoint's 6 entries as the first of the checkpoint's 9",
        Cli.run(work, "log", "verify-consistency", "forged-proof.json", "--public-key", PUB));

    // The log rewritten after old.txt and signed again: prove finds that the old checkpoint no longer holds.
    Path forgedLog = Files.write(work.resolve("forged.jsonl"), forged);
    checkpoint(forgedLog, "forged.txt");
    failsInOneLine(ExitCodes.FAILED, "do not hash to the old checkpoint's root",
        Cli.run(work, "log", "prove", "--log", forgedLog.toString(), "--from", "old.txt", "--checkpoint",
            "forged.txt", "--out", "p.json"));
    assertTrue(Files.notExists(work.resolve("p.json")));

    failsInOneLine(ExitCodes.USAGE, "give the older of the two as the old one",
        prove("--from", "checkpoint.txt", "--checkpoint", "old.txt", "--out", "p.json"));
    Files.writeString(work.resolve("broken.json"), "{\"oldCheckpoint\":\"x\"}");
    failsInOneLine(ExitCodes.USAGE, "Not a consistency proof: the member 'checkpoint' is missing",
        Cli.run(work, "log", "verify-consistency", "broken.json", "--public-key", PUB));
  }

  @Test
  @DisplayName("prove: one of --sequence and --from, an entry the checkpoint covers, and never over its inputs")
  void proveUsage() throws IOException {
    failsInOneLine(ExitCodes.USAGE, "give one of --sequence N",
        prove("--checkpoint", "checkpoint.txt", "--out", "x.json"));
    failsInOneLine(ExitCodes.USAGE, "give one of --sequence N",
        prove("--sequence", "1", "--from", "old.txt", "--checkpoint", "checkpoint.txt", "--out", "x.json"));
    failsInOneLine(ExitCodes.USAGE, "--sequence counts entries from 1",
        prove("--sequence", "0", "--checkpoint", "checkpoint.txt", "--out", "x.json"));
    failsInOneLine(ExitCodes.USAGE, "Entry 7 is not among the 6 entries the checkpoint covers",
        prove("--sequence", "7", "--checkpoint", "old.txt", "--out", "x.json"));
    failsInOneLine(ExitCodes.USAGE, "there is no checkpoint at",
        prove("--sequence", "1", "--checkpoint", "none.txt", "--out", "x.json"));
    failsInOneLine(ExitCodes.USAGE, "is not a signed checkpoint",
        prove("--sequence", "1", "--checkpoint", "data/alerts.jsonl", "--out", "x.json"));

    String note = Files.readString(work.resolve("checkpoint.txt"));
    failsInOneLine(ExitCodes.USAGE, "it is the checkpoint",
        prove("--sequence", "1", "--checkpoint", "checkpoint.txt", "--out", "checkpoint.txt"));
    failsInOneLine(ExitCodes.USAGE, "it is the checkpoint",
        prove("--from", "old.txt", "--checkpoint", "checkpoint.txt", "--out", "old.txt"));
    failsInOneLine(ExitCodes.USAGE, "it is the export log",
        prove("--sequence", "1", "--checkpoint", "checkpoint.txt", "--out", log.toString()));
    assertEquals(note, Files.readString(work.resolve("checkpoint.txt")));
    assertTrue(Files.notExists(work.resolve("x.json")));

    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    Files.write(log, lines.subList(0, 7));
    failsInOneLine(ExitCodes.FAILED, "holds 7 entries, fewer than the checkpoint's 9",
        prove("--sequence", "2", "--checkpoint", "checkpoint.txt", "--out", "x.json"));
  }

  @Test
  @DisplayName("prove does not check the note's signature; verify-receipt does")
  void proveLeavesTheSignatureToTheVerifier() throws IOException {
    String note = Files.readString(work.resolve("checkpoint.txt"));
    String signature = note.substring(note.lastIndexOf(' ') + 1, note.length() - 1);
    String flipped = (signature.charAt(10) == 'A' ? "B" : "A");
    Files.writeString(work.resolve("bad-signature.txt"), note.substring(0, note.lastIndexOf(' ') + 1)
        + signature.substring(0, 10) + flipped + signature.substring(11) + "\n");
    assertEquals(0, prove("--sequence", "3", "--checkpoint", "bad-signature.txt", "--out", "r.json").code());
    failsInOneLine(ExitCodes.FAILED, "does not verify",
        Cli.run(work, "log", "verify-receipt", "r.json", "--public-key", PUB));
  }
}
