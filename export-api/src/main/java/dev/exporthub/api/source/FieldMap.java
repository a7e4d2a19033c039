package dev.exporthub.api.source;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The unmodifiable map of {@link SourceRecord#fields()}: keys and values side by side in one array,
 * in insertion order. Every export reads every record's fields (on the counting pass and again when
 * writing), and a {@code LinkedHashMap} costs a table and an entry object per field where this costs
 * one array. Keys are distinct and values never null, as {@link Checks.Fields} builds them.
 */
final class FieldMap extends AbstractMap<String, Object> {

  /** Key, value, key, value, ...; only the first {@code 2 * size} slots are used. */
  private final Object[] slots;
  private final int size;

  FieldMap(Object[] slots, int size) {
    this.slots = slots;
    this.size = size;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public Object get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : slots[i + 1];
  }

  private int indexOf(Object key) {
    for (int i = 0; i < 2 * size; i += 2) {
      if (slots[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    Objects.requireNonNull(action);
    for (int i = 0; i < 2 * size; i += 2) {
      action.accept((String) slots[i], slots[i + 1]);
    }
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < 2 * size;
          }

          @Override
          public Entry<String, Object> next() {
            if (next >= 2 * size) {
              throw new NoSuchElementException();
            }
            Entry<String, Object> entry = new SimpleImmutableEntry<>((String) slots[next], slots[next + 1]);
            next += 2;
            return entry;
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }
}
