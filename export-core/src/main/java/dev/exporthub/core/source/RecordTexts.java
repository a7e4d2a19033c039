package dev.exporthub.core.source;

import dev.exporthub.api.InvalidDataException;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Cuts a data file into the texts of its records, each one JSON object from its {@code '{'} to the
 * {@code '}'} that closes it, in bounded memory: a {@code .jsonl} file one per line (blank lines
 * skipped), a {@code .json} file one per element of its one array. Jackson then parses each text on
 * its own ({@link StrictJson}), so the file as a whole is never held, and a text longer than
 * {@link DataDirectorySource#MAX_RECORD_BYTES} or nested deeper than
 * {@link DataDirectorySource#MAX_NESTING_DEPTH} is refused before it is built.
 *
 * <p>Finding where a record ends needs only its braces and brackets, counted outside strings: for
 * valid JSON that count is exact, and whatever invalid JSON it misjudges stays inside a text that
 * Jackson refuses. Everything around the records is checked here: only whitespace between them,
 * commas and one closing bracket in a {@code .json} file, nothing after a record on its
 * {@code .jsonl} line, nothing after the array. Every failure names {@code file:line}.
 */
final class RecordTexts implements Closeable {

  /**
   * One record's text.
   *
   * @param bytes its UTF-8 bytes, from '{' to '}'
   * @param line  the line of the file it starts on
   */
  record RecordText(byte[] bytes, long line) { }

  private enum State { BEFORE_ARRAY, AFTER_ELEMENT, LINE_START, AFTER_RECORD, DONE }

  /** A text's buffer starts small and is given back after a large record, so idle readers stay small. */
  private static final int INITIAL = 512;
  private static final int KEPT = 64 * 1024;

  private final Utf8Input in;
  private final boolean jsonLines;
  private final int maxBytes = DataDirectorySource.MAX_RECORD_BYTES;
  private State state;
  private byte[] text = new byte[INITIAL];
  private int length;

  private RecordTexts(Utf8Input in, boolean jsonLines) {
    this.in = in;
    this.jsonLines = jsonLines;
    this.state = jsonLines ? State.LINE_START : State.BEFORE_ARRAY;
  }

  /** The records of a data file: JSON Lines when its name ends with {@code .jsonl}, else one JSON array. */
  static RecordTexts open(Path file, String name) {
    Utf8Input in = Utf8Input.open(file, name, Utf8Input.BUFFER);
    return name.endsWith(".jsonl") ? jsonLines(in) : jsonArray(in);
  }

  /** The records of a JSON Lines file: one object per line, blank lines skipped. */
  static RecordTexts jsonLines(Utf8Input in) {
    return new RecordTexts(in, true);
  }

  /** The records of a JSON file: one array of objects. */
  static RecordTexts jsonArray(Utf8Input in) {
    return new RecordTexts(in, false);
  }

  /**
   * The next record's text, or {@code null} after the last.
   *
   * @throws InvalidDataException naming file and line when the file is not one record per line, or
   *                              one array of records, within the limits
   */
  RecordText next() {
    return jsonLines ? nextLine() : nextElement();
  }

  private RecordText nextLine() {
    if (state == State.AFTER_RECORD) {
      finishLine();
    }
    while (state != State.DONE) {
      int b = in.next();
      if (b < 0) {
        state = State.DONE;
      } else if (b == '{') {
        RecordText record = object();
        state = State.AFTER_RECORD;
        return record;
      } else if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        throw in.invalid("expected a record (a JSON object) at the start of the line, found " + in.character(b));
      } else if (b == ' ' || b == '\t') {
        checkLineLength();
      }
    }
    return null;
  }

  /** The rest of a record's line: whitespace only, for a {@code .jsonl} line holds one record. */
  private void finishLine() {
    state = State.LINE_START;
    while (true) {
      int b = in.next();
      if (b < 0) {
        state = State.DONE;
        return;
      }
      if (b == '\n' || b == '\r') {
        return;
      }
      if (b != ' ' && b != '\t') {
        throw in.invalid("holds more after the record, starting with " + in.character(b)
            + "; a .jsonl line holds exactly one record");
      }
      checkLineLength();
    }
  }

  private void checkLineLength() {
    if (in.column() > maxBytes) {
      throw in.invalid("the line is longer than " + maxBytes + " bytes, the limit of a .jsonl line");
    }
  }

  private RecordText nextElement() {
    int b;
    switch (state) {
      case BEFORE_ARRAY -> {
        b = skipWhitespace();
        if (b != '[') {
          throw in.invalid(b < 0 ? "is empty; a .json data file holds one JSON array of records"
              : "a .json data file holds one JSON array of records, found " + in.character(b));
        }
        b = skipWhitespace();
        if (b == ']') {
          return closed();
        }
        return element(b);
      }
      case AFTER_ELEMENT -> {
        b = skipWhitespace();
        if (b == ']') {
          return closed();
        }
        if (b != ',') {
          throw in.invalid(b < 0 ? "the file ends inside the JSON array (a ']' is missing)"
              : "expected ',' or ']' after a record, found " + in.character(b));
        }
        b = skipWhitespace();
        if (b == ']') {
          throw in.invalid("a ']' follows a ','; JSON allows no comma after the last element");
        }
        return element(b);
      }
      default -> {
        return null;
      }
    }
  }

  private RecordText element(int first) {
    if (first != '{') {
      throw in.invalid(first < 0 ? "the file ends inside the JSON array (a ']' is missing)"
          : "expected a record (a JSON object) in the array, found " + in.character(first));
    }
    RecordText record = object();
    state = State.AFTER_ELEMENT;
    return record;
  }

  /** After the array's ']': only whitespace, for a {@code .json} data file holds one array. */
  private RecordText closed() {
    int b = skipWhitespace();
    if (b >= 0) {
      throw in.invalid("holds more after the JSON array's closing ']', starting with " + in.character(b)
          + "; a .json data file holds one array");
    }
    state = State.DONE;
    return null;
  }

  private int skipWhitespace() {
    int b;
    do {
      b = in.next();
    } while (b == ' ' || b == '\t' || b == '\n' || b == '\r');
    return b;
  }

  /** One object, its '{' just read: up to the '}' that brings the count of open brackets back to 0. */
  private RecordText object() {
    long start = in.line();
    length = 0;
    if (text.length > KEPT) {
      text = new byte[INITIAL];
    }
    append('{', start);
    int depth = 1;
    boolean inString = false;
    boolean escaped = false;
    while (depth > 0) {
      int b = in.next();
      if (b < 0) {
        throw unfinished(start, false, jsonLines ? "the file ends inside the record (a '}' is missing)"
            : "the file ends inside a record of the JSON array (a '}' is missing)");
      }
      if (jsonLines && (b == '\n' || b == '\r')) {
        throw unfinished(start, false, "the line ends inside the record (a '}' is missing); a .jsonl record is one line");
      }
      if (jsonLines && in.column() > maxBytes) {
        throw unfinished(start, true, "the line is longer than " + maxBytes + " bytes, the limit of a .jsonl line");
      }
      append(b, start);
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        if (++depth > DataDirectorySource.MAX_NESTING_DEPTH) {
          throw unfinished(start, true, "nests deeper than " + DataDirectorySource.MAX_NESTING_DEPTH
              + " levels, the limit of a record");
        }
      } else if (b == '}' || b == ']') {
        depth--;
      }
    }
    return new RecordText(Arrays.copyOf(text, length), start);
  }

  private void append(int b, long start) {
    if (length == text.length) {
      if (length >= maxBytes) {
        throw unfinished(start, true, "the record is longer than " + maxBytes + " bytes, the limit of a record");
      }
      text = Arrays.copyOf(text, (int) Math.min(maxBytes, 2L * length));
    }
    text[length++] = (byte) b;
  }

  /**
   * A record that could not be finished. Jackson reads what there is first: a syntax error inside
   * it (a bracket closed by the wrong kind, a duplicate field) is the better report.
   */
  private InvalidDataException unfinished(long start, boolean cut, String problem) {
    InvalidDataException earlier = StrictJson.firstError(text, length, start, in.name(), cut);
    return earlier != null ? earlier : in.invalid(problem);
  }

  @Override
  public void close() {
    in.close();
  }
}
