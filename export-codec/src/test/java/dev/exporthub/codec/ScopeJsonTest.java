package dev.exporthub.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.exporthub.api.ExportScope;
import java.io.IOException;
import java.io.StringWriter;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScopeJsonTest {

  private static String json(ExportScope scope, UnaryOperator<String> text) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      ScopeJson.write(g, scope, text);
    }
    return out.toString();
  }

  @Test
  @DisplayName("tenantId, facilityId, federationId in that order, each only when present")
  void presentPartsInOrder() throws IOException {
    assertEquals("{\"tenantId\":\"t-1\",\"facilityId\":\"f-a\"}",
        json(ExportScope.facility("t-1", "f-a"), UnaryOperator.identity()));
    assertEquals("{\"federationId\":\"fed\"}", json(ExportScope.federation("fed"), UnaryOperator.identity()));
    assertEquals("{}", json(ExportScope.unscoped(), UnaryOperator.identity()));
  }

  @Test
  @DisplayName("every id goes through the caller's text function")
  void textFunction() throws IOException {
    assertEquals("{\"tenantId\":\"T-1\"}", json(ExportScope.tenant("t-1"), s -> s.toUpperCase(java.util.Locale.ROOT)));
  }
}
