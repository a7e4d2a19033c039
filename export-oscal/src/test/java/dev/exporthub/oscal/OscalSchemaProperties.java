package dev.exporthub.oscal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.testkit.DataSet;
import dev.exporthub.testkit.DataSets;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class OscalSchemaProperties {

  private static final List<FormatWriter> WRITERS = List.of(new OscalAssessmentResultsWriter(), new OscalPoamWriter());

  @Property(tries = 40)
  @Label("every category holding findings validates against NIST's schema, in both formats, for any data set")
  void holdingFindingsValidates(@ForAll("dataSets") DataSet data) {
    for (String tenant : data.tenantIds()) {
      for (ExportCategory category : OscalFixtures.HOLDING_FINDINGS) {
        for (FormatWriter writer : WRITERS) {
          byte[] document = OscalFixtures.export(data, category, writer, tenant);
          assertEquals(List.of(), OscalFixtures.errors(OscalFixtures.schemaOf(writer), document),
              () -> writer.descriptor().format().id() + " of " + category.id() + " for " + tenant);
        }
      }
    }
  }

  @Provide
  Arbitrary<DataSet> dataSets() {
    return DataSets.withAtMost(24);
  }
}
