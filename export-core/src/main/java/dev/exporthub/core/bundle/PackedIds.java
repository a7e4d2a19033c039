package dev.exporthub.core.bundle;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The ids a bundle's references object holds, packed: the characters of all ids in one byte array
 * and where each ends in an int array, about 14 bytes an id where a list of strings costs some 60.
 * A bundle holds the id of every item it includes from the counting pass to the end of writing, so
 * this is most of what a large export keeps in memory.
 *
 * <p>Ids of characters up to U+00FF (Latin-1) are packed; from the first id with any other
 * character on, the list keeps strings. {@link #get} makes a new string of a packed id. Appending
 * is for the builder only; the lists it hands out are wrapped unmodifiable by {@code References}.
 */
final class PackedIds extends AbstractList<String> implements RandomAccess {

  private byte[] bytes = new byte[1 << 10];
  private int used;
  private int[] ends = new int[1 << 6];
  private int size;
  /** Every id as a string, once an id could not be packed; {@code null} until then. */
  private List<String> strings;

  void append(String id) {
    if (strings != null) {
      strings.add(id);
      size++;
      return;
    }
    int length = id.length();
    for (int i = 0; i < length; i++) {
      if (id.charAt(i) > 0xFF) {
        unpack();
        strings.add(id);
        size++;
        return;
      }
    }
    if (used + length > bytes.length) {
      bytes = Arrays.copyOf(bytes, grown(bytes.length, used + length));
    }
    for (int i = 0; i < length; i++) {
      bytes[used++] = (byte) id.charAt(i);
    }
    if (size == ends.length) {
      ends = Arrays.copyOf(ends, grown(ends.length, size + 1));
    }
    ends[size++] = used;
  }

  /** A new capacity of at least {@code needed}: double the old one, and never less than 16. */
  private static int grown(int capacity, int needed) {
    if (needed < 0) {
      throw new OutOfMemoryError("More than 2 GiB of reference ids");
    }
    return (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8, Math.max(16L, 2L * capacity)));
  }

  private void unpack() {
    List<String> all = new ArrayList<>(Math.max(16, size * 2));
    for (int i = 0; i < size; i++) {
      all.add(get(i));
    }
    strings = all;
    bytes = null;
    ends = null;
  }

  @Override
  public String get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    if (strings != null) {
      return strings.get(index);
    }
    int start = index == 0 ? 0 : ends[index - 1];
    return new String(bytes, start, ends[index] - start, StandardCharsets.ISO_8859_1);
  }

  @Override
  public int size() {
    return size;
  }

  /** Whether every id comes after the one before, as {@link String#compareTo} orders them. */
  boolean strictlyAscending() {
    if (strings != null) {
      for (int i = 1; i < size; i++) {
        if (strings.get(i - 1).compareTo(strings.get(i)) >= 0) {
          return false;
        }
      }
      return true;
    }
    // Latin-1 characters compare as unsigned bytes, shorter prefixes first: String.compareTo's order.
    int previousStart = 0;
    for (int i = 1; i < size; i++) {
      int start = ends[i - 1];
      if (Arrays.compareUnsigned(bytes, previousStart, start, bytes, start, ends[i]) >= 0) {
        return false;
      }
      previousStart = start;
    }
    return true;
  }

  /** Sorts the ids in {@link String#compareTo} order. */
  void sort() {
    List<String> all = new ArrayList<>(this);
    all.sort(null);
    replaceWith(all);
  }

  private void replaceWith(List<String> ids) {
    strings = null;
    bytes = new byte[Math.max(16, used)];
    ends = new int[Math.max(16, size)];
    used = 0;
    size = 0;
    for (String id : ids) {
      append(id);
    }
  }

  /** Gives back the room not used. */
  void trim() {
    if (strings == null) {
      bytes = Arrays.copyOf(bytes, used);
      ends = Arrays.copyOf(ends, size);
    }
  }
}
