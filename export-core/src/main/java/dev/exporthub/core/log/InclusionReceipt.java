package dev.exporthub.core.log;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * A receipt that one stored entry is in the log a signed checkpoint covers
 * ({@code docs/SPECIFICATION.md} §7.5): the entry, its place, the RFC 9162 inclusion proof and the
 * checkpoint. Whoever holds it checks it with the log's public key alone, never the log: an auditor
 * keeps the receipt of an artifact's {@code export-generated} entry and knows, without being given the
 * log again, that the entry is in the log the key holder signed, unchanged.
 *
 * <p>As a document ({@link #toJson()}, {@link #parse(String)}): one JSON object with the members
 * {@code entry}, {@code leafIndex}, {@code treeSize}, {@code inclusionProof} (an array of standard
 * base64 hashes) and {@code checkpoint}, in this order, compact, ended by a newline.
 *
 * @param entry          the stored line, exactly, without its line terminator; its leaf hash is
 *                       SHA-256(0x00 ‖ its UTF-8 bytes)
 * @param leafIndex      its place in the log, from 0: in an intact log its sequence number minus one
 * @param treeSize       the number of entries the checkpoint covers
 * @param inclusionProof PATH(leafIndex, D[treeSize]) of RFC 9162 §2.1.3, the sibling hashes from the
 *                       leaf up, each the standard base64 (with padding) of 32 bytes
 * @param checkpoint     the signed note of {@link SignedCheckpoint}, exactly as signed
 */
public record InclusionReceipt(String entry, long leafIndex, long treeSize, List<String> inclusionProof,
    String checkpoint) {

  private static final List<String> MEMBERS = List.of("entry", "leafIndex", "treeSize", "inclusionProof",
      "checkpoint");

  /**
   * @throws IllegalArgumentException when a number is negative or a hash is not the base64 of 32 bytes
   */
  public InclusionReceipt {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(checkpoint, "checkpoint");
    if (leafIndex < 0 || treeSize < 0) {
      throw new IllegalArgumentException("leafIndex and treeSize are not negative: " + leafIndex + ", " + treeSize);
    }
    inclusionProof = ProofDocuments.hashes("inclusionProof", inclusionProof);
  }

  /**
   * The receipt of stored line {@code leafIndex} of a log against a checkpoint of it. The log is read
   * once, its first {@code treeSize} lines in increasing order, and must hash to the checkpoint's
   * root; the note's signature is not checked here (its reader does, in {@link #verify}), so no key
   * is needed.
   *
   * @param logSize    how many stored lines the log holds
   * @param lines      stored line {@code i} without its terminator; asked for at most once each, in
   *                   increasing order of {@code i}, so one pass over a stream of the log serves
   * @param leafIndex  the entry's place, from 0
   * @param checkpoint the signed note the receipt leads to
   * @throws IllegalArgumentException when the checkpoint is not a signed checkpoint, or does not cover
   *                                  the entry
   * @throws InvalidProofException    when the log holds fewer entries than the checkpoint, or its
   *                                  first entries do not hash to the checkpoint's root: a checkpoint
   *                                  of another log, or a log rewritten since it was signed
   */
  public static InclusionReceipt prove(long logSize, LongFunction<String> lines, long leafIndex, String checkpoint) {
    SignedCheckpoint stated = ProofDocuments.stated(checkpoint, "checkpoint");
    if (leafIndex < 0 || leafIndex >= stated.treeSize()) {
      throw new IllegalArgumentException("Entry " + (leafIndex + 1) + " is not among the " + stated.treeSize()
          + " entries the checkpoint covers; prove it against a checkpoint signed after it was logged");
    }
    String[] entry = new String[1];
    MerkleTree.Inclusion inclusion = ProofDocuments.tree(logSize, i -> {
      String line = lines.apply(i);
      if (i == leafIndex) {
        entry[0] = line;
      }
      return line;
    }, stated, "checkpoint").inclusion(leafIndex);
    if (!MessageDigest.isEqual(inclusion.root(), stated.rootHash())) {
      throw new InvalidProofException("The log's first " + stated.treeSize()
          + " entries do not hash to the checkpoint's root: the checkpoint is of another log, or the log was"
          + " rewritten since it was signed");
    }
    return new InclusionReceipt(entry[0], leafIndex, stated.treeSize(), ProofDocuments.encode(inclusion.proof()),
        checkpoint);
  }

  /**
   * Checks the receipt with the log's public key, and nothing else: the checkpoint's signature by
   * that key (under the note's origin), that {@code treeSize} is the checkpoint's, that
   * {@code leafIndex} is in the tree, and that the proof leads from the entry's leaf hash to the
   * checkpoint's root.
   *
   * @param key the log's Ed25519 public key, got from the key holder by another way than the receipt
   * @return the checkpoint, verified: the log of its origin held the entry at {@code leafIndex} when
   *         it had {@code treeSize} entries
   * @throws InvalidProofException naming the first check that fails
   */
  public SignedCheckpoint verify(PublicKey key) {
    Objects.requireNonNull(key, "key");
    SignedCheckpoint signed = ProofDocuments.verified(checkpoint, key, "checkpoint");
    if (treeSize != signed.treeSize()) {
      throw new InvalidProofException("The receipt's treeSize " + treeSize + " is not its checkpoint's tree size "
          + signed.treeSize());
    }
    if (leafIndex >= treeSize) {
      throw new InvalidProofException("The receipt's leafIndex " + leafIndex + " is not in a tree of " + treeSize
          + " entries");
    }
    if (!MerkleTree.verifyInclusion(leafIndex, treeSize, MerkleTree.leafHash(entry),
        ProofDocuments.decode(inclusionProof), signed.rootHash())) {
      throw new InvalidProofException("The inclusion proof does not lead from the entry to the checkpoint's root:"
          + " the entry, its leafIndex or the proof was changed, or the checkpoint is of another log");
    }
    return signed;
  }

  /** The receipt as its JSON document, ended by a newline. */
  public String toJson() {
    return ProofDocuments.write(json -> {
      json.writeStringField("entry", entry);
      json.writeNumberField("leafIndex", leafIndex);
      json.writeNumberField("treeSize", treeSize);
      ProofDocuments.writeHashes(json, "inclusionProof", inclusionProof);
      json.writeStringField("checkpoint", checkpoint);
    });
  }

  /**
   * Reads a receipt's JSON document: exactly its five members, each once and of its type, in any
   * order. Whether it holds is {@link #verify}'s to say.
   *
   * @throws IllegalArgumentException {@code Not an inclusion receipt: ...}, naming the member missing,
   *                                  unknown, repeated or of the wrong type
   */
  public static InclusionReceipt parse(String json) {
    return ProofDocuments.parse(json, "an inclusion receipt", MEMBERS, members -> new InclusionReceipt(
        members.text("entry"), members.count("leafIndex"), members.count("treeSize"),
        members.strings("inclusionProof"), members.text("checkpoint")));
  }
}
