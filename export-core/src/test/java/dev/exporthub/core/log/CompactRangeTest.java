package dev.exporthub.core.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The incremental tree gives {@link MerkleTree}'s root for every size, appending one leaf at a time. */
class CompactRangeTest {

  @Test
  @DisplayName("after each of 300 appends, the root is MerkleTree's root of the same leaves; the empty root too")
  void rootsOfEverySizeUpTo300() {
    List<byte[]> leaves = new ArrayList<>();
    CompactRange range = new CompactRange();
    for (int n = 0; n <= 300; n++) {
      assertEquals(n, range.size());
      assertArrayEquals(MerkleTree.of(n, i -> leaves.get((int) i)).root(), range.root(), "size " + n);
      byte[] leaf = MerkleTree.leafHash("{\"sequence\":" + (n + 1) + "}");
      leaves.add(leaf);
      range.append(leaf);
    }
  }

  @Property(tries = 100)
  @Label("for any lines, the root is MerkleTree.ofLines' root")
  void anyLines(@ForAll @Size(max = 70) List<String> lines) {
    CompactRange range = new CompactRange();
    lines.forEach(line -> range.append(MerkleTree.leafHash(line)));
    assertArrayEquals(MerkleTree.ofLines(lines).root(), range.root());
  }

  @Test
  @DisplayName("what goes in and comes out is copied, and a leaf hash has 32 bytes")
  void copiesAndChecks() {
    CompactRange range = new CompactRange();
    byte[] leaf = MerkleTree.leafHash("a");
    range.append(leaf);
    leaf[0] ^= 1;
    byte[] root = range.root();
    assertArrayEquals(MerkleTree.leafHash("a"), root);
    root[0] ^= 1;
    assertArrayEquals(MerkleTree.leafHash("a"), range.root());
    assertThrows(IllegalArgumentException.class, () -> range.append(new byte[31]));
    assertThrows(IllegalArgumentException.class, () -> range.append(null));
    assertEquals(1, range.size());
  }
}
