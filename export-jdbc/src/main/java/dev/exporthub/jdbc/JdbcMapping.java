package dev.exporthub.jdbc;

import dev.exporthub.api.source.SourceType;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Which table or view holds each source's records and which column each field, for a
 * {@link JdbcDataSource}. {@link #conventional()} is the layout of {@code sources.sql}; a host whose
 * tables look different names its own with {@link #builder()} or a properties file
 * ({@link #load(Path)}). Every name is checked when the mapping is built (letters, digits and
 * {@code _}, optionally {@code schema.table}) and quoted in SQL, and every required field of a
 * mapped source must have a column: a mistake shows at start-up, not at the first export.
 *
 * <p>Immutable and thread-safe.
 */
public final class JdbcMapping {

  private final Map<SourceType, SourceMapping> sources;
  private final Federations federations;

  /**
   * The federation table: which tenants make up which federation.
   *
   * @param table        the table or view
   * @param federationId the column of the federation's id
   * @param tenantId     the column of a member tenant's id
   */
  record Federations(String table, String federationId, String tenantId) {
  }

  private JdbcMapping(Map<SourceType, SourceMapping> sources, Federations federations) {
    this.sources = Collections.unmodifiableMap(new EnumMap<>(sources));
    this.federations = federations;
  }

  /**
   * The conventional layout ({@code dev/exporthub/jdbc/sources.sql}): a table per source named
   * like its data file with {@code _} ({@code audit_findings}), a column per field in snake case
   * ({@code audit_finding_id}), and {@code federation_members(federation_id, tenant_id)}.
   */
  public static JdbcMapping conventional() {
    Builder builder = builder().federations("federation_members", "federation_id", "tenant_id");
    for (SourceType type : SourceType.values()) {
      builder.table(type, SourceMapping.tableOf(type));
      for (RecordComponent c : SourceMapping.components(type)) {
        builder.column(type, c.getName(), SourceMapping.snakeCase(c.getName()));
      }
    }
    return builder.build();
  }

  /** A builder for a host's own schema; a source it names no table for has no records. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A mapping from a properties file (UTF-8), one line per name, keys by source id:
   *
   * <pre>
   * alerts.table = ops.alert_view
   * alerts.alertId = id
   * alerts.createdAt = created
   * federations.table = ops.federation_tenants
   * federations.federationId = federation
   * federations.tenantId = tenant
   * </pre>
   *
   * @throws IOException              when the file cannot be read
   * @throws IllegalArgumentException naming the key, for an unknown key, an invalid name or an
   *                                  unmapped required field
   */
  public static JdbcMapping load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    }
    return of(properties);
  }

  /**
   * A mapping from properties as {@link #load(Path)} reads them.
   *
   * @throws IllegalArgumentException naming the key, for an unknown key, an invalid name or an
   *                                  unmapped required field
   */
  public static JdbcMapping of(Properties properties) {
    Builder builder = builder();
    Map<String, String> federation = new LinkedHashMap<>();
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      String value = properties.getProperty(key).trim();
      int dot = key.indexOf('.');
      String prefix = dot < 0 ? key : key.substring(0, dot);
      String name = dot < 0 ? "" : key.substring(dot + 1);
      if (prefix.equals("federations")) {
        if (!List.of("table", "federationId", "tenantId").contains(name)) {
          throw new IllegalArgumentException("Unknown key " + key
              + "; federations take table, federationId and tenantId");
        }
        federation.put(name, value);
        continue;
      }
      Optional<SourceType> type = SourceType.fromId(prefix).filter(t -> t.id().equals(prefix));
      if (type.isEmpty() || name.isEmpty()) {
        throw new IllegalArgumentException("Unknown key " + key + "; keys are SOURCE.table or SOURCE.FIELD with a"
            + " source id (" + String.join(", ", Arrays.stream(SourceType.values()).map(SourceType::id).toList())
            + ") or federations.table, federations.federationId, federations.tenantId");
      }
      if (name.equals("table")) {
        builder.table(type.get(), value);
      } else {
        builder.column(type.get(), name, value);
      }
    }
    if (!federation.isEmpty()) {
      builder.federations(federation.get("table"), federation.get("federationId"), federation.get("tenantId"));
    }
    return builder.build();
  }

  /** The mapping of a source, or empty when it has no table. */
  Optional<SourceMapping> source(SourceType type) {
    return Optional.ofNullable(sources.get(type));
  }

  /** The mapped sources, in phase order. */
  Iterable<SourceMapping> sources() {
    return sources.values();
  }

  /** The federation table, or empty: no federations. */
  Optional<Federations> federations() {
    return Optional.ofNullable(federations);
  }

  @Override
  public String toString() {
    return "JdbcMapping" + sources.values().stream().map(s -> s.type().id() + "=" + s.table()).toList()
        + (federations == null ? "" : ", federations=" + federations.table());
  }

  /** Builds a {@link JdbcMapping}. Not thread-safe. */
  public static final class Builder {
    private final Map<SourceType, String> tables = new EnumMap<>(SourceType.class);
    private final Map<SourceType, Map<String, String>> columns = new EnumMap<>(SourceType.class);
    private Federations federations;

    private Builder() {
    }

    /**
     * The table or view of a source's records, such as {@code alerts} or {@code ops.alert_view}.
     *
     * @throws IllegalArgumentException for a name that is not letters, digits and {@code _}
     */
    public Builder table(SourceType type, String table) {
      Objects.requireNonNull(type, "type");
      SqlName.table(table);
      tables.put(type, table);
      return this;
    }

    /**
     * The column of one field of a source's records ({@code docs/SPECIFICATION.md} §2.3, plus
     * {@code tenantId}, {@code facilityId}, {@code relatedIds} and {@code attributes}). A column
     * for {@code relatedIds} holds a JSON array of ids, one for {@code attributes} or
     * {@code metrics} a JSON object; instants are {@code timestamptz}.
     *
     * @throws IllegalArgumentException for a field the record does not have or an invalid name
     */
    public Builder column(SourceType type, String field, String column) {
      Objects.requireNonNull(type, "type");
      if (Arrays.stream(SourceMapping.components(type)).noneMatch(c -> c.getName().equals(field))) {
        throw new IllegalArgumentException(type.id() + " has no field " + field + "; its fields: "
            + String.join(", ", Arrays.stream(SourceMapping.components(type)).map(RecordComponent::getName).toList()));
      }
      SqlName.column(column);
      columns.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(field, column);
      return this;
    }

    /**
     * The table of federation membership, one row per (federation, tenant). Default: none, so no
     * federation scope matches any tenant.
     */
    public Builder federations(String table, String federationIdColumn, String tenantIdColumn) {
      SqlName.table(table);
      SqlName.column(federationIdColumn);
      SqlName.column(tenantIdColumn);
      this.federations = new Federations(table, federationIdColumn, tenantIdColumn);
      return this;
    }

    /**
     * The mapping.
     *
     * @throws IllegalArgumentException when a source with columns has no table, or a source with a
     *                                  table leaves a required field without a column
     */
    public JdbcMapping build() {
      for (SourceType type : columns.keySet()) {
        if (!tables.containsKey(type)) {
          throw new IllegalArgumentException(type.id() + " has columns but no table: name it with table(" + type
              + ", ...) or the key " + type.id() + ".table");
        }
      }
      Map<SourceType, SourceMapping> sources = new EnumMap<>(SourceType.class);
      for (Map.Entry<SourceType, String> e : tables.entrySet()) {
        SourceType type = e.getKey();
        Map<String, String> named = columns.getOrDefault(type, Map.of());
        List<SourceMapping.Field> fields = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (RecordComponent c : SourceMapping.components(type)) {
          SourceMapping.Field field = new SourceMapping.Field(c.getName(), c.getType(), named.get(c.getName()));
          if (field.column() == null && field.required()) {
            missing.add(c.getName());
          }
          fields.add(field);
        }
        if (!missing.isEmpty()) {
          throw new IllegalArgumentException(type.id() + " (table " + e.getValue() + ") has no column for the required"
              + " field" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
              + "; map each with column(" + type + ", FIELD, COLUMN) or the key " + type.id() + ".FIELD");
        }
        sources.put(type, new SourceMapping(type, e.getValue(), List.copyOf(fields)));
      }
      return new JdbcMapping(sources, federations);
    }
  }
}
