package dev.exporthub.core.log;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.exporthub.core.internal.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

/**
 * What {@link InclusionReceipt} and {@link ConsistencyProof} share: their JSON (one compact object,
 * members in a fixed order, read back strictly), hashes as standard base64, and the checks of the
 * checkpoints they name.
 */
final class ProofDocuments {

  /** Jackson's "(start marker at [Source: REDACTED ...])", which names no place a person can find. */
  private static final Pattern MARKER = Pattern.compile(
      "\\s*\\((?:start marker at|for \\w+ starting at) \\[Source: [^\\]]*\\]\\)");

  private ProofDocuments() {
  }

  /** Writes the members of one JSON object. */
  @FunctionalInterface
  interface Content {
    void write(JsonGenerator json) throws IOException;
  }

  /** One compact JSON object (UTF-8 when encoded, non-ASCII not escaped), ended by a newline. */
  static String write(Content content) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = Json.FACTORY.createGenerator(text)) {
      json.writeStartObject();
      content.write(json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.append('\n').toString();
  }

  static void writeHashes(JsonGenerator json, String name, List<String> hashes) throws IOException {
    json.writeArrayFieldStart(name);
    for (String hash : hashes) {
      json.writeString(hash);
    }
    json.writeEndArray();
  }

  /**
   * Reads one JSON object holding exactly {@code names}, each once, in any order, and nothing after it.
   *
   * @param kind what the document is, for messages: {@code "an inclusion receipt"}
   * @throws IllegalArgumentException {@code Not an inclusion receipt: ...}, naming the member
   */
  static <T> T parse(String text, String kind, List<String> names, Function<Members, T> build) {
    try {
      return build.apply(new Members(read(text, names), names));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Not " + kind + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, JsonNode> read(String text, List<String> names) {
    Map<String, JsonNode> members = new HashMap<>();
    try (JsonParser parser = Json.FACTORY.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("it is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        if (!names.contains(name)) {
          throw new IllegalArgumentException("it has a member '" + abbreviate(name) + "', which is none of "
              + String.join(", ", names));
        }
        parser.nextToken();
        if (members.put(name, Json.MAPPER.readTree(parser)) != null) {
          throw new IllegalArgumentException("the member '" + name + "' appears twice");
        }
      }
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("it holds more after its JSON object");
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new IllegalArgumentException("it is not JSON: " + MARKER.matcher(e.getOriginalMessage()).replaceAll("")
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return members;
  }

  /** The members of a document, typed; each getter names the member it refuses. */
  static final class Members {

    private final Map<String, JsonNode> members;
    private final List<String> names;

    private Members(Map<String, JsonNode> members, List<String> names) {
      this.members = members;
      this.names = names;
    }

    private JsonNode get(String name) {
      JsonNode value = members.get(name);
      if (value == null) {
        throw new IllegalArgumentException("the member '" + name + "' is missing (the members are "
            + String.join(", ", names) + ")");
      }
      return value;
    }

    String text(String name) {
      JsonNode value = get(name);
      if (!value.isTextual()) {
        throw new IllegalArgumentException("'" + name + "' must be a string, got " + shown(value));
      }
      return value.textValue();
    }

    long count(String name) {
      JsonNode value = get(name);
      if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
        throw new IllegalArgumentException("'" + name + "' must be a whole number from 0, got " + shown(value));
      }
      return value.longValue();
    }

    /** An array of strings; whether each is a hash the document's constructor checks. */
    List<String> strings(String name) {
      JsonNode value = get(name);
      if (!value.isArray()) {
        throw new IllegalArgumentException("'" + name + "' must be an array of base64 hashes, got " + shown(value));
      }
      List<String> strings = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        if (!value.get(i).isTextual()) {
          throw new IllegalArgumentException(name + "[" + i + "] must be a base64 string, got " + shown(value.get(i)));
        }
        strings.add(value.get(i).textValue());
      }
      return strings;
    }

    private static String shown(JsonNode value) {
      return abbreviate(value.toString());
    }
  }

  /**
   * A copy of a proof's hashes, each checked to be the standard base64 (with padding) of 32 bytes.
   *
   * @throws IllegalArgumentException naming the first that is not, as {@code name[i]}
   */
  static List<String> hashes(String name, List<String> hashes) {
    List<String> copy = List.copyOf(hashes);
    for (int i = 0; i < copy.size(); i++) {
      decode(name + "[" + i + "]", copy.get(i));
    }
    return copy;
  }

  static List<byte[]> decode(List<String> hashes) {
    return hashes.stream().map(hash -> decode("hash", hash)).toList();
  }

  static List<String> encode(List<byte[]> hashes) {
    return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
  }

  private static byte[] decode(String name, String hash) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(hash);
    } catch (IllegalArgumentException e) {
      bytes = null;
    }
    if (bytes == null || bytes.length != 32 || !Base64.getEncoder().encodeToString(bytes).equals(hash)) {
      throw new IllegalArgumentException(name + " must be the standard base64 of a 32-byte hash, got '"
          + abbreviate(hash) + "'");
    }
    return bytes;
  }

  /**
   * The checkpoint a note states, its signature checked with {@code key} under the note's origin.
   *
   * @param role the note's member, for messages: {@code "checkpoint"}
   * @throws InvalidProofException when the note is malformed or its signature does not verify
   */
  static SignedCheckpoint verified(String note, PublicKey key, String role) {
    try {
      return SignedCheckpoint.verify(note, key);
    } catch (IllegalArgumentException e) {
      throw new InvalidProofException("The " + role + " does not verify with this public key: " + e.getMessage());
    }
  }

  /**
   * The checkpoint a note states, its signature unchecked: what a proof is built against.
   *
   * @param role the note's part, for messages: {@code "checkpoint"}
   * @throws IllegalArgumentException when the note is not a signed checkpoint
   */
  static SignedCheckpoint stated(String note, String role) {
    try {
      return SignedCheckpoint.read(note);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The " + role + " is not a signed checkpoint: " + e.getMessage(), e);
    }
  }

  /**
   * The tree of a log's first {@code checkpoint.treeSize()} stored lines, each line's leaf hash
   * computed as the tree reads it.
   *
   * @param lines stored line {@code i}; the tree asks for each at most once, in increasing order of {@code i}
   * @param role  the checkpoint's part, for messages: {@code "checkpoint"}
   * @throws InvalidProofException when the log holds fewer lines than the checkpoint covers
   */
  static MerkleTree tree(long logSize, LongFunction<String> lines, SignedCheckpoint checkpoint, String role) {
    if (logSize < checkpoint.treeSize()) {
      throw new InvalidProofException("The log holds " + logSize + " entries, fewer than the " + role + "'s "
          + checkpoint.treeSize() + ": entries were deleted, or the " + role + " is of another log");
    }
    return MerkleTree.of(checkpoint.treeSize(), i -> MerkleTree.leafHash(lines.apply(i)));
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "…";
  }
}
