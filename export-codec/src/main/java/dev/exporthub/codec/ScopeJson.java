package dev.exporthub.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.exporthub.api.ExportScope;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * An {@link ExportScope} as a JSON object, as the bundle documents and the log's policy decisions
 * carry it: {@code tenantId}, {@code facilityId}, {@code federationId} in that order, each only when
 * present.
 *
 * <p>Internal to Export Hub.
 */
public final class ScopeJson {

  private ScopeJson() {}

  /**
   * Writes the scope object (its name, if any, is the caller's to write first).
   *
   * @param text how each id is written: the writers make it well-formed UTF-16 text (an unpaired
   *             surrogate becomes U+FFFD); the log writes it as it is, since it hashes its own bytes
   *             and reads them back
   */
  public static void write(JsonGenerator json, ExportScope scope, UnaryOperator<String> text) throws IOException {
    json.writeStartObject();
    optional(json, "tenantId", scope.tenantId(), text);
    optional(json, "facilityId", scope.facilityId(), text);
    optional(json, "federationId", scope.federationId(), text);
    json.writeEndObject();
  }

  private static void optional(JsonGenerator json, String name, String value, UnaryOperator<String> text)
      throws IOException {
    if (value != null) {
      json.writeStringField(name, text.apply(value));
    }
  }
}
