package dev.exporthub.api.source;

import dev.exporthub.api.ExportItem;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.ItemValue;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The unmodifiable map of {@link SourceRecord#fields()} and of every {@link ExportItem#data()}:
 * keys and values side by side in one array, in insertion order. Every export reads every record's
 * fields (on the counting pass and again when writing), and a {@code LinkedHashMap} costs a table and
 * an entry object per field where this costs one array.
 *
 * <p>Only export-api fills one: the records of this package, from fields their constructors checked
 * (so {@link ExportItem} takes such a map as it is, without walking it again), and {@link #copyOf},
 * which checks every value. So a {@code FieldMap}'s keys are distinct strings and its values
 * {@link ItemValue item values}, every nested map sorted by key; a record's fields are never null.
 */
public final class FieldMap extends AbstractMap<String, Object> {

  /** Key, value, key, value, ...; only the first {@code 2 * size} slots are used. */
  private final Object[] slots;
  private final int size;

  /** Takes {@code slots} as they are: for the records' checked fields only. */
  FieldMap(Object[] slots, int size) {
    this.slots = slots;
    this.size = size;
  }

  /**
   * An item's data as a field map: the entries of {@code data} in its iteration order, each value
   * checked and copied with {@link ItemValue#copyOf}.
   *
   * @param source the item type, for the error
   * @param id     the item id, for the error
   * @throws InvalidDataException naming the field, for a key that is not a string or a value outside
   *         the domain
   */
  public static FieldMap copyOf(String source, String id, Map<?, ?> data) {
    Object[] slots = new Object[2 * data.size()];
    int size = 0;
    for (Map.Entry<?, ?> entry : data.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw new InvalidDataException(source, id, String.valueOf(entry.getKey()),
            "keys must be strings, found " + (entry.getKey() == null ? "null" : entry.getKey().getClass().getName()));
      }
      slots[2 * size] = key;
      slots[2 * size + 1] = ItemValue.copyOf(source, id, key, entry.getValue());
      size++;
    }
    return new FieldMap(slots, size);
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
