package dev.exporthub.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportFormat;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportResult;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.AuditFinding;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.core.log.FileLogStore;
import dev.exporthub.core.source.InMemoryDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host example of the README, compiled and run. The README's code block must be exactly the
 * lines between the markers below, so the README cannot show code that does not compile.
 */
class ReadmeExampleTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("the README's host example compiles, runs, and is the same text as this test")
  void readmeExample() throws IOException {
    Path target = dir.resolve("findings.json");
    Path logFile = dir.resolve("exporthub-log.jsonl");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream console = new PrintStream(printed, true, StandardCharsets.UTF_8);

    // README:begin
    // Your records, or your own OperationalDataSource that reads them where they live.
    List<SourceRecord> records = List.of(
        new AuditFinding("AF-1", "high", "access-control", "open", "MFA disabled for two operators",
            Instant.parse("2026-01-10T09:30:00Z"), null, "tenant-1", "plant-a", List.of(), Map.of()));

    FileLogStore logStore = FileLogStore.open(logFile);   // the tamper-evident audit log; close it at shutdown
    ExportHub hub = ExportHub.builder()
        .dataSource(InMemoryDataSource.of(records))
        .logStore(logStore)
        .build();

    Caller caller = Caller.of("ana", "tenant-1", "auditor", Set.of());
    ExportRequest request = ExportRequest.builder(ExportCategory.AUDIT_FINDINGS, ExportFormat.JSON)
        .timeRange(TimeRange.of(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z")))
        .build();

    try (OutputStream out = Files.newOutputStream(target)) {
      ExportResult result = hub.export(request, caller, out);
      if (result instanceof ExportResult.Completed done) {
        console.println(done.filename() + ": " + done.sizeBytes() + " bytes, sha256 " + done.sha256());
      } else {
        console.println("denied: " + result.decision().violations());
      }
    }
    // README:end

    String line = printed.toString(StandardCharsets.UTF_8);
    assertTrue(line.matches("EXP-[0-9a-f]{16}\\.json: \\d+ bytes, sha256 [0-9a-f]{64}\\R"), line);
    assertEquals(Files.size(target), Long.parseLong(line.split(" ")[1]));
    assertEquals(2, hub.log().entries().size());
    assertEquals(2, Files.readAllLines(logFile).size(), "both entries are in the log file");
    assertTrue(hub.log().verify().valid());
    logStore.close();
    assertEquals(example(), readmeBlock(), "README.md's host example must be this test's code, verbatim");
  }

  /** The lines between the markers, de-indented, with {@code console} spelled as hosts write it. */
  private static List<String> example() throws IOException {
    List<String> lines = Files.readAllLines(
        Path.of("src/test/java/dev/exporthub/core/ReadmeExampleTest.java"), StandardCharsets.UTF_8);
    int begin = lines.indexOf("    // README:begin");
    int end = lines.indexOf("    // README:end");
    List<String> code = new ArrayList<>();
    for (String line : lines.subList(begin + 1, end)) {
      code.add((line.length() >= 4 ? line.substring(4) : line).replace("console.println", "System.out.println"));
    }
    return code;
  }

  /** The first java code block after the README's example marker. */
  private static List<String> readmeBlock() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("../README.md"), StandardCharsets.UTF_8);
    int marker = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("<!-- host-example: export-core/src/test/java/dev/exporthub/core/ReadmeExampleTest.java -->")) {
        marker = i;
        break;
      }
    }
    assertTrue(marker >= 0, "README.md lacks the host-example marker");
    int open = lines.subList(marker, lines.size()).indexOf("```java") + marker;
    int close = lines.subList(open + 1, lines.size()).indexOf("```") + open + 1;
    return lines.subList(open + 1, close);
  }
}
