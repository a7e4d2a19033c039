package dev.exporthub.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.core.signing.Ed25519Signer;
import dev.exporthub.core.signing.SigningKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoints file: JSON Lines of signed notes, durable appends, torn last records ignored and cut. */
class CheckpointFileTest {

  private static final Ed25519Signer SIGNER = Ed25519Signer.of(SigningKeys.generate());

  @TempDir
  Path dir;

  private static CheckpointFile.Entry entry(long size) throws GeneralSecurityException {
    byte[] root = MerkleTree.leafHash("root of " + size);
    String note = new SignedCheckpoint("exporthub/log-0123456789abcdef", size, root)
        .sign("exporthub/log-0123456789abcdef", SIGNER);
    return new CheckpointFile.Entry(size, note);
  }

  @Test
  @DisplayName("each append is one JSON line, treeSize then the note; parsing gives them back in order")
  void appendsAndParses() throws Exception {
    Path file = dir.resolve("sub/audit.jsonl.checkpoints");
    CheckpointFile.append(file, entry(5));
    CheckpointFile.append(file, entry(10));
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(2, lines.size());
    assertTrue(lines.get(0).startsWith("{\"treeSize\":5,\"checkpoint\":\"exporthub/log-0123456789abcdef\\n5\\n"),
        lines.get(0));
    assertTrue(lines.get(0).contains("\\n\\n\u2014 exporthub/log-"), "UTF-8, the dash unescaped: " + lines.get(0));
    CheckpointFile.Contents contents = CheckpointFile.parse(Files.readAllBytes(file));
    assertEquals(List.of(entry(5), entry(10)), contents.entries());
    assertFalse(contents.tornTail());
  }

  @Test
  @DisplayName("a torn last record, even one cut inside a UTF-8 character, is ignored; the next append cuts it off")
  void tornLastRecord() throws Exception {
    Path file = dir.resolve("c.checkpoints");
    CheckpointFile.append(file, entry(5));
    byte[] whole = Files.readAllBytes(file);
    int dash = new String(whole, StandardCharsets.UTF_8).indexOf('\u2014');
    byte[] prefix = new String(whole, StandardCharsets.UTF_8).substring(0, dash).getBytes(StandardCharsets.UTF_8);
    Files.write(file, Arrays.copyOf(whole, prefix.length + 1), StandardOpenOption.APPEND); // half the dash

    CheckpointFile.Contents torn = CheckpointFile.parse(Files.readAllBytes(file));
    assertEquals(List.of(entry(5)), torn.entries());
    assertTrue(torn.tornTail());

    CheckpointFile.append(file, entry(10));
    CheckpointFile.Contents healed = CheckpointFile.parse(Files.readAllBytes(file));
    assertEquals(List.of(entry(5), entry(10)), healed.entries());
    assertFalse(healed.tornTail());
  }

  @Test
  @DisplayName("a complete line that is not a record is named by number; other members are ignored")
  void strictRecords() throws Exception {
    String first = new String(Files.readAllBytes(write(entry(5))), StandardCharsets.UTF_8);
    String widened = first.replace("{\"treeSize\":5,", "{\"treeSize\":5,\"writtenAt\":\"2026-01-15T12:00:00Z\",");
    assertEquals(List.of(entry(5)), CheckpointFile.parse(widened.getBytes(StandardCharsets.UTF_8)).entries());
    for (String bad : List.of("not json", "{\"treeSize\":5}", "{\"treeSize\":\"5\",\"checkpoint\":\"x\"}",
        "{\"treeSize\":5.0,\"checkpoint\":\"x\"}", "{\"treeSize\":-1,\"checkpoint\":\"x\"}", "[1]", "{} {}",
        first.strip().replace("\"treeSize\":5", "\"treeSize\":6"),
        first.strip().replace("\"treeSize\":5", "\"treeSize\":5,\"treeSize\":5"))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> CheckpointFile.parse((first + bad + "\n").getBytes(StandardCharsets.UTF_8)), bad);
      assertTrue(e.getMessage().startsWith("Line 2 of the checkpoints file is not a checkpoint record: "),
          e.getMessage());
    }
    byte[] notUtf8 = (first + "{\"treeSize\":0,\"checkpoint\":\"\u00ff\"}\n").getBytes(StandardCharsets.ISO_8859_1);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CheckpointFile.parse(notUtf8)).getMessage()
        .endsWith("it is not UTF-8"));
    assertThrows(IllegalArgumentException.class, () -> new CheckpointFile.Entry(6, entry(5).note()));
  }

  private Path write(CheckpointFile.Entry entry) throws IOException {
    Path file = dir.resolve("one.checkpoints");
    CheckpointFile.append(file, entry);
    return file;
  }
}
