package dev.exporthub.core.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.exporthub.api.InvalidDataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson as the data directory reads it: a field twice in one object is an error (Jackson's
 * default keeps the last silently), and its limits are the reader's, so a text that slipped past
 * {@link RecordTexts} still cannot grow without bound. Each record text is parsed on its own; a
 * Jackson error becomes an {@link InvalidDataException} at the file's line — never a
 * {@code NullPointerException} from a limit error, which carries no location.
 */
final class StrictJson {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(DataDirectorySource.MAX_NESTING_DEPTH)
          .maxStringLength(DataDirectorySource.MAX_RECORD_BYTES)
          .maxNameLength(DataDirectorySource.MAX_RECORD_BYTES)
          .maxDocumentLength(DataDirectorySource.MAX_RECORD_BYTES)
          .build())
      .build();

  /**
   * The same limits without Jackson's duplicate detection, for {@link RecordReader}'s quick path,
   * which finds a field twice itself (and then leaves the record to the careful path).
   */
  private static final JsonFactory QUICK = FACTORY.rebuild()
      .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .build();

  private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*?)'");
  /** Jackson's "(start marker at [Source: REDACTED ...; line: 1, column: 1])": a line within the text, not the file. */
  private static final Pattern MARKER = Pattern.compile(
      "\\s*\\((?:start marker at|for \\w+ starting at) \\[Source: [^\\]]*\\]\\)");

  private StrictJson() {
  }

  /** A streaming parser over one record's text, with the reader's limits, for the quick path. */
  static JsonParser quickParser(byte[] bytes) throws IOException {
    return QUICK.createParser(bytes);
  }

  /** One record's text as a tree; {@code name} is the file's, for errors. */
  static JsonNode parse(RecordTexts.RecordText text, String name) {
    return parse(text.bytes(), text.bytes().length, text.line(), name);
  }

  /**
   * Exactly one JSON value; {@code null} for none.
   *
   * @param line the file's line the bytes start on
   */
  static JsonNode parse(byte[] bytes, int length, long line, String name) {
    JsonParser parser = null;
    try {
      parser = FACTORY.createParser(bytes, 0, length);
      JsonNode node = MAPPER.readTree(parser);
      if (parser.nextToken() != null) {
        throw new InvalidDataException(name + ":" + lineOf(parser.currentTokenLocation(), line), null, null,
            "holds more than one JSON value");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw invalid(e, parser, line, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      close(parser);
    }
  }

  /**
   * The first error Jackson finds in the start of a record that {@link RecordTexts} could not finish,
   * or {@code null} when there is none to report before where the text stops: running out of text is
   * what the caller reports itself.
   *
   * @param cut whether the text was cut short by a limit, so that a token it cuts in two is no error
   */
  static InvalidDataException firstError(byte[] bytes, int length, long line, String name, boolean cut) {
    int end = cut ? wholeCharacters(bytes, length) : length;
    JsonParser parser = null;
    try {
      parser = FACTORY.createParser(bytes, 0, end);
      while (parser.nextToken() != null) {
        // only the tokens' syntax matters here; their values are never built
      }
      return null;
    } catch (JsonEOFException | StreamConstraintsException e) {
      return null;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      if (cut && (at == null || at.getByteOffset() < 0 || at.getByteOffset() >= end)) {
        return null;
      }
      return invalid(e, parser, line, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      close(parser);
    }
  }

  /** A whole small file (tenants.json) read through the same checks, up to the record limit. */
  static JsonNode parseFile(Path file, String name) {
    int max = DataDirectorySource.MAX_RECORD_BYTES;
    try (Utf8Input in = Utf8Input.open(file, name, 8192)) {
      byte[] bytes = new byte[1024];
      int n = 0;
      for (int b = in.next(); b >= 0; b = in.next()) {
        if (n == bytes.length) {
          if (n >= max) {
            throw in.invalid("is longer than " + max + " bytes, the limit of this file");
          }
          bytes = Arrays.copyOf(bytes, Math.min(max, 2 * n));
        }
        bytes[n++] = (byte) b;
      }
      return parse(bytes, n, 1, name);
    }
  }

  private static InvalidDataException invalid(JsonProcessingException e, JsonParser parser, long line, String name) {
    // A limit error has no location of its own; the parser still knows where it stands.
    JsonLocation at = e.getLocation() != null ? e.getLocation() : parser == null ? null : parser.currentLocation();
    String source = name + ":" + lineOf(at, line);
    String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    Matcher duplicate = DUPLICATE.matcher(message);
    if (duplicate.find()) {
      return new InvalidDataException(source, null, duplicate.group(1),
          "appears twice in one object; each field may appear once", e);
    }
    if (e instanceof StreamConstraintsException) {
      return new InvalidDataException(source, null, null, message.contains("nesting depth")
          ? "nests deeper than " + DataDirectorySource.MAX_NESTING_DEPTH + " levels, the limit of a record"
          : "exceeds a limit of the data reader: " + message, e);
    }
    return new InvalidDataException(source, null, null, "is not valid JSON: " + MARKER.matcher(message).replaceAll(""), e);
  }

  private static long lineOf(JsonLocation at, long line) {
    return at == null || at.getLineNr() < 1 ? line : line + at.getLineNr() - 1;
  }

  /** The length without a multi-byte character that a cut left unfinished. */
  private static int wholeCharacters(byte[] bytes, int length) {
    int i = length - 1;
    int continuation = 0;
    while (i >= 0 && continuation < 3 && (bytes[i] & 0xC0) == 0x80) {
      i--;
      continuation++;
    }
    if (i < 0 || (bytes[i] & 0x80) == 0) {
      return length;
    }
    int lead = bytes[i] & 0xFF;
    int needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
    return continuation < needed ? i : length;
  }

  private static void close(JsonParser parser) {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException ignored) {
        // a parser over a byte array holds nothing to release
      }
    }
  }
}
