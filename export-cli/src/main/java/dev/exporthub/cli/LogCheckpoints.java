package dev.exporthub.cli;

import dev.exporthub.core.log.CheckpointFile;
import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.core.log.CompactRange;
import dev.exporthub.core.log.ForwardLines;
import dev.exporthub.core.log.MerkleTree;
import dev.exporthub.core.log.SignedCheckpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Signed checkpoints of a log file (SPECIFICATION.md §7.5): made by {@code log checkpoint} (one
 * signed note) or by a hub's automatic checkpoints (a checkpoints file of many), checked by
 * {@code log verify --checkpoint FILE --public-key PUB}. The key name in a note is its origin.
 */
final class LogCheckpoints {

  private LogCheckpoints() {
  }

  /** The checkpoint of the store's lines as they are, read in one pass. */
  static SignedCheckpoint of(String origin, ExportLogStore store) {
    CompactRange tree = new CompactRange();
    try (Stream<String> lines = store.stream(1)) {
      lines.forEach(line -> tree.append(MerkleTree.leafHash(line)));
    }
    return new SignedCheckpoint(origin, tree.size(), tree.root());
  }

  /** One checkpoint to check: its note, and where it is for people. */
  private record Claim(String note, String name) {
  }

  /** A checkpoint whose signature held, and where it came from. */
  private record Signed(SignedCheckpoint checkpoint, String name) {
  }

  /**
   * Checks a log against a signed note, or against every checkpoint of a checkpoints file (told
   * apart by content: a checkpoints file starts with {@code {}): each signature, that the log holds
   * at least as many entries, and that its first entries hash to the checkpoint's root. The roots
   * come from one pass over the lines, smallest checkpoint first.
   *
   * @return what was checked, for people
   * @throws CliException (failed) naming the first checkpoint that does not check out: in the file's
   *                      order for a signature, else the smallest tree size that fails
   */
  static String check(Path file, PublicKey key, ExportLogStore store) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw CliException.usage("cannot read the checkpoint " + file + ": " + e.getMessage());
    }
    boolean many = bytes.length == 0 || bytes[0] == '{';
    List<Claim> claims = new ArrayList<>();
    boolean torn = false;
    if (many) {
      CheckpointFile.Contents contents;
      try {
        contents = CheckpointFile.parse(bytes);
      } catch (IllegalArgumentException e) {
        throw CliException.failed(file + ": " + e.getMessage());
      }
      torn = contents.tornTail();
      for (CheckpointFile.Entry entry : contents.entries()) {
        claims.add(new Claim(entry.note(), "checkpoint " + (claims.size() + 1) + " of " + file));
      }
      if (claims.isEmpty()) {
        throw CliException.failed("the checkpoints file " + file + " holds no complete checkpoint");
      }
    } else {
      claims.add(new Claim(utf8(bytes, file), "the checkpoint " + file));
    }
    List<Signed> signed = new ArrayList<>();
    for (Claim claim : claims) {
      int end = claim.note().indexOf('\n');
      String origin = end < 0 ? claim.note() : claim.note().substring(0, end);
      try {
        signed.add(new Signed(SignedCheckpoint.verify(claim.note(), origin, key), claim.name()));
      } catch (IllegalArgumentException e) {
        throw CliException.failed(claim.name() + " does not check out: " + e.getMessage());
      }
    }
    signed.sort(Comparator.comparingLong(s -> s.checkpoint().treeSize()));
    CompactRange tree = new CompactRange();
    long size = store.size();
    try (ForwardLines lines = ForwardLines.of(store)) {
      for (Signed one : signed) {
        SignedCheckpoint checkpoint = one.checkpoint();
        if (checkpoint.treeSize() > size) {
          throw CliException.failed("the log holds " + size + " entries but " + one.name() + " signed "
              + checkpoint.treeSize() + ": entries were deleted");
        }
        while (tree.size() < checkpoint.treeSize()) {
          tree.append(MerkleTree.leafHash(lines.apply(tree.size())));
        }
        if (!MessageDigest.isEqual(tree.root(), checkpoint.rootHash())) {
          throw CliException.failed("the log's first " + checkpoint.treeSize() + " entries do not hash to the root of "
              + one.name() + ": the log was rewritten");
        }
      }
    }
    SignedCheckpoint newest = signed.get(signed.size() - 1).checkpoint();
    if (!many) {
      return "signed checkpoint " + newest.origin() + " at " + newest.treeSize() + " entries holds";
    }
    return signed.size() + " signed checkpoints of " + newest.origin() + " hold, the newest at " + newest.treeSize()
        + " entries" + (torn ? " (a torn last record, an append that never finished, was ignored)" : "");
  }

  private static String utf8(byte[] bytes, Path file) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw CliException.failed("the checkpoint " + file + " does not check out: it is not UTF-8 text");
    }
  }
}
