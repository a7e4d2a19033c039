package dev.exporthub.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The large hostile files of the issue in a real process with a 128 MB heap, where they used to end
 * in "Java heap space" with no error entry: now exit 4, naming file and line, with the log complete.
 */
class HostileDataProcessTest {

  @TempDir
  Path work;

  private Cli.Run export() {
    return Cli.process(work, List.of("-Xmx128m"), "export", "--data", "data", "--category", "alert-logs",
        "--format", "json", "--out", "out.json", "--user", "alice", "--user-tenant", "tenant-1", "--now", Cli.NOW);
  }

  @Test
  @DisplayName("a 100 MB single .jsonl line with -Xmx128m exits 4 at its line, and the log holds the error")
  void hugeLineInSmallHeap() throws IOException {
    Path data = Fixtures.sampleData(work.resolve("data"));
    HostileDataTest.hugeLine(data.resolve("alerts.jsonl"),
        new ArrayList<>(Files.readAllLines(data.resolve("alerts.jsonl"))));

    HostileDataTest.assertInvalidData(export(), work, "alerts.jsonl:3", "longer than 1048576 bytes");
  }

  @Test
  @DisplayName("a 2 GB sparse .jsonl file with -Xmx128m exits 4 at line 1, and the log holds the error")
  void sparseFileInSmallHeap() throws IOException {
    HostileDataTest.sparse(Fixtures.sampleData(work.resolve("data")), "alerts.jsonl");

    HostileDataTest.assertInvalidData(export(), work, "alerts.jsonl:1", "NUL byte");
  }
}
