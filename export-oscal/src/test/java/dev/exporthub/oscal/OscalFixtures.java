package dev.exporthub.oscal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.regex.JDKRegularExpressionFactory;
import dev.exporthub.api.Caller;
import dev.exporthub.api.ExportBundle;
import dev.exporthub.api.ExportCategory;
import dev.exporthub.api.ExportRequest;
import dev.exporthub.api.ExportScope;
import dev.exporthub.api.TimeRange;
import dev.exporthub.api.spi.FormatWriter;
import dev.exporthub.core.ExportHub;
import dev.exporthub.testkit.Callers;
import dev.exporthub.testkit.DataSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

/** Exports through a real hub, NIST's schemas, and Jackson to read the documents back. */
final class OscalFixtures {

  static final ObjectMapper JSON = new ObjectMapper();
  /** The categories whose plans hold a section that maps to OSCAL findings, observations or risks. */
  static final List<ExportCategory> HOLDING_FINDINGS = List.of(ExportCategory.COMPLIANCE_PACK,
      ExportCategory.AUDIT_FINDINGS, ExportCategory.DRIFT_LOGS, ExportCategory.FULL_OPERATIONAL);

  static final Schema ASSESSMENT_RESULTS = schema("schema/json/oscal-ar_schema.json");
  static final Schema POAM = schema("schema/json/oscal-poam_schema.json");

  private OscalFixtures() {
  }

  /**
   * NIST's draft-07 schema, from liboscal-java's jar. Its patterns use Unicode classes
   * ({@code \p{L}}, {@code \p{N}} in tokens): the JDK's regex engine reads them as Unicode
   * categories, so the validator is told to use it rather than guess.
   */
  private static Schema schema(String resource) {
    SchemaRegistryConfig config = SchemaRegistryConfig.builder()
        .regularExpressionFactory(JDKRegularExpressionFactory.getInstance())
        .formatAssertionsEnabled(true)
        .build();
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
        builder -> builder.schemaRegistryConfig(config));
    try (InputStream in = OscalFixtures.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the test class path (liboscal-java 3.0.3)");
      }
      return registry.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema's complaints about a document, one line each; empty when it is valid. */
  static List<String> errors(Schema schema, byte[] document) {
    return schema.validate(new String(document, StandardCharsets.UTF_8), InputFormat.JSON).stream()
        .map(Error::toString).toList();
  }

  static Schema schemaOf(FormatWriter writer) {
    return writer instanceof OscalPoamWriter ? POAM : ASSESSMENT_RESULTS;
  }

  /** A hub over the data set with the writer, its clock at the data set's now. */
  static ExportHub hub(DataSet data, FormatWriter writer) {
    return ExportHub.builder()
        .dataSource(data.source())
        .tenantDirectory(data.tenantDirectory())
        .clock(Clock.fixed(data.now(), ZoneOffset.UTC))
        .idSupplier(() -> "export-1")
        .discoverWriters(false)
        .writer(writer)
        .build();
  }

  /** A request for a tenant's last 200 days: every record of the testkit's data sets falls in it. */
  static ExportRequest request(DataSet data, ExportCategory category, FormatWriter writer, String tenant) {
    return ExportRequest.builder(category, writer.descriptor().format())
        .scope(ExportScope.tenant(tenant))
        .timeRange(TimeRange.of(data.now().minus(Duration.ofDays(200)), data.now().plus(Duration.ofDays(2))))
        .requestedBy("oscal-test")
        .build();
  }

  static Caller caller(String tenant) {
    return Callers.admin(tenant);
  }

  static byte[] export(DataSet data, ExportCategory category, FormatWriter writer, String tenant) {
    return hub(data, writer).export(request(data, category, writer, tenant), caller(tenant)).orThrow().content();
  }

  static ExportBundle bundle(DataSet data, ExportCategory category, FormatWriter writer, String tenant) {
    return hub(data, writer).preview(request(data, category, writer, tenant), caller(tenant));
  }

  static JsonNode read(byte[] document) {
    try {
      return JSON.readTree(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text a CommonMark field holds, with the writer's backslash escapes removed. */
  static String plain(String markdown) {
    return markdown.replaceAll("\\\\(\\p{Punct})", "$1");
  }
}
