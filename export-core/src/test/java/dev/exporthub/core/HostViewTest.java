package dev.exporthub.core;

import static dev.exporthub.core.ExportHubTest.AUDITOR;
import static dev.exporthub.core.ExportHubTest.CLOCK;
import static dev.exporthub.core.ExportHubTest.auditFindingsJson;
import static dev.exporthub.core.ExportHubTest.findings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportDeniedException;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.UncheckedRequest;
import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.core.log.ExportLog;
import dev.exporthub.core.source.InMemoryDataSource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a host sees of the hub's log: it reads, it never writes; and every kind of call leaves it verifying. */
class HostViewTest {

  private final ExportHub hub = ExportHub.builder().dataSource(InMemoryDataSource.of(findings())).clock(CLOCK).build();

  @Test
  @DisplayName("hub.log() offers no way to append: no method takes an entry, none hands out the store")
  void logIsReadOnly() {
    List<Method> writing = Arrays.stream(ExportLog.class.getMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()))
        .filter(m -> m.getName().startsWith("append") || ExportLogStore.class.isAssignableFrom(m.getReturnType())
            || Arrays.stream(m.getParameterTypes()).anyMatch(LogEntry.class::isAssignableFrom))
        .toList();
    assertEquals(List.of(), writing);
  }

  @Test
  @DisplayName("an invalid request typed outside the program appends exactly one INVALID_REQUEST error, by the hub")
  void invalidRequestLoggedOnce() {
    UncheckedRequest unknownCategory = UncheckedRequest.of("no-such-category", "json");
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> hub.export(unknownCategory, AUDITOR));
    assertTrue(e.getMessage().startsWith("Unknown export category 'no-such-category'"), e::getMessage);
    List<LogEntry> entries = hub.log().entries();
    assertEquals(1, entries.size());
    LogEntry.ExportError error = assertInstanceOf(LogEntry.ExportError.class, entries.get(0));
    assertEquals("INVALID_REQUEST", error.error().errorCode());
    assertEquals("no-such-category", error.error().details().get("category"));
    assertEquals("json", error.error().details().get("format"));
    assertEquals("t-1", error.tenantId());
    assertEquals("ana", error.userId());
  }

  @Test
  @DisplayName("an inverted range, a malformed instant and an unknown format are each one INVALID_REQUEST error")
  void otherInvalidRequests() {
    List<UncheckedRequest> invalid = List.of(
        UncheckedRequest.of("audit-findings", "json").withRange("2026-01-10", "2026-01-01"),
        UncheckedRequest.of("audit-findings", "json").withRange("yesterday", null),
        UncheckedRequest.of("audit-findings", "xlsx"));
    for (int i = 0; i < invalid.size(); i++) {
      UncheckedRequest request = invalid.get(i);
      assertThrows(InvalidRequestException.class, () -> hub.preview(request, AUDITOR), request::toString);
      List<LogEntry> entries = hub.log().entries();
      assertEquals(i + 1, entries.size(), request::toString);
      assertEquals("INVALID_REQUEST",
          assertInstanceOf(LogEntry.ExportError.class, entries.get(i)).error().errorCode(), request::toString);
    }
  }

  @Test
  @DisplayName("the log verifies after every kind of call: export, denial, invalid request, preview, download")
  void verifiesAfterEveryCall() {
    ExportResult.Completed done = hub.export(auditFindingsJson(), AUDITOR).orThrow();
    assertVerifies(2);
    Caller viewer = Caller.of("vic", "t-1", "viewer", Set.of());
    ExportRequest executive = ExportRequest.builder(ExportCategory.EXECUTIVE_SUMMARY, ExportFormat.JSON).build();
    assertFalse(hub.export(executive, viewer).decision().allowed());
    assertVerifies(3);
    assertThrows(InvalidRequestException.class, () -> hub.export(UncheckedRequest.of("nope", "json"), AUDITOR));
    assertVerifies(4);
    hub.preview(auditFindingsJson(), AUDITOR);
    assertVerifies(5);
    assertThrows(ExportDeniedException.class, () -> hub.preview(executive, viewer));
    assertVerifies(6);
    LogEntry.ExportDownloaded download = hub.recordDownload(done, done.filename(), AUDITOR);
    assertEquals("t-1", download.tenantId());
    assertEquals(done.bundle().bundleId(), download.download().bundleId());
    assertVerifies(7);
  }

  private void assertVerifies(int entries) {
    assertTrue(hub.log().verify().valid(), () -> hub.log().verify().toString());
    assertEquals(entries, hub.log().entries().size());
  }
}
