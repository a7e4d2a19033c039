package dev.exporthub.core.log;

import dev.exporthub.core.internal.Hashing;

/**
 * The Merkle tree of {@link MerkleTree} in incremental form: the roots of the perfect subtrees that
 * cover the leaves appended so far, largest (leftmost) first, one for each bit set in the size. An
 * append merges equal-sized subtrees, as a binary counter carries; the root folds them from the
 * right. So a tree of any size costs at most 64 hashes of memory and O(log n) hashing per append
 * and per root, and a log of a million entries is checkpointed without being read again
 * ({@code docs/SPECIFICATION.md} §7.5).
 *
 * <p>{@link #root()} equals {@link MerkleTree#root()} of the same leaves. Not thread-safe.
 */
public final class CompactRange {

  private static final int HASH = 32;

  /** {@code subtrees[i]} for {@code i < count}: the perfect subtrees, left to right, sizes falling. */
  private final byte[][] subtrees = new byte[Long.SIZE][];
  private int count;
  private long size;

  /** The range of the empty tree. */
  public CompactRange() {
  }

  /**
   * Appends one leaf.
   *
   * @param leafHash the leaf's 32-byte hash, such as {@link MerkleTree#leafHash(String)} of a stored line
   * @throws IllegalArgumentException when it is not 32 bytes
   * @throws IllegalStateException    when the tree holds {@link Long#MAX_VALUE} leaves already
   */
  public void append(byte[] leafHash) {
    if (leafHash == null || leafHash.length != HASH) {
      throw new IllegalArgumentException("A leaf hash has 32 bytes");
    }
    if (size == Long.MAX_VALUE) {
      throw new IllegalStateException("The tree is full");
    }
    byte[] hash = leafHash.clone();
    // Each low 1 bit of the size is a subtree of the new leaf's size on the right: merge them.
    for (long carry = size; (carry & 1) == 1; carry >>>= 1) {
      hash = MerkleTree.nodeHash(subtrees[--count], hash);
    }
    subtrees[count++] = hash;
    size++;
  }

  /** The number of leaves appended. */
  public long size() {
    return size;
  }

  /** The root hash, MTH(D[n]) of RFC 9162 §2.1; for the empty tree the hash of no bytes. */
  public byte[] root() {
    if (count == 0) {
      return Hashing.sha256().digest();
    }
    byte[] root = subtrees[count - 1];
    for (int i = count - 2; i >= 0; i--) {
      root = MerkleTree.nodeHash(subtrees[i], root);
    }
    return root.clone();
  }

  @Override
  public String toString() {
    return "CompactRange[" + size + " leaves, " + count + " subtrees]";
  }
}
