package dev.exporthub.core.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 9162 §2.1, checked against published vectors and an independent reading of the RFC's text. */
class MerkleTreeTest {

  private static final HexFormat HEX = HexFormat.of();

  /** Certificate Transparency's reference inputs, and the roots of their first 1..8 leaves. */
  private static final List<String> VECTOR_LEAVES = List.of("", "00", "10", "2021", "3031", "40414243",
      "5051525354555657", "606162636465666768696a6b6c6d6e6f");
  private static final List<String> VECTOR_ROOTS = List.of(
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  // ---- an independent implementation, written from RFC 9162 §2.1.1's definition of MTH

  private static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        sha.update(part);
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] mth(List<byte[]> data) {
    int n = data.size();
    if (n == 0) {
      return sha256();
    }
    if (n == 1) {
      return sha256(new byte[] {0}, data.get(0));
    }
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return sha256(new byte[] {1}, mth(data.subList(0, k)), mth(data.subList(k, n)));
  }

  private static MerkleTree treeOf(List<byte[]> data) {
    List<byte[]> leaves = new ArrayList<>();
    data.forEach(d -> leaves.add(sha256(new byte[] {0}, d)));
    return MerkleTree.of(leaves.size(), i -> leaves.get((int) i));
  }

  private static List<byte[]> lines(int n, long seed) {
    Random random = new Random(seed);
    List<byte[]> data = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      data.add(("{\"sequence\":" + (i + 1) + ",\"x\":\"" + Long.toHexString(random.nextLong()) + "é\"}")
          .getBytes(StandardCharsets.UTF_8));
    }
    return data;
  }

  @Test
  @DisplayName("roots equal Certificate Transparency's published vectors")
  void vectors() {
    List<byte[]> data = VECTOR_LEAVES.stream().map(HEX::parseHex).toList();
    for (int n = 1; n <= data.size(); n++) {
      assertEquals(VECTOR_ROOTS.get(n - 1), HEX.formatHex(treeOf(data.subList(0, n)).root()), "size " + n);
    }
    assertArrayEquals(sha256(), MerkleTree.of(0, i -> null).root(), "the empty tree");
  }

  @Test
  @DisplayName("roots equal the independent implementation for every size up to 70, and leaves are the lines' bytes")
  void roots() {
    for (int n = 0; n <= 70; n++) {
      List<byte[]> data = lines(n, n);
      assertArrayEquals(mth(data), treeOf(data).root(), "size " + n);
    }
    List<String> stored = List.of("{\"a\":1}", "{\"b\":\"ü\"}", "{\"c\":3}");
    List<byte[]> bytes = stored.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    assertArrayEquals(mth(bytes), MerkleTree.ofLines(stored).root());
  }

  @Test
  @DisplayName("an inclusion proof verifies for every leaf of every size up to 40, and fails when anything changes")
  void inclusion() {
    for (int n = 1; n <= 40; n++) {
      List<byte[]> data = lines(n, 100 + n);
      MerkleTree tree = treeOf(data);
      byte[] root = tree.root();
      for (int i = 0; i < n; i++) {
        byte[] leaf = sha256(new byte[] {0}, data.get(i));
        List<byte[]> proof = tree.inclusionProof(i);
        assertTrue(MerkleTree.verifyInclusion(i, n, leaf, proof, root), n + "/" + i);
        byte[] otherLeaf = sha256(new byte[] {0}, "changed".getBytes(StandardCharsets.UTF_8));
        assertFalse(MerkleTree.verifyInclusion(i, n, otherLeaf, proof, root), "changed entry " + n + "/" + i);
        assertFalse(MerkleTree.verifyInclusion(i, n, leaf, proof, sha256(root)), "changed root " + n + "/" + i);
        // (The size is not always bound by the path alone: a receipt takes it from its signed checkpoint.)
        if (n > 1) {
          assertFalse(MerkleTree.verifyInclusion((i + 1) % n, n, leaf, proof, root), "other index " + n + "/" + i);
        }
        for (int p = 0; p < proof.size(); p++) {
          List<byte[]> tampered = new ArrayList<>(proof);
          byte[] hash = tampered.get(p).clone();
          hash[p % hash.length] ^= 1;
          tampered.set(p, hash);
          assertFalse(MerkleTree.verifyInclusion(i, n, leaf, tampered, root), "changed proof hash " + n + "/" + i);
        }
      }
    }
    assertThrows(IllegalArgumentException.class, () -> treeOf(lines(3, 1)).inclusionProof(3));
  }

  @Test
  @DisplayName("a consistency proof verifies for every pair of sizes up to 33, and fails when the old log was rewritten")
  void consistency() {
    List<byte[]> data = lines(33, 7);
    MerkleTree whole = treeOf(data);
    for (int n = 0; n <= 33; n++) {
      MerkleTree second = treeOf(data.subList(0, n));
      for (int m = 0; m <= n; m++) {
        byte[] firstRoot = treeOf(data.subList(0, m)).root();
        List<byte[]> proof = second.consistencyProof(m);
        assertTrue(MerkleTree.verifyConsistency(m, n, firstRoot, second.root(), proof), m + "->" + n);
        if (m > 0 && m < n) {
          List<byte[]> rewritten = new ArrayList<>(data.subList(0, m));
          rewritten.set(m - 1, "rewritten".getBytes(StandardCharsets.UTF_8));
          assertFalse(MerkleTree.verifyConsistency(m, n, treeOf(rewritten).root(), second.root(), proof),
              "old log rewritten " + m + "->" + n);
          assertFalse(MerkleTree.verifyConsistency(m, n, firstRoot, sha256(second.root()), proof),
              "other new root " + m + "->" + n);
          List<byte[]> tampered = new ArrayList<>(proof);
          tampered.set(0, sha256(tampered.get(0)));
          assertFalse(MerkleTree.verifyConsistency(m, n, firstRoot, second.root(), tampered), "changed proof");
        }
      }
    }
    assertTrue(MerkleTree.verifyConsistency(33, 33, whole.root(), whole.root(), List.of()));
    assertFalse(MerkleTree.verifyConsistency(5, 4, whole.root(), whole.root(), List.of()));
  }

  /**
   * Leaf hashes that can only be read forward, like one pass over a stream of the log: asking for a
   * leaf not after the last one asked fails.
   */
  private static LongFunction<byte[]> forwardOnly(List<byte[]> leaves) {
    long[] last = {-1};
    return i -> {
      if (i <= last[0]) {
        throw new AssertionError("leaf " + i + " asked for after leaf " + last[0]);
      }
      last[0] = i;
      return leaves.get((int) i);
    };
  }

  private static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(HEX::formatHex).toList();
  }

  @Test
  @DisplayName("roots and proofs read each leaf at most once, in increasing order, for every size and index up to 40")
  void readsLeavesForwardOnly() {
    for (int n = 1; n <= 40; n++) {
      List<byte[]> data = lines(n, 300 + n);
      List<byte[]> leaves = data.stream().map(d -> sha256(new byte[] {0}, d)).toList();
      int size = n;
      Supplier<MerkleTree> forward = () -> MerkleTree.of(size, forwardOnly(leaves));
      byte[] root = mth(data);
      assertArrayEquals(root, forward.get().root(), "root " + n);
      for (int i = 0; i < n; i++) {
        List<byte[]> proof = forward.get().inclusionProof(i);
        assertTrue(MerkleTree.verifyInclusion(i, n, leaves.get(i), proof, root), "inclusion " + n + "/" + i);
        MerkleTree.Inclusion inclusion = forward.get().inclusion(i);
        assertEquals(hex(proof), hex(inclusion.proof()), "inclusion " + n + "/" + i);
        assertArrayEquals(root, inclusion.root(), "inclusion's root " + n + "/" + i);
      }
      for (int m = 0; m <= n; m++) {
        byte[] firstRoot = mth(data.subList(0, m));
        List<byte[]> proof = forward.get().consistencyProof(m);
        assertTrue(MerkleTree.verifyConsistency(m, n, firstRoot, root, proof), "consistency " + m + "->" + n);
        MerkleTree.Consistency consistency = forward.get().consistency(m);
        assertEquals(hex(proof), hex(consistency.proof()), "consistency " + m + "->" + n);
        assertArrayEquals(firstRoot, consistency.firstRoot(), "consistency's first root " + m + "->" + n);
        assertArrayEquals(root, consistency.root(), "consistency's root " + m + "->" + n);
      }
    }
    assertArrayEquals(sha256(), MerkleTree.of(0, forwardOnly(List.of())).consistency(0).root(), "the empty tree");
  }
}
