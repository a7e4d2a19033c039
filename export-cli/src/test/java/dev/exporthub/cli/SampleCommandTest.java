package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.samples.SampleData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCommandTest {

  @TempDir
  Path work;

  @Test
  @DisplayName("sample writes the same files as SampleData with the same settings, and lists them")
  void writesSampleData() throws IOException {
    Cli.Run run = Cli.run(work, "sample", "--out", "data", "--seed", "7", "--size", "1000", "--tenants", "2",
        "--now", "2026-03-01T00:00:00Z");
    SampleData expected = SampleData.builder().seed(7).size(1000).tenants(2)
        .now(Instant.parse("2026-03-01T00:00:00Z")).build();
    Path reference = work.resolve("reference");
    expected.writeDataDirectory(reference);

    assertEquals(0, run.code(), run::toString);
    assertEquals(Fixtures.fileNames(reference), Fixtures.fileNames(work.resolve("data")));
    for (String name : Fixtures.fileNames(reference)) {
      assertArrayEquals(Files.readAllBytes(reference.resolve(name)), Files.readAllBytes(work.resolve("data").resolve(name)),
          name);
    }
    assertTrue(run.out().startsWith("Wrote 1000 sample records for 2 tenants (federation fed-north: "
        + "tenant-1, tenant-2) to " + work.resolve("data")), run::toString);
    assertTrue(run.out().lines().anyMatch(line -> line.matches(
        "  real-time-signals\\.jsonl +" + expected.count(SourceType.REAL_TIME_SIGNALS))), run::toString);
  }

  @Test
  @DisplayName("a new user's path: sample without --now, then export with the default range, gives items in every category")
  void newUsersPath() throws IOException {
    assertEquals(0, Cli.run(work, "sample", "--out", "data").code());
    for (ExportCategory category : ExportCategory.values()) {
      Path out = work.resolve(category.id() + ".json");
      Cli.Run run = Cli.run(work, "export", "--data", "data", "--category", category.id(), "--format", "json",
          "--out", out.toString(), "--user", "ana", "--user-tenant", "tenant-1", "--role", "admin");
      assertEquals(0, run.code(), run::toString);
      long items = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toFile())
          .at("/metadata/totalItems").asLong();
      assertTrue(items > 0, () -> category.id() + " exported no item");
    }
  }

  @Test
  @DisplayName("sample with --now at SampleData's instant writes SampleData's defaults")
  void defaults() throws IOException {
    assertEquals(0, Cli.run(work, "sample", "--out", "data", "--now", Cli.NOW).code());
    Path reference = Fixtures.sampleData(work.resolve("reference"));

    for (String name : Fixtures.fileNames(reference)) {
      assertArrayEquals(Files.readAllBytes(reference.resolve(name)), Files.readAllBytes(work.resolve("data").resolve(name)),
          name);
    }
  }

  @Test
  @DisplayName("an out-of-range setting is a usage error")
  void invalidSettings() {
    Cli.Run run = Cli.run(work, "sample", "--out", "data", "--tenants", "0");

    assertEquals(ExitCodes.USAGE, run.code(), run::toString);
    assertEquals("exporthub sample: tenants must be between 1 and 1000, was 0", run.err().strip());
    assertTrue(Files.notExists(work.resolve("data")));
  }
}
