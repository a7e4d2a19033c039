package dev.exporthub.core.source;

import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of a checked record in a spill file: decoding it is many times cheaper than
 * parsing its JSON again, which is what the counting pass and the writing pass would otherwise do.
 *
 * <p>An entry starts with a header that a read filters on without decoding the rest: the
 * timestamp (seconds, nanos), the id, the tenant and the facility. The record's components follow
 * in declaration order, each by its declared type; attribute values carry a one-byte tag. A string
 * is its UTF-16 length and then each char in one to three bytes (the char-by-char form of UTF-8), so
 * that any Java string, an unpaired surrogate included, comes back equal. Decoding goes through the
 * record's canonical constructor, so a decoded record is checked and normalised exactly as the
 * parsed one was and compares equal to it.
 *
 * <p>Only what this process wrote is ever decoded: the format has no version and no checks.
 */
final class SpillCodec {

  private static final byte NULL = 0;
  private static final byte STRING = 1;
  private static final byte TRUE = 2;
  private static final byte FALSE = 3;
  private static final byte LONG = 4;
  private static final byte DOUBLE = 5;
  private static final byte LIST = 6;
  private static final byte MAP = 7;

  private final SourceType type;
  private final Method[] accessors;
  private final RecordReader.Kind[] slots;
  private final Constructor<? extends SourceRecord> constructor;

  SpillCodec(SourceType type) {
    this.type = type;
    RecordComponent[] components = type.recordType().getRecordComponents();
    accessors = new Method[components.length];
    slots = new RecordReader.Kind[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      accessors[i] = components[i].getAccessor();
      types[i] = components[i].getType();
      slots[i] = RecordReader.kind(components[i]);
    }
    try {
      constructor = type.recordType().getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("record without canonical constructor: " + type.recordType(), e);
    }
  }

  /** Appends one record's entry to {@code out}. */
  void encode(SourceRecord record, Output out) {
    Instant at = record.timestamp();
    out.writeLong(at.getEpochSecond());
    out.writeInt(at.getNano());
    out.writeString(record.id());
    out.writeString(record.tenantId());
    out.writeString(record.facilityId());
    for (int i = 0; i < slots.length; i++) {
      Object value;
      try {
        value = accessors[i].invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("reading a " + type.id() + " record failed", e);
      }
      switch (slots[i]) {
        case STRING -> out.writeString((String) value);
        case INSTANT -> writeInstant((Instant) value, out);
        case DOUBLE -> out.writeLong(Double.doubleToRawLongBits((Double) value));
        case INT -> out.writeInt((Integer) value);
        case IDS -> {
          List<?> ids = (List<?>) value;
          out.writeVarint(ids.size());
          for (Object id : ids) {
            out.writeString((String) id);
          }
        }
        case METRICS -> {
          Map<?, ?> metrics = (Map<?, ?>) value;
          out.writeVarint(metrics.size());
          metrics.forEach((key, number) -> {
            out.writeString((String) key);
            out.writeLong(Double.doubleToRawLongBits((Double) number));
          });
        }
        case VALUES -> writeValue(value, out);
      }
    }
  }

  private static void writeInstant(Instant at, Output out) {
    if (at == null) {
      out.writeByte(0);
    } else {
      out.writeByte(1);
      out.writeLong(at.getEpochSecond());
      out.writeInt(at.getNano());
    }
  }

  /** An attribute value: what {@link dev.exporthub.api.ItemValue#copyOfJson} leaves. */
  private static void writeValue(Object value, Output out) {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof String s) {
      out.writeByte(STRING);
      out.writeString(s);
    } else if (value instanceof Boolean b) {
      out.writeByte(b ? TRUE : FALSE);
    } else if (value instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (value instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeLong(Double.doubleToRawLongBits(d));
    } else if (value instanceof List<?> list) {
      out.writeByte(LIST);
      out.writeVarint(list.size());
      for (Object element : list) {
        writeValue(element, out);
      }
    } else if (value instanceof Map<?, ?> map) {
      out.writeByte(MAP);
      out.writeVarint(map.size());
      map.forEach((key, element) -> {
        out.writeString((String) key);
        writeValue(element, out);
      });
    } else {
      throw new IllegalStateException("not an attribute value from JSON: " + value.getClass().getName());
    }
  }

  /** Reads the header of the entry at {@code in}'s position; the body follows. */
  static void readHeader(Input in, Header header) {
    header.seconds = in.readLong();
    header.nanos = in.readInt();
    header.id = in.readString();
    header.tenantId = in.readString();
    header.facilityId = in.readString();
  }

  /** The record of an entry whose header {@link #readHeader} has just read. */
  SourceRecord decodeBody(Input in) {
    Object[] args = new Object[slots.length];
    for (int i = 0; i < slots.length; i++) {
      args[i] = switch (slots[i]) {
        case STRING -> in.readString();
        case INSTANT -> in.readByte() == 0 ? null : Instant.ofEpochSecond(in.readLong(), in.readInt());
        case DOUBLE -> Double.longBitsToDouble(in.readLong());
        case INT -> in.readInt();
        case IDS -> {
          String[] ids = new String[in.readVarint()];
          for (int j = 0; j < ids.length; j++) {
            ids[j] = in.readString();
          }
          yield Arrays.asList(ids);
        }
        case METRICS -> {
          int size = in.readVarint();
          Map<String, Double> metrics = new LinkedHashMap<>(2 * size);
          for (int j = 0; j < size; j++) {
            metrics.put(in.readString(), Double.longBitsToDouble(in.readLong()));
          }
          yield metrics;
        }
        case VALUES -> readValue(in);
      };
    }
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof InvalidDataException invalid) {
        throw invalid;
      }
      throw new IllegalStateException("decoding a " + type.id() + " record failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("decoding a " + type.id() + " record failed", e);
    }
  }

  private static Object readValue(Input in) {
    byte tag = in.readByte();
    return switch (tag) {
      case NULL -> null;
      case STRING -> in.readString();
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case LONG -> in.readLong();
      case DOUBLE -> Double.longBitsToDouble(in.readLong());
      case LIST -> {
        int size = in.readVarint();
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          list.add(readValue(in));
        }
        yield list;
      }
      case MAP -> {
        int size = in.readVarint();
        Map<String, Object> map = new LinkedHashMap<>(2 * size);
        for (int i = 0; i < size; i++) {
          map.put(in.readString(), readValue(in));
        }
        yield map;
      }
      default -> throw new IllegalStateException("corrupt spill entry: tag " + tag);
    };
  }

  /** The header of an entry: what a read filters and sorts on. */
  static final class Header {
    long seconds;
    int nanos;
    String id;
    String tenantId;
    String facilityId;

    Instant timestamp() {
      return Instant.ofEpochSecond(seconds, nanos);
    }
  }

  /** A growable byte buffer entries are encoded into. */
  static final class Output {
    private byte[] bytes = new byte[1024];
    private int size;

    int size() {
      return size;
    }

    void reset() {
      size = 0;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }

    private void room(int n) {
      if (size + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
      }
    }

    void writeByte(int b) {
      room(1);
      bytes[size++] = (byte) b;
    }

    void writeInt(int v) {
      room(4);
      bytes[size++] = (byte) (v >>> 24);
      bytes[size++] = (byte) (v >>> 16);
      bytes[size++] = (byte) (v >>> 8);
      bytes[size++] = (byte) v;
    }

    void writeLong(long v) {
      writeInt((int) (v >>> 32));
      writeInt((int) v);
    }

    void writeVarint(int v) {
      room(5);
      while ((v & ~0x7F) != 0) {
        bytes[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      bytes[size++] = (byte) v;
    }

    /** {@code null} as 0, else the length plus one, then the chars. */
    void writeString(String s) {
      if (s == null) {
        writeVarint(0);
        return;
      }
      int n = s.length();
      writeVarint(n + 1);
      room(3 * n);
      byte[] b = bytes;
      int at = size;
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c < 0x80) {
          b[at++] = (byte) c;
        } else if (c < 0x800) {
          b[at++] = (byte) (0xC0 | c >> 6);
          b[at++] = (byte) (0x80 | c & 0x3F);
        } else {
          b[at++] = (byte) (0xE0 | c >> 12);
          b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
          b[at++] = (byte) (0x80 | c & 0x3F);
        }
      }
      size = at;
    }
  }

  /** Reads an entry's bytes. */
  static final class Input {
    private byte[] bytes;
    private int at;
    private char[] chars = new char[256];

    Input reset(byte[] bytes, int offset) {
      this.bytes = bytes;
      this.at = offset;
      return this;
    }

    byte readByte() {
      return bytes[at++];
    }

    int readInt() {
      byte[] b = bytes;
      int i = at;
      at += 4;
      return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | b[i + 3] & 0xFF;
    }

    long readLong() {
      return (long) readInt() << 32 | readInt() & 0xFFFFFFFFL;
    }

    int readVarint() {
      int v = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = bytes[at++];
        v |= (b & 0x7F) << shift;
        if (b >= 0) {
          return v;
        }
      }
    }

    String readString() {
      int n = readVarint() - 1;
      if (n < 0) {
        return null;
      }
      if (chars.length < n) {
        chars = new char[Math.max(n, 2 * chars.length)];
      }
      char[] c = chars;
      byte[] b = bytes;
      int i = at;
      for (int j = 0; j < n; j++) {
        int x = b[i++];
        if (x >= 0) {
          c[j] = (char) x;
        } else if ((x & 0xE0) == 0xC0) {
          c[j] = (char) ((x & 0x1F) << 6 | b[i++] & 0x3F);
        } else {
          c[j] = (char) ((x & 0x0F) << 12 | (b[i++] & 0x3F) << 6 | b[i++] & 0x3F);
        }
      }
      at = i;
      return new String(c, 0, n);
    }
  }
}
