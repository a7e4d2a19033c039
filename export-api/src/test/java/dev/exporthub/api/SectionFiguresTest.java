package dev.exporthub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A section's figures: graded values most serious first, items per UTC day, the fields as they appear. */
class SectionFiguresTest {

  private static ExportItem item(String id, String at, Object... keysAndValues) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      data.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return new ExportItem(id, "audit-finding", Instant.parse(at), data, List.of());
  }

  @Test
  @DisplayName("counts each graded value, orders known levels first, days by UTC date, fields by first appearance")
  void counts() {
    SectionFigures figures = SectionFigures.of(List.of(
        item("A", "2026-01-01T23:59:59Z", "id", "A", "severity", "low", "status", "open"),
        item("B", "2026-01-02T00:00:00Z", "id", "B", "severity", "critical", "status", "resolved"),
        item("C", "2026-01-02T10:00:00Z", "id", "C", "severity", "weird", "status", "open", "note", "x"),
        item("D", "2026-01-03T10:00:00Z", "id", "D", "severity", "critical")));
    assertEquals(List.of("critical", "low", "weird"), List.copyOf(figures.counts().get("severity").keySet()));
    assertEquals(Map.of("critical", 2L, "low", 1L, "weird", 1L), figures.counts().get("severity"));
    assertEquals(Map.of("open", 2L, "resolved", 1L), figures.counts().get("status"));
    assertEquals(List.of("severity", "status"), List.copyOf(figures.counts().keySet()));
    assertEquals(Map.of(LocalDate.parse("2026-01-01"), 1L, LocalDate.parse("2026-01-02"), 2L,
        LocalDate.parse("2026-01-03"), 1L), figures.perDay());
    assertEquals(List.of("id", "severity", "status", "note"), figures.fields());
    assertEquals(figures, SectionFigures.of(List.of(
        item("A", "2026-01-01T23:59:59Z", "id", "A", "severity", "low", "status", "open"),
        item("B", "2026-01-02T00:00:00Z", "id", "B", "severity", "critical", "status", "resolved"),
        item("C", "2026-01-02T10:00:00Z", "id", "C", "severity", "weird", "status", "open", "note", "x"),
        item("D", "2026-01-03T10:00:00Z", "id", "D", "severity", "critical"))));
  }

  @Test
  @DisplayName("a section over a list has the list's figures; a streamed one made without them has none")
  void sections() {
    List<ExportItem> items = List.of(item("A", "2026-01-01T00:00:00Z", "severity", "high"));
    Instant at = Instant.parse("2026-01-05T00:00:00Z");
    assertEquals(SectionFigures.of(items),
        ExportSection.of(SectionKind.AUDIT_FINDINGS, "1", at, items).figures().orElseThrow());
    assertEquals(java.util.Optional.empty(),
        ExportSection.streamed(SectionKind.AUDIT_FINDINGS, "1", 1, at, items::stream).figures());
  }
}
