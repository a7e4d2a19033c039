package dev.exporthub.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@link PackedIds} is a list of the ids appended, ordered and compared as strings are. */
class PackedIdsTest {

  @Provide
  Arbitrary<List<String>> ids() {
    Arbitrary<String> latin = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(6);
    Arbitrary<String> ascii = Arbitraries.strings().withCharRange('0', 'z').ofMaxLength(6);
    Arbitrary<String> any = Arbitraries.strings().ofMaxLength(4);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, ascii), net.jqwik.api.Tuple.of(3, latin),
        net.jqwik.api.Tuple.of(1, any)).list().ofMaxSize(200);
  }

  @Property(tries = 500)
  void aListOfTheIdsInStringOrder(@ForAll("ids") List<String> ids) {
    PackedIds packed = new PackedIds();
    ids.forEach(packed::append);
    assertEquals(ids, packed);
    boolean ascending = true;
    for (int i = 1; i < ids.size(); i++) {
      ascending &= ids.get(i - 1).compareTo(ids.get(i)) < 0;
    }
    assertEquals(ascending, packed.strictlyAscending());
    List<String> sorted = new ArrayList<>(ids);
    sorted.sort(null);
    packed.sort();
    packed.trim();
    assertEquals(sorted, packed);
  }

  @Test
  void appendsAfterTrimmingAnEmptyList() {
    PackedIds packed = new PackedIds();
    packed.trim();
    packed.append("a-1");
    packed.append("a-2");
    assertEquals(List.of("a-1", "a-2"), packed);
  }

  @Test
  void outOfRange() {
    PackedIds packed = new PackedIds();
    packed.append("a");
    assertThrows(IndexOutOfBoundsException.class, () -> packed.get(1));
    assertThrows(IndexOutOfBoundsException.class, () -> packed.get(-1));
  }
}
