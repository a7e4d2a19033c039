package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OSCAL plugin's formats reach the command line through ServiceLoader alone. */
class OscalExportCommandTest {

  @TempDir
  static Path shared;

  private static Path data;

  @TempDir
  Path work;

  @BeforeAll
  static void writeSampleData() {
    data = Fixtures.sampleData(shared.resolve("data"));
  }

  @Test
  void exportsAPoamAndAssessmentResultsByFormatId() throws Exception {
    for (String format : List.of("oscal-poam", "oscal-assessment-results")) {
      Path out = java.nio.file.Files.createDirectories(work.resolve(format));
      Cli.Run run = Cli.run(work, "export", "--data", data.toString(), "--category", "compliance-pack",
          "--format", format, "--out", out.toString(), "--user", "alice", "--user-tenant", "tenant-1",
          "--role", "auditor", "--now", Cli.NOW);
      assertEquals(0, run.code(), run::toString);
      List<String> files = Fixtures.fileNames(out);
      String suffix = format.equals("oscal-poam") ? ".oscal-poam.json" : ".oscal-ar.json";
      assertEquals(1, files.size(), files::toString);
      assertTrue(files.get(0).matches("EXP-[0-9a-f]{16}" + java.util.regex.Pattern.quote(suffix)), files::toString);
      JsonNode doc = new ObjectMapper().readTree(out.resolve(files.get(0)).toFile());
      String root = format.equals("oscal-poam") ? "plan-of-action-and-milestones" : "assessment-results";
      assertEquals("1.1.2", doc.at("/" + root + "/metadata/oscal-version").asText(), doc::toString);
      assertEquals("2026-01-15T12:00:00Z", doc.at("/" + root + "/metadata/last-modified").asText());
    }
  }

  @Test
  void anUnknownFormatListsTheOscalFormatsAmongTheAvailable() {
    Cli.Run run = Cli.run(work, "export", "--data", data.toString(), "--category", "compliance-pack",
        "--format", "oscal-ssp", "--out", work.toString(), "--user", "alice", "--user-tenant", "tenant-1");
    assertEquals(2, run.code(), run::toString);
    assertTrue(run.err().contains("oscal-assessment-results") && run.err().contains("oscal-poam"), run::toString);
  }
}
