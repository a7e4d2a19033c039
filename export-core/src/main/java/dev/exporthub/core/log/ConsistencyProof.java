package dev.exporthub.core.log;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * A proof that a log only grew between two signed checkpoints of it ({@code docs/SPECIFICATION.md}
 * §7.5): the entries the older one covers are, unchanged, the first entries of the newer one. Whoever
 * holds it checks it with the log's public key alone: an auditor who kept the checkpoint of an earlier
 * audit learns that nothing it covered was rewritten, reordered or deleted since, without the log.
 *
 * <p>As a document ({@link #toJson()}, {@link #parse(String)}): one JSON object with the members
 * {@code oldCheckpoint}, {@code checkpoint} and {@code consistencyProof} (an array of standard base64
 * hashes), in this order, compact, ended by a newline.
 *
 * @param oldCheckpoint    the older signed note, exactly as signed
 * @param checkpoint       the newer signed note, exactly as signed
 * @param consistencyProof PROOF(old tree size, D[tree size]) of RFC 9162 §2.1.4, each hash the
 *                         standard base64 (with padding) of 32 bytes; empty for equal sizes
 */
public record ConsistencyProof(String oldCheckpoint, String checkpoint, List<String> consistencyProof) {

  private static final List<String> MEMBERS = List.of("oldCheckpoint", "checkpoint", "consistencyProof");

  /**
   * The two checkpoints a consistency proof verified.
   *
   * @param oldCheckpoint the older: its entries are the first entries of the newer
   * @param checkpoint    the newer
   */
  public record Verified(SignedCheckpoint oldCheckpoint, SignedCheckpoint checkpoint) {
  }

  /** @throws IllegalArgumentException when a hash is not the base64 of 32 bytes */
  public ConsistencyProof {
    Objects.requireNonNull(oldCheckpoint, "oldCheckpoint");
    Objects.requireNonNull(checkpoint, "checkpoint");
    consistencyProof = ProofDocuments.hashes("consistencyProof", consistencyProof);
  }

  /**
   * The consistency proof between two checkpoints of a log. The log is read once, its first lines up
   * to the newer checkpoint's size in increasing order, and must hash to both checkpoints' roots; the
   * notes' signatures are not checked here (the proof's reader does, in {@link #verify}).
   *
   * @param logSize       how many stored lines the log holds
   * @param lines         stored line {@code i} without its terminator; asked for at most once each, in
   *                      increasing order of {@code i}, so one pass over a stream of the log serves
   * @param oldCheckpoint the older signed note
   * @param checkpoint    the newer signed note
   * @throws IllegalArgumentException when a note is not a signed checkpoint, when the two name
   *                                  different logs, or when the old one covers more entries
   * @throws InvalidProofException    when the log holds fewer entries than the newer checkpoint, or
   *                                  does not hash to either checkpoint's root
   */
  public static ConsistencyProof prove(long logSize, LongFunction<String> lines, String oldCheckpoint,
      String checkpoint) {
    SignedCheckpoint older = ProofDocuments.stated(oldCheckpoint, "old checkpoint");
    SignedCheckpoint newer = ProofDocuments.stated(checkpoint, "checkpoint");
    if (!older.origin().equals(newer.origin())) {
      throw new IllegalArgumentException("The old checkpoint is of the log '" + older.origin()
          + "' and the checkpoint of '" + newer.origin() + "': a consistency proof relates two checkpoints of one log");
    }
    if (older.treeSize() > newer.treeSize()) {
      throw new IllegalArgumentException("The old checkpoint covers " + older.treeSize()
          + " entries, more than the checkpoint's " + newer.treeSize() + ": give the older of the two as the old one");
    }
    MerkleTree.Consistency consistency = ProofDocuments.tree(logSize, lines, newer, "checkpoint")
        .consistency(older.treeSize());
    if (!MessageDigest.isEqual(consistency.root(), newer.rootHash())) {
      throw new InvalidProofException("The log's first " + newer.treeSize()
          + " entries do not hash to the checkpoint's root: the checkpoint is of another log, or the log was"
          + " rewritten since it was signed");
    }
    if (!MessageDigest.isEqual(consistency.firstRoot(), older.rootHash())) {
      throw new InvalidProofException("The log's first " + older.treeSize()
          + " entries do not hash to the old checkpoint's root: the log was rewritten after the old checkpoint"
          + " was signed");
    }
    return new ConsistencyProof(oldCheckpoint, checkpoint, ProofDocuments.encode(consistency.proof()));
  }

  /**
   * Checks the proof with the log's public key, and nothing else: both checkpoints' signatures by
   * that key (each under its note's origin), that they name the same log, that the old one is not
   * larger, and that the proof shows the old tree to be the first entries of the new one.
   *
   * @param key the log's Ed25519 public key, got from the key holder by another way than the proof
   * @return the two checkpoints, verified
   * @throws InvalidProofException naming the first check that fails
   */
  public Verified verify(PublicKey key) {
    Objects.requireNonNull(key, "key");
    SignedCheckpoint older = ProofDocuments.verified(oldCheckpoint, key, "old checkpoint");
    SignedCheckpoint newer = ProofDocuments.verified(checkpoint, key, "checkpoint");
    if (!older.origin().equals(newer.origin())) {
      throw new InvalidProofException("The checkpoints are of two logs: '" + older.origin() + "' and '"
          + newer.origin() + "'");
    }
    if (older.treeSize() > newer.treeSize()) {
      throw new InvalidProofException("The old checkpoint covers " + older.treeSize()
          + " entries, more than the checkpoint's " + newer.treeSize());
    }
    if (!MerkleTree.verifyConsistency(older.treeSize(), newer.treeSize(), older.rootHash(), newer.rootHash(),
        ProofDocuments.decode(consistencyProof))) {
      throw new InvalidProofException("The consistency proof does not show the old checkpoint's "
          + older.treeSize() + " entries as the first of the checkpoint's " + newer.treeSize()
          + ": the log was rewritten in between, or the proof was changed");
    }
    return new Verified(older, newer);
  }

  /** The proof as its JSON document, ended by a newline. */
  public String toJson() {
    return ProofDocuments.write(json -> {
      json.writeStringField("oldCheckpoint", oldCheckpoint);
      json.writeStringField("checkpoint", checkpoint);
      ProofDocuments.writeHashes(json, "consistencyProof", consistencyProof);
    });
  }

  /**
   * Reads a consistency proof's JSON document: exactly its three members, each once and of its type,
   * in any order. Whether it holds is {@link #verify}'s to say.
   *
   * @throws IllegalArgumentException {@code Not a consistency proof: ...}, naming the member missing,
   *                                  unknown, repeated or of the wrong type
   */
  public static ConsistencyProof parse(String json) {
    return ProofDocuments.parse(json, "a consistency proof", MEMBERS, members -> new ConsistencyProof(
        members.text("oldCheckpoint"), members.text("checkpoint"), members.strings("consistencyProof")));
  }
}
