package dev.exporthub.core.log;

import dev.exporthub.core.internal.LogAppender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.LogCheckpoint;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.TenantDirectory;
import dev.exporthub.core.internal.LogCodec;
import dev.exporthub.core.log.LogVerification.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExportLogTest {

  private static final Instant T0 = LogFixtures.T0;

  private final InMemoryLogStore store = new InMemoryLogStore();
  private final ExportLog log = new ExportLog(store);
  private final LogAppender writer = new LogAppender(store);

  @Nested
  @DisplayName("appending")
  class Appending {

    @Test
    @DisplayName("numbers entries from 1, links the first to 64 zeros and each next one to the one before")
    void chains() {
      LogEntry.ExportGenerated first = writer.append(LogFixtures.generated(T0, "t1"));
      LogEntry.ExportDownloaded second = writer.append(LogFixtures.downloaded(T0.plusSeconds(1), "t1"));
      LogEntry.ExportError third = writer.append(LogFixtures.error(T0.plusSeconds(2), null));
      assertEquals(List.of(1L, 2L, 3L), List.of(first.sequence(), second.sequence(), third.sequence()));
      assertEquals(LogEntry.GENESIS_HASH, first.prevHash());
      assertEquals(first.hash(), second.prevHash());
      assertEquals(second.hash(), third.prevHash());
      assertEquals(List.of(first, second, third), log.entries(), "what append returns is what is stored");
      assertTrue(log.verify().valid());
    }

    @Test
    @DisplayName("head() is the checkpoint of the newest entry, and empty for an empty log")
    void head() {
      assertTrue(log.head().isEmpty());
      writer.append(LogFixtures.generated(T0, "t1"));
      LogEntry last = writer.append(LogFixtures.downloaded(T0, "t1"));
      assertEquals(new LogCheckpoint(2, last.hash()), log.head().orElseThrow());
      assertEquals(last.checkpoint(), log.head().orElseThrow());
    }

    @Test
    @DisplayName("after a changed last line, the chain goes on from the hash that line claims")
    void afterChangedLastLine() {
      writer.append(LogFixtures.generated(T0, "t1"));
      String last = writer.append(LogFixtures.downloaded(T0, "t1")).hash();
      List<String> lines = new ArrayList<>(LogFixtures.lines(store));
      lines.set(1, lines.get(1).replace("\"bob\"", "\"eve\""));
      InMemoryLogStore tamperedStore = new InMemoryLogStore(lines);
      ExportLog tampered = new ExportLog(tamperedStore);
      LogEntry next = new LogAppender(tamperedStore).append(LogFixtures.error(T0, "t1"));
      assertEquals(3, next.sequence());
      assertEquals(last, next.prevHash());
      LogVerification verification = tampered.verify();
      assertEquals(List.of(new LogVerification.Problem(2, Reason.HASH_MISMATCH,
          "entry 2 on line 2 does not match its hash: its content was changed")), verification.problems());
    }

    @Test
    @DisplayName("after a last line that names neither sequence nor hash, nothing is appended")
    void afterGarbageLastLine() {
      writer.append(LogFixtures.generated(T0, "t1"));
      InMemoryLogStore damaged = new InMemoryLogStore(List.of(LogFixtures.lines(store).get(0), "{\"not\":\"an entry\"}"));
      ExportLog broken = new ExportLog(damaged);
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> new LogAppender(damaged).append(LogFixtures.error(T0, "t1")));
      assertTrue(e.getMessage().contains("verify()"), e.getMessage());
      assertEquals(2, LogFixtures.lines(damaged).size());
    }

    @Test
    @DisplayName("entries() leaves out malformed lines, which verify() reports")
    void malformedLinesAreLeftOut() {
      writer.append(LogFixtures.generated(T0, "t1"));
      writer.append(LogFixtures.generated(T0, "t2"));
      List<String> lines = new ArrayList<>(LogFixtures.lines(store));
      lines.set(0, lines.get(0).substring(1));
      ExportLog damaged = new ExportLog(new InMemoryLogStore(lines));
      assertEquals(1, damaged.entries().size());
      LogVerification verification = damaged.verify();
      assertEquals(List.of(Reason.MALFORMED), verification.problems().stream().map(LogVerification.Problem::reason).toList());
      assertEquals("2 entries checked, 1 valid, 1 problem (MALFORMED 1)", verification.summary());
    }
  }

  @Nested
  @DisplayName("verify()")
  class Verifying {

    @Test
    @DisplayName("reports each problem with its sequence number and reason, and summary counts")
    void report() {
      for (int i = 0; i < 6; i++) {
        writer.append(LogFixtures.generated(T0.plusSeconds(i), "t1"));
      }
      List<String> lines = new ArrayList<>(LogFixtures.lines(store));
      lines.remove(1);                                   // entry 2 missing
      lines.add(lines.get(2));                           // entry 4 twice
      lines.set(0, lines.get(0).replace("t1", "t9"));   // entry 1 changed
      LogVerification verification = new ExportLog(new InMemoryLogStore(lines)).verify();
      assertEquals(List.of(
          new LogVerification.Problem(1, Reason.HASH_MISMATCH, "entry 1 on line 1 does not match its hash: its content was changed"),
          new LogVerification.Problem(2, Reason.MISSING, "entry 2 is missing"),
          new LogVerification.Problem(4, Reason.DUPLICATE, "entry 4 on line 6 is a second copy of the entry on line 3")),
          verification.problems());
      assertEquals(6, verification.entriesChecked());
      assertEquals(4, verification.validEntries());
      assertEquals(1, verification.count(Reason.MISSING));
      assertEquals(Map.of(Reason.HASH_MISMATCH, 1L, Reason.MISSING, 1L, Reason.REORDERED, 0L, Reason.DUPLICATE, 1L,
          Reason.MALFORMED, 0L, Reason.TRUNCATED, 0L), verification.counts());
      assertEquals("6 entries checked, 4 valid, 3 problems (HASH_MISMATCH 1, MISSING 1, DUPLICATE 1)",
          verification.summary());
    }

    @Test
    @DisplayName("an entry moved elsewhere is REORDERED, and only that entry")
    void moved() {
      for (int i = 0; i < 6; i++) {
        writer.append(LogFixtures.generated(T0.plusSeconds(i), "t1"));
      }
      List<String> lines = new ArrayList<>(LogFixtures.lines(store));
      lines.add(lines.remove(1));
      LogVerification verification = new ExportLog(new InMemoryLogStore(lines)).verify();
      assertEquals(List.of(new LogVerification.Problem(2, Reason.REORDERED, "entry 2 stands on line 6, out of sequence order")),
          verification.problems());
    }

    @Test
    @DisplayName("a long run of missing entries is reported once")
    void longGap() {
      LogEntry first = writer.append(LogFixtures.generated(T0, "t1"));
      String far = LogCodec.seal(LogFixtures.generated(T0, "t1"), 5000, first.hash()).line();
      LogVerification verification = new ExportLog(new InMemoryLogStore(List.of(LogFixtures.lines(store).get(0), far))).verify();
      assertEquals(List.of(new LogVerification.Problem(2, Reason.MISSING, "entries 2 to 4999 are missing (4998 entries)")),
          verification.problems());
    }

    @Test
    @DisplayName("a log whose first entry does not link to 64 zeros does not verify")
    void genesis() {
      String line = LogCodec.seal(LogFixtures.generated(T0, "t1"), 1, "f".repeat(64)).line();
      LogVerification verification = new ExportLog(new InMemoryLogStore(List.of(line))).verify();
      assertEquals(List.of(Reason.HASH_MISMATCH), verification.problems().stream().map(LogVerification.Problem::reason).toList());
    }

    @Test
    @DisplayName("an empty log verifies, but not against a checkpoint")
    void empty() {
      assertTrue(log.verify().valid());
      assertEquals("0 entries checked, 0 valid, no problems", log.verify().summary());
      LogVerification verification = log.verify(new LogCheckpoint(3, "a".repeat(64)));
      assertTrue(verification.has(Reason.TRUNCATED));
    }
  }

  @Nested
  @DisplayName("queries")
  class Queries {

    @Test
    @DisplayName("recent exports: export-generated entries only, newest first, at most the limit")
    void recentExports() {
      for (int i = 0; i < 14; i++) {
        writer.append(LogFixtures.generated(T0.plusSeconds(i), "t" + (i % 2)));
        writer.append(LogFixtures.downloaded(T0.plusSeconds(i), "t1"));
      }
      List<LogEntry.ExportGenerated> recent = log.recentExports(10);
      assertEquals(10, recent.size());
      assertEquals(27, recent.get(0).sequence());
      for (int i = 1; i < recent.size(); i++) {
        assertTrue(recent.get(i - 1).sequence() > recent.get(i).sequence());
      }
      assertEquals(7, log.recentExports(10, LogQuery.all().tenant("t0")).size());
      assertEquals(List.of(), log.recentExports(0));
      assertThrows(IllegalArgumentException.class, () -> log.recentExports(-1));
    }

    @Test
    @DisplayName("by tenant, by type and by time range [from, to), combined with and")
    void filters() {
      writer.append(LogFixtures.generated(T0, "t1"));
      writer.append(LogFixtures.downloaded(T0.plusSeconds(10), "t1"));
      writer.append(LogFixtures.generated(T0.plusSeconds(20), "t2"));
      writer.append(LogFixtures.error(T0.plusSeconds(30), null));
      writer.append(LogFixtures.decision(T0.plusSeconds(40), ExportScope.tenant("t2"), "u"));

      assertEquals(List.of(1L, 2L), sequences(LogQuery.all().tenant("t1")));
      assertEquals(List.of(3L, 5L), sequences(LogQuery.all().tenant("t2")));
      assertEquals(List.of(1L, 3L), sequences(LogQuery.all().entryTypes("export-generated")));
      assertEquals(List.of(4L, 5L), sequences(LogQuery.all().entryTypes("error", "policy-decision")));
      assertEquals(List.of(2L, 3L), sequences(LogQuery.all().within(TimeRange.of(T0.plusSeconds(10), T0.plusSeconds(30)))));
      assertEquals(List.of(3L), sequences(LogQuery.all().tenant("t2").entryTypes("export-generated")
          .within(TimeRange.of(T0, T0.plusSeconds(60)))));
      assertEquals(5, log.entries(LogQuery.all()).size());
    }

    @Test
    @DisplayName("unknown entry types and blank tenants are bad input")
    void badInput() {
      assertThrows(InvalidRequestException.class, () -> LogQuery.all().entryTypes("export-deleted"));
      assertThrows(InvalidRequestException.class, () -> LogQuery.all().entryTypes());
      assertThrows(InvalidRequestException.class, () -> LogQuery.all().tenant(" "));
    }

    private List<Long> sequences(LogQuery query) {
      return log.entries(query).stream().map(LogEntry::sequence).toList();
    }
  }

  @Nested
  @DisplayName("visibility")
  class Visibility {

    private final TenantDirectory directory = TenantDirectory.of(Map.of("fed-a", Set.of("t1", "t2")));

    private void fill() {
      writer.append(LogFixtures.generated(T0, "t1"));                                               // 1
      writer.append(LogFixtures.generated(T0, "t2"));                                               // 2
      writer.append(LogFixtures.generated(T0, "t3"));                                               // 3
      writer.append(LogFixtures.generated(T0, null));                                               // 4 federation export
      writer.append(LogFixtures.decision(T0, ExportScope.federation("fed-a"), "u"));                // 5
      writer.append(LogFixtures.decision(T0, ExportScope.federation("fed-b"), "u"));                // 6
      writer.append(LogFixtures.error(T0, null));                                                   // 7
    }

    private List<Long> seen(Caller caller) {
      return log.entries(LogQuery.all().visibleTo(caller, directory)).stream().map(LogEntry::sequence).toList();
    }

    @Test
    @DisplayName("a caller sees the entries of their own tenant")
    void ownTenant() {
      fill();
      assertEquals(List.of(1L), seen(Caller.of("u", "t1", null, List.of())));
      assertEquals(List.of(3L), seen(Caller.of("u", "t3", "admin", List.of())));
    }

    @Test
    @DisplayName("export:cross-tenant or export:federation-admin sees every entry")
    void everything() {
      fill();
      List<Long> all = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L);
      assertEquals(all, seen(Caller.of("u", "t3", null, List.of("export:cross-tenant"))));
      assertEquals(all, seen(Caller.of("u", "t3", null, List.of("export:federation-admin"))));
    }

    @Test
    @DisplayName("a federation member sees its tenants and its federation's decisions, nothing else")
    void federationMember() {
      fill();
      assertEquals(List.of(1L, 2L, 5L), seen(Caller.of("u", "t1", null, List.of()).inFederation("fed-a")));
      assertEquals(List.of(3L), seen(Caller.of("u", "t3", null, List.of()).inFederation("fed-c")));
    }

    @Test
    @DisplayName("statistics, history and log exports can be limited to what a caller sees")
    void scopedViews() throws Exception {
      fill();
      Caller caller = Caller.of("u", "t1", null, List.of());
      LogQuery visible = LogQuery.all().visibleTo(caller, directory);
      assertEquals(1, log.statistics(visible, T0).totalExports());
      assertEquals(Map.of("t1", 1L), log.statistics(visible, T0).byTenant());
      assertEquals(List.of(1L), log.recentExports(10, visible).stream().map(LogEntry::sequence).toList());
      java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
      log.writeJson(json, visible);
      assertEquals("[\n" + LogFixtures.lines(store).get(0) + "\n]\n", json.toString(java.nio.charset.StandardCharsets.UTF_8));
      assertFalse(log.entries(LogQuery.all().visibleTo(caller, directory).within(
          TimeRange.of(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2))))).iterator().hasNext());
    }
  }
}
