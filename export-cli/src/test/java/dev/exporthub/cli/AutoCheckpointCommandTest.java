package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportResult;
import dev.exporthub.core.Checkpoints;
import dev.exporthub.core.ExportHub;
import dev.exporthub.core.log.CheckpointFile;
import dev.exporthub.core.log.FileLogStore;
import dev.exporthub.core.signing.Ed25519Signer;
import dev.exporthub.samples.SampleData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub's checkpoints file, checked by {@code log verify --checkpoint FILE --public-key PUB}: every
 * checkpoint in it, so a rewritten, cut-back or reordered log fails without a checkpoint kept by hand.
 */
class AutoCheckpointCommandTest {

  @TempDir
  Path work;

  private Path log;
  private Path checkpoints;

  /** 12 exports (24 entries) by a hub signing every 5 entries: checkpoints at 5, 10, 15, 20 and, at close, 24. */
  @BeforeEach
  void hubWithCheckpoints() throws IOException {
    assertEquals(0, Cli.run(work, "keygen", "--out", "keys").code());
    log = work.resolve("audit.jsonl");
    checkpoints = work.resolve("audit.jsonl.checkpoints");
    exports(12);
  }

  private void exports(int count) throws IOException {
    Caller caller = Caller.of("ana", "tenant-1", "auditor", Set.of());
    try (FileLogStore store = FileLogStore.open(log);
        ExportHub hub = ExportHub.builder().dataSource(SampleData.defaults()).logStore(store)
            .clock(Clock.fixed(Instant.parse(Cli.NOW), ZoneOffset.UTC))
            .checkpoints(Checkpoints.signedBy(Ed25519Signer.fromFile(work.resolve("keys/exporthub-signing.key")))
                .everyEntries(5))
            .build()) {
      for (int i = 0; i < count; i++) {
        assertInstanceOf(ExportResult.Completed.class,
            hub.export(ExportRequest.builder(ExportCategory.AUDIT_FINDINGS, ExportFormat.JSON).build(), caller));
      }
    }
  }

  private Cli.Run verify() {
    return Cli.run(work, "log", "verify", "--log", log.toString(), "--checkpoint", checkpoints.toString(),
        "--public-key", "keys/exporthub-signing.pub");
  }

  private void assertFails(String because, String names) {
    Cli.Run run = verify();
    assertEquals(ExitCodes.FAILED, run.code(), run::toString);
    assertTrue(run.err().contains(because) && run.err().contains(names), run::toString);
  }

  @Test
  @DisplayName("every checkpoint of the untouched log holds")
  void untouched() throws IOException {
    List<Long> sizes = CheckpointFile.parse(Files.readAllBytes(checkpoints)).entries().stream()
        .map(CheckpointFile.Entry::treeSize).toList();
    assertEquals(List.of(5L, 10L, 15L, 20L, 24L), sizes);
    Cli.Run run = verify();
    assertEquals(0, run.code(), run::toString);
    assertTrue(run.out().contains("5 signed checkpoints of exporthub/log-") && run.out().contains(
        "the newest at 24 entries"), run::toString);
  }

  @Test
  @DisplayName("an entry edited and the chain recomputed fails at the first checkpoint that covers it")
  void rechainedForgery() throws IOException {
    List<String> original = Files.readAllLines(log);
    Files.write(log, LogCheckpointCommandTest.rechained(original, 12, original.get(12).replace("\"ana\"", "\"bob\"")));
    Cli.Run chain = Cli.run(work, "log", "verify", "--log", log.toString());
    assertEquals(0, chain.code(), "the forged chain itself verifies: " + chain);
    assertFails("the log was rewritten", "checkpoint 3 of " + checkpoints);
  }

  @Test
  @DisplayName("a deleted tail fails at the newest checkpoint")
  void deletedTail() throws IOException {
    List<String> original = Files.readAllLines(log);
    Files.write(log, original.subList(0, 22));
    assertFails("the log holds 22 entries but checkpoint 5 of " + checkpoints + " signed 24: entries were deleted", "");
  }

  @Test
  @DisplayName("two entries swapped fail at the first checkpoint that covers them")
  void swappedPair() throws IOException {
    List<String> swapped = new ArrayList<>(Files.readAllLines(log));
    String seventh = swapped.get(6);
    swapped.set(6, swapped.get(7));
    swapped.set(7, seventh);
    Files.write(log, swapped);
    assertFails("the log was rewritten", "checkpoint 2 of " + checkpoints);
  }

  @Test
  @DisplayName("a torn last record is ignored and said so; the hub's next append cuts it off")
  void tornLastRecord() throws IOException {
    byte[] whole = Files.readAllBytes(checkpoints);
    String text = new String(whole, StandardCharsets.UTF_8);
    byte[] last = text.substring(text.lastIndexOf('\n', text.length() - 2) + 1).getBytes(StandardCharsets.UTF_8);
    Files.write(checkpoints, Arrays.copyOf(last, last.length / 2), StandardOpenOption.APPEND);
    Cli.Run torn = verify();
    assertEquals(0, torn.code(), torn::toString);
    assertTrue(torn.out().contains("a torn last record, an append that never finished, was ignored"), torn::toString);

    exports(3);
    CheckpointFile.Contents healed = CheckpointFile.parse(Files.readAllBytes(checkpoints));
    assertEquals(List.of(5L, 10L, 15L, 20L, 24L, 29L, 30L),
        healed.entries().stream().map(CheckpointFile.Entry::treeSize).toList());
    Cli.Run again = verify();
    assertEquals(0, again.code(), again::toString);
    assertTrue(again.out().contains("7 signed checkpoints"), again::toString);
  }

  @Test
  @DisplayName("a changed note, a line that is no record, or another key fails, naming the checkpoint or line")
  void damagedFile() throws IOException {
    String text = Files.readString(checkpoints, StandardCharsets.UTF_8);
    Files.writeString(checkpoints, text.replace("{\"treeSize\":10,\"checkpoint\":\"", "{\"treeSize\":9,\"checkpoint\":\"")
        .replace("\\n10\\n", "\\n9\\n"));
    assertFails("checkpoint 2 of " + checkpoints + " does not check out", "does not verify");

    Files.writeString(checkpoints, text + "not a record\n");
    assertFails("Line 6 of the checkpoints file is not a checkpoint record", checkpoints.toString());

    Files.writeString(checkpoints, text);
    assertEquals(0, Cli.run(work, "keygen", "--out", "other").code());
    Cli.Run otherKey = Cli.run(work, "log", "verify", "--log", log.toString(), "--checkpoint", checkpoints.toString(),
        "--public-key", "other/exporthub-signing.pub");
    assertEquals(ExitCodes.FAILED, otherKey.code(), otherKey::toString);
    assertTrue(otherKey.err().contains("checkpoint 1 of " + checkpoints + " does not check out"), otherKey::toString);

    Files.writeString(checkpoints, "");
    assertFails("holds no complete checkpoint", checkpoints.toString());
  }
}
