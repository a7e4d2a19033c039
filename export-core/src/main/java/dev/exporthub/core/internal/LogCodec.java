package dev.exporthub.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.exporthub.api.ArtifactSignature;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.PolicyDecision;
import dev.exporthub.codec.ScopeJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The stored form of log entries: one line of compact JSON with a fixed key order and {@code hash}
 * last. {@code hash} = SHA-256 over the previous hash (64 hex characters, UTF-8) followed by the
 * exact UTF-8 bytes of the line without its {@code hash} member (the object closed right after
 * {@code prevHash}).
 *
 * <p>Decoding is strict: a line is a well-formed entry only when it is exactly the canonical
 * encoding of the entry it parses to (same keys, order, types, escapes and number forms), with
 * {@code prevHash} and {@code hash} of 64 lower-case hex digits and a sequence number from 1. So
 * every stored byte either is covered by the hash or makes the line malformed.
 */
public final class LogCodec {

  private static final String HASH_MEMBER = ",\"hash\":\"";
  /** The length of a line's hash member and closing brace: {@code ,"hash":"<64 hex>"}}. */
  private static final int HASH_SUFFIX_LENGTH = HASH_MEMBER.length() + 64 + 2;
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SEQUENCE_PREFIX = Pattern.compile("^\\{\"schemaVersion\":\\d{1,9},\"sequence\":([1-9]\\d{0,17}),");

  /**
   * Starts the text a store gives for a stored line whose bytes are not valid UTF-8. Decoding such
   * bytes leniently could turn two different byte strings into one text, so the line could be
   * changed unseen; marked, it is malformed.
   */
  public static final String NOT_UTF8 = "\uFFFD[not UTF-8] ";

  private LogCodec() {}

  /** The stored line of an entry that will follow {@code prevHash} at {@code sequence}. */
  public static Sealed seal(LogEntry entry, long sequence, String prevHash) {
    String encoded = encode(entry, sequence, prevHash);
    // What is stored is UTF-8: text with an unpaired surrogate is stored with '?' in its place, so
    // the entry handed back is read from the stored form, to be equal to what a reader gets.
    String unsigned = new String(encoded.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    String hash = hash(prevHash, unsigned);
    String line = signed(unsigned, hash);
    return new Sealed(unsigned.equals(encoded) ? entry.chained(sequence, prevHash, hash) : decode(line), line);
  }

  /** The unsigned line with its {@code hash} member added as the last key. */
  public static String signed(String unsigned, String hash) {
    return unsigned.substring(0, unsigned.length() - 1) + ",\"hash\":\"" + hash + "\"}";
  }

  public record Sealed(LogEntry entry, String line) { }

  /** The hash a stored line claims, or {@code null} when the line has no well-formed hash member. */
  public static String claimedHash(String line) {
    int start = hashSuffixStart(line);
    return start < 0 ? null : line.substring(start + HASH_MEMBER.length(), start + HASH_MEMBER.length() + 64);
  }

  /** The hash a stored line should have after {@code prevHash}; {@code null} when it has no hash member. */
  public static String expectedHash(String prevHash, String line) {
    int start = hashSuffixStart(line);
    if (start < 0) {
      return null;
    }
    MessageDigest digest = Hashing.sha256();
    digest.update(prevHash.getBytes(StandardCharsets.UTF_8));
    digest.update(line.substring(0, start).getBytes(StandardCharsets.UTF_8));
    digest.update((byte) '}');
    return Hashing.hex(digest.digest());
  }

  /**
   * Where a line's final {@code ,"hash":"<64 lower-case hex digits>"}} member starts, or -1: read
   * at its fixed place from the end, since verification does this for every line.
   */
  private static int hashSuffixStart(String line) {
    int start = line.length() - HASH_SUFFIX_LENGTH;
    if (start < 0 || !line.startsWith(HASH_MEMBER, start) || !line.endsWith("\"}")) {
      return -1;
    }
    for (int i = start + HASH_MEMBER.length(), end = i + 64; i < end; i++) {
      char c = line.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return -1;
      }
    }
    return start;
  }

  /**
   * Where a line that may not be well-formed says it stands: its sequence number and hash, read
   * leniently from the line's fixed prefix and suffix; {@code null} when either cannot be read.
   */
  public static Position position(String line) {
    Matcher seq = SEQUENCE_PREFIX.matcher(line);
    String hash = claimedHash(line);
    if (!seq.find() || hash == null) {
      return null;
    }
    return new Position(Long.parseLong(seq.group(1)), hash);
  }

  public record Position(long sequence, String hash) { }

  /** Whether a well-formed entry's hash is the one its own content and prevHash produce. */
  public static boolean sealedCorrectly(LogEntry entry, String line) {
    return entry.hash().equals(expectedHash(entry.prevHash(), line));
  }

  public static String hash(String prevHash, String unsignedLine) {
    MessageDigest digest = Hashing.sha256();
    digest.update(prevHash.getBytes(StandardCharsets.UTF_8));
    digest.update(unsignedLine.getBytes(StandardCharsets.UTF_8));
    return Hashing.hex(digest.digest());
  }

  private static String encode(LogEntry entry, long sequence, String prevHash) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("schemaVersion", LogEntry.SCHEMA_VERSION);
      g.writeNumberField("sequence", sequence);
      g.writeStringField("entryType", entry.entryType());
      g.writeStringField("timestamp", Json.instant(entry.timestamp()));
      if (entry instanceof LogEntry.ExportGenerated e) {
        Json.writeOptional(g, "tenantId", e.tenantId());
        Json.writeOptional(g, "facilityId", e.facilityId());
        LogEntry.GeneratedExport x = e.export();
        g.writeObjectFieldStart("export");
        g.writeStringField("bundleId", x.bundleId());
        g.writeStringField("exportId", x.exportId());
        g.writeStringField("queryId", x.queryId());
        g.writeStringField("category", x.category());
        g.writeStringField("format", x.format());
        g.writeNumberField("sectionsGenerated", x.sectionsGenerated());
        g.writeNumberField("itemsIncluded", x.itemsIncluded());
        g.writeNumberField("sizeBytes", x.sizeBytes());
        g.writeStringField("sha256", x.sha256());
        g.writeNumberField("computationTimeMs", x.computationTimeMs());
        Json.writeStrings(g, "dataSourcesUsed", x.dataSourcesUsed());
        // Left out when unsigned, so entries written before signatures existed keep their bytes.
        ArtifactSignature signature = x.signature();
        if (signature != null) {
          g.writeObjectFieldStart("signature");
          g.writeStringField("keyId", signature.keyId());
          g.writeBooleanField("detached", signature.detached());
          g.writeStringField("value", signature.value());
          g.writeEndObject();
        }
        g.writeEndObject();
        g.writeStringField("generatedBy", e.generatedBy());
      } else if (entry instanceof LogEntry.ExportDownloaded e) {
        Json.writeOptional(g, "tenantId", e.tenantId());
        LogEntry.Download d = e.download();
        g.writeObjectFieldStart("download");
        g.writeStringField("bundleId", d.bundleId());
        g.writeStringField("format", d.format());
        g.writeStringField("filename", d.filename());
        g.writeNumberField("sizeBytes", d.sizeBytes());
        g.writeEndObject();
        g.writeStringField("downloadedBy", e.downloadedBy());
      } else if (entry instanceof LogEntry.PolicyEvaluated e) {
        PolicyDecision d = e.decision();
        g.writeObjectFieldStart("decision");
        g.writeStringField("queryId", d.queryId());
        g.writeFieldName("scope");
        // The ids as they are: the line's own bytes are hashed, and read back to the entry.
        ScopeJson.write(g, d.scope(), UnaryOperator.identity());
        g.writeBooleanField("allowed", d.allowed());
        g.writeStringField("reason", d.reason());
        Json.writeStrings(g, "violations", d.violations());
        Json.writeStrings(g, "warnings", d.warnings());
        Json.writeStrings(g, "rules", d.rules());
        g.writeEndObject();
        g.writeStringField("userId", e.userId());
      } else if (entry instanceof LogEntry.ExportError e) {
        Json.writeOptional(g, "tenantId", e.tenantId());
        LogEntry.ErrorInfo x = e.error();
        g.writeObjectFieldStart("error");
        Json.writeOptional(g, "queryId", x.queryId());
        g.writeStringField("errorCode", x.errorCode());
        g.writeStringField("message", x.message());
        g.writeObjectFieldStart("details");
        for (Map.Entry<String, String> d : x.details().entrySet()) {
          g.writeStringField(d.getKey(), d.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeStringField("userId", e.userId());
      }
      g.writeStringField("prevHash", prevHash);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Parses a stored line back into its entry. Does not check the hash: see
   * {@link #sealedCorrectly(LogEntry, String)}.
   *
   * @throws IllegalArgumentException when the line is not a well-formed entry, with the reason
   */
  public static LogEntry decode(String line) {
    if (line.startsWith(NOT_UTF8)) {
      throw new IllegalArgumentException("the stored bytes are not valid UTF-8");
    }
    LogEntry entry;
    try {
      entry = parse(line);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a well-formed entry: " + e.getMessage(), e);
    }
    if (!HEX64.matcher(entry.prevHash()).matches()) {
      throw new IllegalArgumentException("prevHash is not 64 lower-case hex digits");
    }
    if (!HEX64.matcher(entry.hash()).matches()) {
      throw new IllegalArgumentException("hash is not 64 lower-case hex digits");
    }
    if (entry.sequence() < 1) {
      throw new IllegalArgumentException("sequence " + entry.sequence() + " is below 1");
    }
    if (!signed(encode(entry, entry.sequence(), entry.prevHash()), entry.hash()).equals(line)) {
      throw new IllegalArgumentException("not in the canonical stored form (keys, order, types or escapes differ)");
    }
    return entry;
  }

  private static LogEntry parse(String line) {
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    JsonNode version = required(n, "schemaVersion");
    if (!version.canConvertToInt() || version.asInt() != LogEntry.SCHEMA_VERSION) {
      throw new IllegalArgumentException("unsupported schemaVersion " + version);
    }
    long sequence = required(n, "sequence").asLong();
    Instant timestamp = Instant.parse(required(n, "timestamp").asText());
    String prevHash = required(n, "prevHash").asText();
    String hash = required(n, "hash").asText();
    String type = required(n, "entryType").asText();
    return switch (type) {
      case "export-generated" -> {
        JsonNode x = required(n, "export");
        yield new LogEntry.ExportGenerated(sequence, timestamp, text(n, "tenantId"), text(n, "facilityId"),
            new LogEntry.GeneratedExport(text(x, "bundleId"), text(x, "exportId"), text(x, "queryId"),
                text(x, "category"), text(x, "format"), required(x, "sectionsGenerated").asInt(),
                required(x, "itemsIncluded").asLong(), required(x, "sizeBytes").asLong(), text(x, "sha256"),
                required(x, "computationTimeMs").asLong(), strings(x, "dataSourcesUsed"), signature(x)),
            text(n, "generatedBy"), prevHash, hash);
      }
      case "export-downloaded" -> {
        JsonNode d = required(n, "download");
        yield new LogEntry.ExportDownloaded(sequence, timestamp, text(n, "tenantId"),
            new LogEntry.Download(text(d, "bundleId"), text(d, "format"), text(d, "filename"),
                required(d, "sizeBytes").asLong()),
            text(n, "downloadedBy"), prevHash, hash);
      }
      case "policy-decision" -> {
        JsonNode d = required(n, "decision");
        JsonNode s = required(d, "scope");
        yield new LogEntry.PolicyEvaluated(sequence, timestamp,
            new PolicyDecision(text(d, "queryId"),
                new ExportScope(text(s, "tenantId"), text(s, "facilityId"), text(s, "federationId")),
                required(d, "allowed").asBoolean(), text(d, "reason"), strings(d, "violations"),
                strings(d, "warnings"), strings(d, "rules")),
            text(n, "userId"), prevHash, hash);
      }
      case "error" -> {
        JsonNode x = required(n, "error");
        Map<String, String> details = new LinkedHashMap<>();
        JsonNode detailNode = x.get("details");
        if (detailNode != null) {
          detailNode.properties().forEach(f -> details.put(f.getKey(), f.getValue().asText()));
        }
        yield new LogEntry.ExportError(sequence, timestamp, text(n, "tenantId"),
            new LogEntry.ErrorInfo(text(x, "queryId"), text(x, "errorCode"), text(x, "message"), details),
            text(n, "userId"), prevHash, hash);
      }
      default -> throw new IllegalArgumentException("unknown entryType '" + type + "'");
    };
  }

  private static ArtifactSignature signature(JsonNode export) {
    JsonNode s = export.get("signature");
    return s == null ? null
        : new ArtifactSignature(text(s, "keyId"), required(s, "detached").asBoolean(), text(s, "value"));
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static List<String> strings(JsonNode node, String field) {
    List<String> values = new ArrayList<>();
    JsonNode array = node.get(field);
    if (array != null) {
      array.forEach(v -> values.add(v.asText()));
    }
    return values;
  }

  /**
   * Where the newest line of a log stands, to chain the next entry to it: from the entry, or read
   * leniently from a damaged line.
   *
   * @throws IllegalStateException when the line names no sequence number and hash
   */
  public static Position lastPosition(String line) {
    try {
      LogEntry entry = decode(line);
      return new Position(entry.sequence(), entry.hash());
    } catch (IllegalArgumentException malformed) {
      Position position = position(line);
      if (position == null) {
        throw new IllegalStateException("The log's newest line is not a well-formed entry and names no sequence "
            + "number and hash, so nothing can be chained to it; run verify() and repair the log: "
            + (line.length() <= 120 ? line : line.substring(0, 120) + "..."));
      }
      return position;
    }
  }
}
