package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code log checkpoint} signs the tree; {@code log verify --checkpoint FILE --public-key PUB} catches rewrites. */
class LogCheckpointCommandTest {

  @TempDir
  Path work;

  private Path log;

  @BeforeEach
  void logAndKey() {
    Path data = Fixtures.sampleData(work.resolve("data"));
    log = work.resolve("audit.jsonl");
    for (String category : List.of("audit-findings", "alert-logs", "task-logs")) {
      assertEquals(0, Cli.run(work, "export", "--data", data.toString(), "--category", category, "--format", "json",
          "--out", work.toString(), "--user", "ana", "--user-tenant", "tenant-1", "--log", log.toString(),
          "--now", Cli.NOW).code());
    }
    assertEquals(0, Cli.run(work, "keygen", "--out", "keys").code());
    Cli.Run signed = Cli.run(work, "log", "checkpoint", "--log", log.toString(), "--sign-key",
        "keys/exporthub-signing.key", "--out", "checkpoint.txt");
    assertEquals(0, signed.code(), signed::toString);
  }

  /**
   * The log with line {@code at} replaced and every hash from there on recomputed as the chain
   * defines it: SHA-256 over the previous hash and the line without its {@code hash} member.
   */
  static List<String> rechained(List<String> lines, int at, String replacement) throws IOException {
    List<String> out = new ArrayList<>(lines.subList(0, at));
    String prev = out.isEmpty() ? "0".repeat(64) : hashOf(out.get(out.size() - 1));
    for (int i = at; i < lines.size(); i++) {
      String line = i == at ? replacement : lines.get(i);
      String unsigned = line.replaceFirst(",\"hash\":\"[0-9a-f]{64}\"}$", "}")
          .replaceFirst("\"prevHash\":\"[0-9a-f]{64}\"", "\"prevHash\":\"" + prev + "\"");
      String hash = sha256Hex(prev + unsigned);
      out.add(unsigned.substring(0, unsigned.length() - 1) + ",\"hash\":\"" + hash + "\"}");
      prev = hash;
    }
    return out;
  }

  private static String hashOf(String line) {
    return line.substring(line.length() - 66, line.length() - 2);
  }

  private static String sha256Hex(String text) throws IOException {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IOException(e);
    }
  }

  private Cli.Run verify() {
    return Cli.run(work, "log", "verify", "--log", log.toString(), "--checkpoint", "checkpoint.txt",
        "--public-key", "keys/exporthub-signing.pub");
  }

  @Test
  @DisplayName("the checkpoint is a C2SP note of the whole log, and the untouched log verifies against it")
  void verifies() throws IOException {
    List<String> note = Files.readAllLines(work.resolve("checkpoint.txt"));
    assertTrue(note.get(0).startsWith("exporthub/log-"), note::toString);
    assertEquals(Integer.toString(Files.readAllLines(log).size()), note.get(1));
    assertEquals("", note.get(3));
    assertTrue(note.get(4).startsWith("\u2014 " + note.get(0) + " "), note::toString);
    Cli.Run run = verify();
    assertEquals(0, run.code(), run::toString);
    assertTrue(run.out().contains("signed checkpoint"), run::toString);
  }

  @Test
  @DisplayName("a log edited and re-chained, cut back, or with two entries swapped fails; so does a changed note")
  void catchesRewrites() throws IOException {
    List<String> original = Files.readAllLines(log);

    // Re-chained forgery: an entry edited and every hash from it on recomputed, so the chain verifies.
    List<String> forged = rechained(original, 1, original.get(1).replace("\"ana\"", "\"bob\""));
    Files.write(log, forged);
    Cli.Run chain = Cli.run(work, "log", "verify", "--log", log.toString());
    assertEquals(0, chain.code(), "the forged chain itself verifies: " + chain);
    Cli.Run rewritten = verify();
    assertEquals(ExitCodes.FAILED, rewritten.code(), rewritten::toString);
    assertTrue(rewritten.err().contains("rewritten"), rewritten::toString);

    Files.write(log, original.subList(0, original.size() - 2));
    Cli.Run cut = verify();
    assertEquals(ExitCodes.FAILED, cut.code(), cut::toString);
    assertTrue(cut.err().contains("deleted"), cut::toString);

    List<String> swapped = new ArrayList<>(original);
    swapped.set(1, original.get(2));
    swapped.set(2, original.get(1));
    Files.write(log, swapped);
    assertEquals(ExitCodes.FAILED, verify().code());

    Files.write(log, original);
    Path note = work.resolve("checkpoint.txt");
    String text = Files.readString(note, StandardCharsets.UTF_8);
    Files.writeString(note, text.replaceFirst("\n" + original.size() + "\n", "\n" + (original.size() - 1) + "\n"));
    Cli.Run tampered = verify();
    assertEquals(ExitCodes.FAILED, tampered.code(), tampered::toString);
    assertTrue(tampered.err().contains("does not verify"), tampered::toString);
  }
}
