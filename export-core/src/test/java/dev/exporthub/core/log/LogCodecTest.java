package dev.exporthub.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportScope;
import dev.exporthub.api.LogEntry;
import dev.exporthub.core.internal.LogCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stored line format: fixed key order, hash last, every byte covered, strict decoding. */
class LogCodecTest {

  private static final String ZEROS = "0".repeat(64);

  @Test
  @DisplayName("an entry is stored as one line of compact JSON with a fixed key order and its hash last")
  void storedForm() {
    LogCodec.Sealed sealed = LogCodec.seal(LogFixtures.downloaded(LogFixtures.T0, "t1"), 1, ZEROS);
    String unsigned = "{\"schemaVersion\":1,\"sequence\":1,\"entryType\":\"export-downloaded\","
        + "\"timestamp\":\"2026-01-15T12:00:00Z\",\"tenantId\":\"t1\",\"download\":{\"bundleId\":\"EXP-1\","
        + "\"format\":\"json\",\"filename\":\"EXP-1.json\",\"sizeBytes\":1000},\"downloadedBy\":\"bob\","
        + "\"prevHash\":\"" + ZEROS + "\"}";
    String hash = sha256(ZEROS + unsigned);
    assertEquals(unsigned.substring(0, unsigned.length() - 1) + ",\"hash\":\"" + hash + "\"}", sealed.line());
    assertEquals(new LogEntry.ExportDownloaded(1, LogFixtures.T0, "t1",
        new LogEntry.Download("EXP-1", "json", "EXP-1.json", 1000), "bob", ZEROS, hash), sealed.entry());
  }

  @Test
  @DisplayName("the export-generated entry carries size, computation time and data sources")
  void generatedForm() {
    LogEntry.ExportGenerated entry = new LogEntry.ExportGenerated(0, LogFixtures.T0, "t1", "f1",
        new LogEntry.GeneratedExport("EXP-0123456789abcdef", "exp-1", "q-1", "compliance-pack", "csv", 3, 42, 12345,
            "ab".repeat(32), 17, List.of("Phase 50: Audit & Governance Engine", "Phases 52-53: Alert & Task SLA Tracking")),
        "alice", null, null);
    String line = LogCodec.seal(entry, 7, "1".repeat(64)).line();
    assertTrue(line.startsWith("{\"schemaVersion\":1,\"sequence\":7,\"entryType\":\"export-generated\","
        + "\"timestamp\":\"2026-01-15T12:00:00Z\",\"tenantId\":\"t1\",\"facilityId\":\"f1\",\"export\":{"
        + "\"bundleId\":\"EXP-0123456789abcdef\",\"exportId\":\"exp-1\",\"queryId\":\"q-1\","
        + "\"category\":\"compliance-pack\",\"format\":\"csv\",\"sectionsGenerated\":3,\"itemsIncluded\":42,"
        + "\"sizeBytes\":12345,\"sha256\":\"" + "ab".repeat(32) + "\",\"computationTimeMs\":17,"
        + "\"dataSourcesUsed\":[\"Phase 50: Audit & Governance Engine\",\"Phases 52-53: Alert & Task SLA Tracking\"]},"
        + "\"generatedBy\":\"alice\",\"prevHash\":\"" + "1".repeat(64) + "\",\"hash\":\""), line);
  }

  @Test
  @DisplayName("policy decisions and errors keep the fields of SPECIFICATION.md §7.1, in its order")
  void decisionAndErrorForms() {
    String decision = LogCodec.seal(LogFixtures.decision(LogFixtures.T0, ExportScope.federation("fed-1"), "u1"), 1,
        ZEROS).line();
    assertTrue(decision.startsWith("{\"schemaVersion\":1,\"sequence\":1,\"entryType\":\"policy-decision\","
        + "\"timestamp\":\"2026-01-15T12:00:00Z\",\"decision\":{\"queryId\":\"q-1768478400\","
        + "\"scope\":{\"federationId\":\"fed-1\"},\"allowed\":true,\"reason\":\"All policy rules passed\","
        + "\"violations\":[],\"warnings\":[],\"rules\":[\"tenant-isolation\"]},\"userId\":\"u1\",\"prevHash\":"), decision);
    String error = LogCodec.seal(LogFixtures.error(LogFixtures.T0, null), 2, ZEROS).line();
    assertTrue(error.startsWith("{\"schemaVersion\":1,\"sequence\":2,\"entryType\":\"error\","
        + "\"timestamp\":\"2026-01-15T12:00:00Z\",\"error\":{\"queryId\":\"q1\",\"errorCode\":\"INVALID_REQUEST\","
        + "\"message\":\"Unknown category 'x'\",\"details\":{\"category\":\"x\"}},\"userId\":\"carol\",\"prevHash\":"),
        error);
  }

  @Provide
  net.jqwik.api.Arbitrary<LogEntry> entries() {
    return LogFixtures.entries();
  }

  @Property(tries = 300)
  void everyEntryReadsBackAsStoredAndSealed(@ForAll("entries") LogEntry entry) {
    LogCodec.Sealed sealed = LogCodec.seal(entry, 5, "ab".repeat(32));
    LogEntry decoded = LogCodec.decode(sealed.line());
    assertEquals(sealed.entry(), decoded);
    assertTrue(LogCodec.sealedCorrectly(decoded, sealed.line()));
    assertEquals(sealed.line().indexOf('\n'), -1, "one line");
    assertEquals(new LogCodec.Position(5, decoded.hash()), LogCodec.position(sealed.line()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"reordered keys", "extra space", "number as text", "upper-case hash", "schema version 2",
      "trailing text", "duplicate key", "unknown type", "sequence 0", "missing field", "carriage return", "empty"})
  @DisplayName("a line that is not exactly the canonical form is not a well-formed entry")
  void strictDecoding(String change) {
    String line = LogCodec.seal(LogFixtures.downloaded(LogFixtures.T0, "t1"), 3, ZEROS).line();
    String changed = switch (change) {
      case "reordered keys" -> line.replace("\"format\":\"json\",\"filename\":\"EXP-1.json\"",
          "\"filename\":\"EXP-1.json\",\"format\":\"json\"");
      case "extra space" -> line.replace("\"sequence\":3", "\"sequence\": 3");
      case "number as text" -> line.replace("\"sequence\":3", "\"sequence\":\"3\"");
      case "upper-case hash" -> line.substring(0, line.length() - 3) + "A\"}";
      case "schema version 2" -> line.replace("\"schemaVersion\":1", "\"schemaVersion\":2");
      case "trailing text" -> line + "x";
      case "duplicate key" -> line.replace("\"tenantId\":\"t1\"", "\"tenantId\":\"t1\",\"tenantId\":\"t1\"");
      case "unknown type" -> line.replace("export-downloaded", "export-deleted");
      case "sequence 0" -> line.replace("\"sequence\":3", "\"sequence\":0");
      case "missing field" -> line.replace("\"downloadedBy\":\"bob\",", "");
      case "carriage return" -> line + "\r";
      case "empty" -> "";
      default -> throw new AssertionError(change);
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogCodec.decode(changed));
    if (change.equals("schema version 2")) {
      assertEquals("unsupported schemaVersion 2", e.getMessage());
    }
  }

  @Test
  @DisplayName("a damaged line still names its sequence number and hash when its prefix and suffix survive")
  void lenientPosition() {
    String line = LogCodec.seal(LogFixtures.downloaded(LogFixtures.T0, "t1"), 12, ZEROS).line();
    String hash = LogCodec.claimedHash(line);
    String damaged = line.replace("\"download\":{", "\"download\":[");
    assertEquals(new LogCodec.Position(12, hash), LogCodec.position(damaged));
    assertNull(LogCodec.position("garbage"));
    assertNull(LogCodec.position(line.substring(0, line.length() - 2)));
  }

  @Test
  @DisplayName("text that UTF-8 cannot hold (an unpaired surrogate) is stored as '?', and the entry handed back says so")
  void unpairedSurrogate() {
    LogEntry entry = new LogEntry.ExportDownloaded(0, LogFixtures.T0, "t1",
        new LogEntry.Download("EXP-1", "json", "bad\uD800name", 1), "bob", null, null);
    LogCodec.Sealed sealed = LogCodec.seal(entry, 1, ZEROS);
    assertEquals("bad?name", ((LogEntry.ExportDownloaded) sealed.entry()).download().filename());
    assertEquals(sealed.entry(), LogCodec.decode(sealed.line()));
    assertTrue(LogCodec.sealedCorrectly(sealed.entry(), sealed.line()));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
