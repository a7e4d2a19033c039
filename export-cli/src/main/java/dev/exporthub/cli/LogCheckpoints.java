package dev.exporthub.cli;

import dev.exporthub.core.log.MerkleTree;
import dev.exporthub.core.log.SignedCheckpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.List;

/**
 * Signed checkpoints of a log file (SPECIFICATION.md §7.5): made by {@code log checkpoint}, checked
 * by {@code log verify --checkpoint FILE --public-key PUB}. The key name in a note is its origin.
 */
final class LogCheckpoints {

  private LogCheckpoints() {
  }

  /**
   * The origin a log gets when none is given: derived from its first entry, never from its path, so
   * a copy of the log elsewhere keeps its name.
   */
  static String defaultOrigin(List<String> lines) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(lines.get(0).getBytes(StandardCharsets.UTF_8));
      return "exporthub/log-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The checkpoint of these lines. */
  static SignedCheckpoint of(String origin, List<String> lines) {
    return new SignedCheckpoint(origin, lines.size(), MerkleTree.ofLines(lines).root());
  }

  /**
   * Checks a log against a signed checkpoint: its signature, that the log holds at least as many
   * entries, and that its first entries hash to the checkpoint's root.
   *
   * @return what was checked, for people
   * @throws CliException (failed) naming what does not check out
   */
  static String check(Path note, PublicKey key, List<String> lines) {
    String text;
    try {
      text = Files.readString(note, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.usage("cannot read the checkpoint " + note + ": " + e.getMessage());
    }
    int end = text.indexOf('\n');
    String origin = end < 0 ? text : text.substring(0, end);
    SignedCheckpoint checkpoint;
    try {
      checkpoint = SignedCheckpoint.verify(text, origin, key);
    } catch (IllegalArgumentException e) {
      throw CliException.failed("the checkpoint " + note + " does not check out: " + e.getMessage());
    }
    if (checkpoint.treeSize() > lines.size()) {
      throw CliException.failed("the log holds " + lines.size() + " entries but the signed checkpoint "
          + checkpoint.treeSize() + ": entries were deleted");
    }
    byte[] root = MerkleTree.ofLines(lines.subList(0, (int) checkpoint.treeSize())).root();
    if (!MessageDigest.isEqual(root, checkpoint.rootHash())) {
      throw CliException.failed("the log's first " + checkpoint.treeSize()
          + " entries do not hash to the signed checkpoint's root: the log was rewritten");
    }
    return "signed checkpoint " + checkpoint.origin() + " at " + checkpoint.treeSize() + " entries holds";
  }
}
