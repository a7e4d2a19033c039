package dev.exporthub.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.source.Alert;
import dev.exporthub.api.source.SourceRecord;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;

/** With the testkit on the class path, records and data sets are jqwik default arbitraries. */
@Label("@ForAll gives the testkit's records and data sets")
class DefaultArbitrariesProperties {

  @Property(tries = 30)
  @Label("for each record type, the common interface and a whole data set")
  void recordsAndDataSets(@ForAll Alert alert, @ForAll SourceRecord record, @ForAll DataSet data) {
    assertEquals("alert", alert.type().itemType());
    assertTrue(record.type().recordType().isInstance(record));
    assertTrue(data.tenantIds().size() >= 1);
  }
}
