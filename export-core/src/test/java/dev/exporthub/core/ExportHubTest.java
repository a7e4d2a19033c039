package dev.exporthub.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFailedException;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.AuditFinding;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.SourceQuery;
import dev.exporthub.core.internal.Hashing;
import dev.exporthub.core.source.InMemoryDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The pipeline end to end, with the real JSON writer found by ServiceLoader. */
class ExportHubTest {

  static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final ObjectMapper JSON = new ObjectMapper();
  static final Caller AUDITOR = Caller.of("ana", "t-1", "auditor", Set.of());

  static AuditFinding finding(String id, String tenant, String facility, Instant foundAt) {
    return new AuditFinding(id, "high", "access-control", "open", "Finding " + id, foundAt, null, tenant, facility,
        List.of(), null);
  }

  /** Findings of two tenants, inside and just outside the default 30-day range. */
  static List<SourceRecord> findings() {
    Instant from = NOW.minus(Duration.ofDays(30));
    return List.of(
        finding("AF-1", "t-1", "f-a", from),
        finding("AF-2", "t-1", null, NOW.minusMillis(1)),
        finding("AF-3", "t-1", "f-b", from.minusMillis(1)),
        finding("AF-4", "t-1", "f-a", NOW),
        finding("AF-5", "t-2", "f-a", NOW.minusSeconds(60)),
        finding("AF-6", "t-1", "f-a", NOW.minus(Duration.ofDays(3))));
  }

  static ExportHub hub(OperationalDataSource source) {
    AtomicInteger ids = new AtomicInteger();
    return ExportHub.builder().dataSource(source).clock(CLOCK).idSupplier(() -> "id-" + ids.incrementAndGet())
        .build();
  }

  static ExportRequest auditFindingsJson() {
    return ExportRequest.builder(ExportCategory.AUDIT_FINDINGS, ExportFormat.JSON).build();
  }

  @Test
  @DisplayName("audit findings of one tenant export to JSON: exactly that tenant's findings in range, and two log entries")
  void exportsOneTenantsFindingsToJson() throws IOException {
    ExportHub hub = hub(InMemoryDataSource.of(findings()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExportResult result = hub.export(auditFindingsJson(), AUDITOR, out);

    ExportResult.Completed done = assertInstanceOf(ExportResult.Completed.class, result);
    JsonNode bundle = JSON.readTree(out.toByteArray());
    List<String> ids = new ArrayList<>();
    bundle.get("sections").get(0).get("items").forEach(item -> ids.add(item.get("itemId").asText()));
    assertEquals(List.of("AF-1", "AF-6", "AF-2"), ids, "t-1's findings in [now-30d, now), ordered by time");
    assertEquals("t-1", bundle.get("scope").get("tenantId").asText());
    assertEquals(done.bundle().bundleId(), bundle.get("bundleId").asText());
    assertEquals(3, bundle.get("metadata").get("totalItems").asInt());
    assertEquals("ana", bundle.get("metadata").get("generatedBy").asText());

    List<LogEntry> entries = hub.log().entries();
    assertEquals(2, entries.size());
    LogEntry.PolicyEvaluated decision = assertInstanceOf(LogEntry.PolicyEvaluated.class, entries.get(0));
    assertTrue(decision.decision().allowed());
    LogEntry.ExportGenerated generated = assertInstanceOf(LogEntry.ExportGenerated.class, entries.get(1));
    assertEquals(done.bundle().bundleId(), generated.export().bundleId());
    assertEquals(out.size(), generated.export().sizeBytes());
    assertEquals(3, generated.export().itemsIncluded());
    assertEquals(List.of("Phase 50: Audit & Governance Engine"), generated.export().dataSourcesUsed());
    assertTrue(hub.log().verify().valid());
  }

  @Test
  @DisplayName("each section of an export carries the figures of exactly its items, counted in the counting pass")
  void sectionsCarryTheirFigures() {
    ExportHub hub = hub(InMemoryDataSource.of(findings()));
    ExportResult.Completed done = hub.export(auditFindingsJson(), AUDITOR).orThrow();
    for (dev.exporthub.api.ExportSection section : done.bundle().sections()) {
      assertEquals(dev.exporthub.api.SectionFigures.of(section.itemList()), section.figures().orElseThrow(),
          section.sectionId());
    }
  }

  @Test
  @DisplayName("the result's size and SHA-256 are those of the bytes written, and the file name is conventional")
  void resultDescribesTheBytes() {
    ExportHub hub = hub(InMemoryDataSource.of(findings()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExportResult.Completed done = hub.export(auditFindingsJson(), AUDITOR, out).orThrow();
    assertEquals(out.size(), done.sizeBytes());
    assertEquals(Hashing.sha256Hex(out.toByteArray()), done.sha256());
    assertEquals(done.bundle().bundleId() + ".json", done.filename());
    assertEquals("application/json", done.mimeType());
    assertEquals(0, done.content().length, "a streamed export keeps no copy");

    ExportResult.Completed inMemory = hub.export(auditFindingsJson(), AUDITOR).orThrow();
    assertEquals(inMemory.sizeBytes(), inMemory.content().length);
    assertEquals(Hashing.sha256Hex(inMemory.content()), inMemory.sha256());
    assertEquals(done.bundle().bundleId(), inMemory.bundle().bundleId(), "same content, same bundle id");
    assertNotEquals(done.bundle().exportId(), inMemory.bundle().exportId(), "each execution has its own export id");
  }

  @Test
  @DisplayName("8 threads exporting at once through one hub all complete, and the log holds exactly their entries")
  void concurrentExports() throws Exception {
    ExportHub hub = ExportHub.builder().dataSource(InMemoryDataSource.of(findings())).clock(CLOCK).build();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<ExportResult.Completed>> tasks = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String queryId = "q-" + i;
        tasks.add(() -> hub.export(ExportRequest.builder(ExportCategory.AUDIT_FINDINGS, ExportFormat.JSON)
            .queryId(queryId).build(), AUDITOR).orThrow());
      }
      Set<String> bundleIds = new HashSet<>();
      Set<String> exportIds = new HashSet<>();
      for (Future<ExportResult.Completed> future : pool.invokeAll(tasks)) {
        ExportResult.Completed done = future.get();
        bundleIds.add(done.bundle().bundleId());
        exportIds.add(done.bundle().exportId());
        assertEquals(done.sizeBytes(), done.content().length);
      }
      assertEquals(1, bundleIds.size(), "same content, same bundle id");
      assertEquals(threads, exportIds.size(), "every execution has its own export id");
    } finally {
      pool.shutdown();
    }
    List<LogEntry> entries = hub.log().entries();
    assertEquals(2 * threads, entries.size());
    Set<String> decided = new HashSet<>();
    Set<String> generated = new HashSet<>();
    for (LogEntry entry : entries) {
      if (entry instanceof LogEntry.PolicyEvaluated p) {
        decided.add(p.decision().queryId());
      } else if (entry instanceof LogEntry.ExportGenerated g) {
        generated.add(g.export().queryId());
      }
    }
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < threads; i++) {
      expected.add("q-" + i);
    }
    assertEquals(expected, decided);
    assertEquals(expected, generated);
    for (int i = 0; i < entries.size(); i++) {
      assertEquals(i + 1, entries.get(i).sequence());
    }
    assertTrue(hub.log().verify().valid());
  }

  @Test
  @DisplayName("a denied export returns Denied, writes nothing, and logs one policy decision")
  void deniedExport() {
    ExportHub hub = hub(InMemoryDataSource.of(findings()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExportRequest otherTenant = ExportRequest.builder(ExportCategory.AUDIT_FINDINGS, ExportFormat.JSON)
        .scope(ExportScope.tenant("t-2")).build();
    ExportResult result = hub.export(otherTenant, AUDITOR, out);
    ExportResult.Denied denied = assertInstanceOf(ExportResult.Denied.class, result);
    assertEquals(List.of("Cross-tenant export access denied"), denied.decision().violations());
    assertEquals("1 policy violation(s): Cross-tenant export access denied", denied.decision().reason());
    assertEquals(0, out.size());
    assertEquals(1, hub.log().entries().size());
    assertThrows(dev.exporthub.api.ExportDeniedException.class, result::orThrow);
  }

  @Test
  @DisplayName("an unknown format is an invalid request: one error entry, no policy decision")
  void unknownFormat() {
    ExportHub hub = hub(InMemoryDataSource.of(findings()));
    ExportRequest request = ExportRequest.builder(ExportCategory.AUDIT_FINDINGS, ExportFormat.of("xlsx")).build();
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> hub.export(request, AUDITOR, new ByteArrayOutputStream()));
    assertTrue(e.getMessage().contains("xlsx") && e.getMessage().contains("json"), e::getMessage);
    List<LogEntry> entries = hub.log().entries();
    assertEquals(1, entries.size());
    LogEntry.ExportError error = assertInstanceOf(LogEntry.ExportError.class, entries.get(0));
    assertEquals("INVALID_REQUEST", error.error().errorCode());
  }

  @Test
  @DisplayName("a failing output stream is an EXPORT_FAILED error after the policy decision")
  void failingStream() {
    ExportHub hub = hub(InMemoryDataSource.of(findings()));
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("disk full");
      }
    };
    ExportFailedException e = assertThrows(ExportFailedException.class,
        () -> hub.export(auditFindingsJson(), AUDITOR, broken));
    assertTrue(e.getMessage().contains("disk full"), e::getMessage);
    List<LogEntry> entries = hub.log().entries();
    assertEquals(2, entries.size());
    assertInstanceOf(LogEntry.PolicyEvaluated.class, entries.get(0));
    assertEquals("EXPORT_FAILED", assertInstanceOf(LogEntry.ExportError.class, entries.get(1)).error().errorCode());
  }

  @Test
  @DisplayName("a source handing out one id twice is an INVALID_DATA error naming the record")
  void invalidData() {
    OperationalDataSource duplicates = new OperationalDataSource() {
      @Override
      public Stream<? extends SourceRecord> records(SourceType type, SourceQuery query) {
        return type == SourceType.AUDIT_FINDINGS
            ? Stream.of(finding("AF-9", "t-1", null, NOW.minusSeconds(10)), finding("AF-9", "t-1", null, NOW.minusSeconds(5)))
            : Stream.empty();
      }
    };
    ExportHub hub = hub(duplicates);
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> hub.export(auditFindingsJson(), AUDITOR, new ByteArrayOutputStream()));
    assertEquals("AF-9", e.recordId());
    assertEquals("auditFindingId", e.field());
    List<LogEntry> entries = hub.log().entries();
    assertEquals("INVALID_DATA", assertInstanceOf(LogEntry.ExportError.class, entries.get(1)).error().errorCode());
  }

  @Test
  @DisplayName("progress is reported for every item written")
  void progress() {
    ExportHub hub = hub(InMemoryDataSource.of(findings()));
    AtomicLong last = new AtomicLong();
    AtomicLong total = new AtomicLong();
    hub.export(auditFindingsJson(), AUDITOR, new ByteArrayOutputStream(), (done, all) -> {
      last.set(done);
      total.set(all);
    });
    assertEquals(3, last.get());
    assertEquals(3, total.get());
  }

  @Test
  @DisplayName("a download is recorded and counted")
  void download() {
    ExportHub hub = hub(InMemoryDataSource.of(findings()));
    ExportResult.Completed done = hub.export(auditFindingsJson(), AUDITOR).orThrow();
    LogEntry.ExportDownloaded entry = hub.recordDownload(done, done.filename(), AUDITOR);
    assertEquals(3, entry.sequence());
    assertEquals(1, hub.statistics().totalDownloads());
    assertEquals(1, hub.statistics().totalExports());
  }

  @Test
  @DisplayName("the same request on the same data and clock gives the same bytes")
  void deterministic() {
    byte[] first = hub(InMemoryDataSource.of(findings())).export(auditFindingsJson(), AUDITOR).orThrow().content();
    List<SourceRecord> reversed = new ArrayList<>(findings());
    java.util.Collections.reverse(reversed);
    byte[] second = hub(InMemoryDataSource.of(reversed)).export(auditFindingsJson(), AUDITOR).orThrow().content();
    assertArrayEquals(first, second);
  }

  @Test
  @DisplayName("an explicit time range is honoured, half-open")
  void explicitRange() throws IOException {
    ExportHub hub = hub(InMemoryDataSource.of(findings()));
    ExportRequest request = ExportRequest.builder(ExportCategory.AUDIT_FINDINGS, ExportFormat.JSON)
        .timeRange(TimeRange.of(NOW.minus(Duration.ofDays(3)), NOW.plusMillis(1))).build();
    JsonNode bundle = JSON.readTree(hub.export(request, AUDITOR).orThrow().content());
    List<String> ids = new ArrayList<>();
    bundle.get("sections").get(0).get("items").forEach(item -> ids.add(item.get("itemId").asText()));
    assertEquals(List.of("AF-6", "AF-2", "AF-4"), ids);
  }
}
