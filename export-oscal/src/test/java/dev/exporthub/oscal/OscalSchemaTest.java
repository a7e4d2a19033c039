package dev.exporthub.oscal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.testkit.DataSet;
import dev.exporthub.testkit.DataSets;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OscalSchemaTest {

  private static final DataSet SAMPLE = DataSets.sample(7, 300);

  @Test
  void everyCategoryValidatesInBothFormatsForTheSampleWithNastyText() {
    for (String tenant : SAMPLE.tenantIds()) {
      for (ExportCategory category : ExportCategory.values()) {
        byte[] ar = OscalFixtures.export(SAMPLE, category, new OscalAssessmentResultsWriter(), tenant);
        assertEquals(List.of(), OscalFixtures.errors(OscalFixtures.ASSESSMENT_RESULTS, ar), category.id());
        byte[] poam = OscalFixtures.export(SAMPLE, category, new OscalPoamWriter(), tenant);
        assertEquals(List.of(), OscalFixtures.errors(OscalFixtures.POAM, poam), category.id());
      }
    }
  }

  /** The check is only worth something if the schema's patterns really run, Unicode classes included. */
  @Test
  void theValidatorEnforcesTheSchemasPatternsWithUnicodeClasses() throws Exception {
    byte[] valid = OscalFixtures.export(SAMPLE, ExportCategory.AUDIT_FINDINGS, new OscalAssessmentResultsWriter(),
        SAMPLE.tenantIds().get(0));
    ObjectNode doc = (ObjectNode) OscalFixtures.read(valid);
    ObjectNode prop = (ObjectNode) doc.at("/assessment-results/metadata/props/0");

    prop.put("name", "\u00e9tat-\u0663"); // a letter and an Arabic-Indic digit: \p{L} and \p{N}
    assertEquals(List.of(), errorsOf(doc), "a token of non-ASCII letters and digits is an NCName");

    prop.put("name", "1-starts-with-a-digit");
    assertFalse(errorsOf(doc).isEmpty(), "a token must not start with a digit");

    prop.put("name", "bundle-id");
    prop.put("value", " padded ");
    assertFalse(errorsOf(doc).isEmpty(), "a string must not start or end with whitespace");

    prop.put("value", "ok");
    ((ObjectNode) doc.at("/assessment-results")).put("uuid", "a6222749-c794-1915-bcf2-96f91815ef96");
    assertFalse(errorsOf(doc).isEmpty(), "a UUID must be of version 4 or 5");
  }

  private static List<String> errorsOf(ObjectNode doc) throws Exception {
    return OscalFixtures.errors(OscalFixtures.ASSESSMENT_RESULTS,
        OscalFixtures.JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8));
  }
}
