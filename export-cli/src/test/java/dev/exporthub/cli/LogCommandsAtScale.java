package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.LogEntry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code exporthub log} command on a log of 1,000,000 entries (about 330 MB), each a process in a
 * 128 MB heap. Too slow for the default build (a minute or two): {@code mvn -Pscale -pl export-cli
 * -am verify -Dtest=LogCommandsAtScale -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class LogCommandsAtScale {

  private static final int ENTRIES = 1_000_000;
  private static final List<String> SMALL_HEAP = List.of("-Xmx128m");
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir
  Path work;

  @Test
  void everyLogCommandIn128Megabytes(TestReporter reporter) throws IOException {
    Path log = work.resolve("log.jsonl");
    String last = write(log, 1, ENTRIES - 10, LogEntry.GENESIS_HASH);
    assertOk(reporter, "keygen", "--out", "keys");
    String key = work.resolve("keys/exporthub-signing.key").toString();
    String pub = work.resolve("keys/exporthub-signing.pub").toString();
    assertOk(reporter, "log", "checkpoint", "--log", log.toString(), "--sign-key", key, "--out", "old.txt");
    write(log, ENTRIES - 9, ENTRIES, last);

    assertOk(reporter, "log", "verify", "--log", log.toString());
    assertOk(reporter, "log", "head", "--log", log.toString());
    assertOk(reporter, "log", "stats", "--log", log.toString(), "--json");
    assertOk(reporter, "log", "stats", "--log", log.toString(), "--json"); // from the saved summary
    assertOk(reporter, "log", "checkpoint", "--log", log.toString(), "--sign-key", key, "--out", "new.txt");
    assertOk(reporter, "log", "verify", "--log", log.toString(), "--checkpoint", "old.txt", "--public-key", pub);
    assertOk(reporter, "log", "prove", "--log", log.toString(), "--sequence", "500000", "--checkpoint", "new.txt",
        "--out", "receipt.json");
    assertOk(reporter, "log", "verify-receipt", "receipt.json", "--public-key", pub);
    assertOk(reporter, "log", "prove", "--log", log.toString(), "--from", "old.txt", "--checkpoint", "new.txt",
        "--out", "proof.json");
    assertOk(reporter, "log", "verify-consistency", "proof.json", "--public-key", pub);
    assertOk(reporter, "log", "export", "--log", log.toString(), "--format", "csv", "--out", "log.csv");
    assertEquals(ENTRIES + 1, Files.lines(work.resolve("log.csv")).count(), "a header and a row per entry");
  }

  private void assertOk(TestReporter reporter, String... args) {
    long start = System.nanoTime();
    Cli.Run run = Cli.process(work, SMALL_HEAP, args);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertEquals(0, run.code(), () -> String.join(" ", args) + ": " + run);
    assertTrue(run.err().isEmpty() || !run.err().contains("OutOfMemoryError"), run::toString);
    String command = String.join(" ", args).replace(work.toString(), ".");
    reporter.publishEntry(command, ms + " ms");
    System.out.println(ms + " ms: exporthub " + command);
  }

  /**
   * Appends download entries {@code first..last} to the file, sealed by §7.2 written out here (the
   * hub's writer is internal): each line in the canonical stored form, its hash SHA-256 over the
   * previous hash and the line without its hash member. Returns the last hash.
   */
  private static String write(Path file, long first, long last, String prevHash) throws IOException {
    MessageDigest sha = sha256();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND), 1 << 20)) {
      String hash = prevHash;
      for (long seq = first; seq <= last; seq++) {
        String unsigned = "{\"schemaVersion\":1,\"sequence\":" + seq
            + ",\"entryType\":\"export-downloaded\",\"timestamp\":\"" + START.plusSeconds(seq)
            + "\",\"tenantId\":\"tenant-" + seq % 100 + "\",\"download\":{\"bundleId\":\"EXP-" + seq
            + "\",\"format\":\"json\",\"filename\":\"EXP-" + seq + ".json\",\"sizeBytes\":" + seq
            + "},\"downloadedBy\":\"user\",\"prevHash\":\"" + hash + "\"}";
        sha.update((hash + unsigned).getBytes(StandardCharsets.UTF_8));
        hash = HexFormat.of().formatHex(sha.digest());
        String line = unsigned.substring(0, unsigned.length() - 1) + ",\"hash\":\"" + hash + "\"}\n";
        out.write(line.getBytes(StandardCharsets.UTF_8));
      }
      return hash;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
