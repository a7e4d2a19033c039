package dev.exporthub.core.log;

import dev.exporthub.core.internal.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * The Merkle tree of RFC 9162 §2.1 over the export log ({@code docs/SPECIFICATION.md} §7.5): the data
 * of leaf <i>i</i> is the exact UTF-8 bytes of stored entry <i>i</i> (its line without the line
 * terminator), a leaf hash is {@code SHA-256(0x00 ‖ data)}, a node hash
 * {@code SHA-256(0x01 ‖ left ‖ right)}, and the tree of {@code n} leaves splits at the largest power
 * of two below {@code n}. Roots, inclusion proofs (§2.1.3) and consistency proofs (§2.1.4) are
 * computed here; their verification needs only the hashes, not the log.
 *
 * <p><b>Reading the leaves.</b> The tree is read through a function from leaf index to leaf hash,
 * so a store can serve it without holding the log in memory. {@link #root()},
 * {@link #inclusionProof(long)} and {@link #consistencyProof(long)} each ask for every leaf they need
 * once, in increasing index order: a proof's subtrees are planned first and then hashed in ascending
 * order of their first leaf. So one pass over a stream of the log serves each call (a reader that
 * only moves forward, skipping what it is not asked for), and memory stays O(log n): a root or a
 * proof holds one hash per level of the tree, never the leaves.
 */
public final class MerkleTree {

  private static final int HASH = 32;

  private final long size;
  private final LongFunction<byte[]> leaves;

  private MerkleTree(long size, LongFunction<byte[]> leaves) {
    this.size = size;
    this.leaves = leaves;
  }

  /**
   * A tree of {@code size} leaves.
   *
   * @param leaves the hash of leaf {@code i}, for {@code 0 <= i < size}
   */
  public static MerkleTree of(long size, LongFunction<byte[]> leaves) {
    if (size < 0) {
      throw new IllegalArgumentException("A tree has no negative size: " + size);
    }
    return new MerkleTree(size, Objects.requireNonNull(leaves, "leaves"));
  }

  /** The tree of these stored lines, each a leaf. */
  public static MerkleTree ofLines(List<String> lines) {
    List<byte[]> hashes = new ArrayList<>(lines.size());
    lines.forEach(line -> hashes.add(leafHash(line)));
    return of(hashes.size(), i -> hashes.get((int) i));
  }

  public long size() {
    return size;
  }

  /** {@code SHA-256(0x00 ‖ the line's UTF-8 bytes)}. */
  public static byte[] leafHash(String line) {
    MessageDigest sha = Hashing.sha256();
    sha.update((byte) 0x00);
    sha.update(line.getBytes(StandardCharsets.UTF_8));
    return sha.digest();
  }

  /** {@code SHA-256(0x01 ‖ left ‖ right)}. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest sha = Hashing.sha256();
    sha.update((byte) 0x01);
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }

  /** The root hash, MTH(D[n]); for the empty tree the hash of no bytes. */
  public byte[] root() {
    return size == 0 ? emptyRoot() : hash(0, size);
  }

  /**
   * The inclusion proof of leaf {@code index}: PATH(m, D[n]) of RFC 9162 §2.1.3.1, the sibling
   * hashes from the leaf up.
   */
  public List<byte[]> inclusionProof(long index) {
    List<Range> path = path(index);
    Map<Range, byte[]> hashed = hashAscending(path);
    return path.stream().map(hashed::get).toList();
  }

  /**
   * The consistency proof from the tree of the first {@code first} leaves to this one:
   * PROOF(m, D[n]) of RFC 9162 §2.1.4.1; empty when {@code first} is 0 or this tree's size.
   */
  public List<byte[]> consistencyProof(long first) {
    List<Range> proof = subproof(first);
    Map<Range, byte[]> hashed = hashAscending(proof);
    return proof.stream().map(hashed::get).toList();
  }

  /** An inclusion proof with the root of the tree it leads to. */
  record Inclusion(List<byte[]> proof, byte[] root) {
  }

  /**
   * {@link #inclusionProof(long)} and {@link #root()} in one pass over every leaf, the proven one
   * included: the proof's subtrees and that leaf partition the tree, so the root is composed of them.
   */
  Inclusion inclusion(long index) {
    List<Range> path = path(index);
    List<Range> all = new ArrayList<>(path);
    all.add(new Range(index, index + 1));
    Map<Range, byte[]> hashed = hashAscending(all);
    return new Inclusion(path.stream().map(hashed::get).toList(), compose(0, size, hashed));
  }

  /** A consistency proof with the roots of the two trees it relates. */
  record Consistency(byte[] firstRoot, List<byte[]> proof, byte[] root) {
  }

  /**
   * {@link #consistencyProof(long)} and the roots of the first {@code first} leaves and of the whole
   * tree, in one pass over every leaf: the proof's subtrees, with the first tree itself when the
   * proof leaves it out (a power of two), partition the tree, and both roots are composed of them.
   */
  Consistency consistency(long first) {
    List<Range> proof = subproof(first);
    List<Range> all = new ArrayList<>(proof);
    if (proof.isEmpty() && size > 0) {
      all.add(new Range(0, size)); // first is 0 or the whole tree: no proof, both roots from the one pass
    } else if (Long.bitCount(first) == 1) {
      all.add(new Range(0, first)); // the first tree is a complete subtree, which the proof leaves out
    }
    Map<Range, byte[]> hashed = hashAscending(all);
    return new Consistency(first == 0 ? emptyRoot() : compose(0, first, hashed),
        proof.stream().map(hashed::get).toList(), size == 0 ? emptyRoot() : compose(0, size, hashed));
  }

  /**
   * Whether {@code proof} shows that the leaf with {@code leafHash} is leaf {@code index} of the
   * tree of {@code size} leaves whose root is {@code root} (RFC 9162 §2.1.3.2).
   */
  public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
    if (index < 0 || index >= size || !wellFormed(proof) || leafHash.length != HASH) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }

  /**
   * Whether {@code proof} shows that the tree of {@code first} leaves with root {@code firstRoot}
   * is a prefix of the tree of {@code second} leaves with root {@code secondRoot} (RFC 9162
   * §2.1.4.2). Equal sizes need equal roots and an empty proof; the empty tree is a prefix of any.
   */
  public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot,
      List<byte[]> proof) {
    if (first < 0 || first > second || !wellFormed(proof)) {
      return false;
    }
    if (first == second) {
      return proof.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
    }
    if (first == 0) {
      return proof.isEmpty();
    }
    if (proof.isEmpty()) {
      return false;
    }
    List<byte[]> path = new ArrayList<>(proof);
    if (Long.bitCount(first) == 1) {
      path.add(0, firstRoot);
    }
    long fn = first - 1;
    long sn = second - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
  }

  /** MTH(D[lo:hi]), for {@code hi > lo}. */
  private byte[] hash(long lo, long hi) {
    if (hi - lo == 1) {
      byte[] leaf = leaves.apply(lo);
      if (leaf == null || leaf.length != HASH) {
        throw new IllegalStateException("Leaf " + lo + " has no 32-byte hash");
      }
      return leaf;
    }
    long k = split(hi - lo);
    return nodeHash(hash(lo, lo + k), hash(lo + k, hi));
  }

  /** The leaves {@code [lo, hi)} of one subtree. */
  private record Range(long lo, long hi) {
  }

  /**
   * The hashes of disjoint subtrees, computed in ascending order of their first leaf, so that every
   * leaf is read at most once and in increasing index order.
   */
  private Map<Range, byte[]> hashAscending(List<Range> ranges) {
    Map<Range, byte[]> hashed = new HashMap<>();
    ranges.stream().sorted(Comparator.comparingLong(Range::lo))
        .forEach(range -> hashed.put(range, hash(range.lo(), range.hi())));
    return hashed;
  }

  /** MTH(D[lo:hi]) from subtree hashes already computed, reading no leaf. */
  private static byte[] compose(long lo, long hi, Map<Range, byte[]> hashed) {
    byte[] known = hashed.get(new Range(lo, hi));
    if (known != null) {
      return known;
    }
    if (hi - lo == 1) {
      throw new IllegalStateException("Leaf " + lo + " was not hashed");
    }
    long k = split(hi - lo);
    return nodeHash(compose(lo, lo + k, hashed), compose(lo + k, hi, hashed));
  }

  /** Plans PATH(index, D[n]). */
  private List<Range> path(long index) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("Leaf " + index + " is not in a tree of " + size);
    }
    List<Range> path = new ArrayList<>();
    path(index, 0, size, path);
    return path;
  }

  /** Plans PATH(m, D[lo:hi]): the sibling subtrees of leaf {@code m}, from the leaf up. */
  private static void path(long m, long lo, long hi, List<Range> path) {
    if (hi - lo == 1) {
      return;
    }
    long k = split(hi - lo);
    if (m < lo + k) {
      path(m, lo, lo + k, path);
      path.add(new Range(lo + k, hi));
    } else {
      path(m, lo + k, hi, path);
      path.add(new Range(lo, lo + k));
    }
  }

  /** Plans PROOF(first, D[n]); empty when {@code first} is 0 or n. */
  private List<Range> subproof(long first) {
    if (first < 0 || first > size) {
      throw new IllegalArgumentException("A tree of " + first + " leaves is no prefix of a tree of " + size);
    }
    List<Range> proof = new ArrayList<>();
    if (first > 0 && first < size) {
      subproof(first, 0, size, true, proof);
    }
    return proof;
  }

  /** Plans SUBPROOF(m, D[lo:hi], whole) for the first {@code m} leaves of the whole tree. */
  private static void subproof(long m, long lo, long hi, boolean whole, List<Range> proof) {
    if (m == hi) {
      if (!whole) {
        proof.add(new Range(lo, hi));
      }
      return;
    }
    long k = split(hi - lo);
    if (m <= lo + k) {
      subproof(m, lo, lo + k, whole, proof);
      proof.add(new Range(lo + k, hi));
    } else {
      subproof(m, lo + k, hi, false, proof);
      proof.add(new Range(lo, lo + k));
    }
  }

  /** MTH of the empty tree: the hash of no bytes. */
  private static byte[] emptyRoot() {
    return Hashing.sha256().digest();
  }

  /** The largest power of two below {@code n}, for {@code n > 1}. */
  private static long split(long n) {
    return Long.highestOneBit(n - 1);
  }

  private static boolean wellFormed(List<byte[]> proof) {
    return proof.stream().allMatch(hash -> hash != null && hash.length == HASH);
  }

  @Override
  public String toString() {
    return "MerkleTree[" + size + " leaves]";
  }

}
