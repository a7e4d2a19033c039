package dev.exporthub.jdbc;

import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Copies records into the conventional layout ({@link JdbcSchema#SOURCES}) in one transaction:
 * what {@code exporthub db load} does with a data directory. A record is inserted, or replaces the
 * row of the same id (so loading the same records again changes nothing, and a corrected record
 * overwrites its row); rows of other ids are kept. Federation members are added, never removed.
 * Nothing is visible to readers before {@link #commit()}; closing without it rolls everything back.
 *
 * <p>Rows go in batches of {@value #BATCH} inserts. An instant finer than a microsecond, which a
 * {@code timestamptz} cannot keep, is refused rather than rounded. Not thread-safe.
 */
public final class JdbcLoader implements AutoCloseable {

  /** Inserts sent to the database at once. */
  public static final int BATCH = 1000;

  private final Connection connection;
  private boolean committed;

  private JdbcLoader(Connection connection) {
    this.connection = connection;
  }

  /**
   * Opens a transaction on a new connection.
   *
   * @throws SQLException when no connection can be opened
   */
  public static JdbcLoader open(DataSource database) throws SQLException {
    Connection connection = database.getConnection();
    try {
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return new JdbcLoader(connection);
  }

  /**
   * Inserts or replaces every record of the stream, all of one source.
   *
   * @return how many records were written
   * @throws InvalidDataException when a record is of another source or has an instant finer than a
   *                              microsecond
   * @throws SQLException         when the database refuses a row
   */
  public long load(SourceType type, Stream<? extends SourceRecord> records) throws SQLException {
    Objects.requireNonNull(type, "type");
    RecordComponent[] components = SourceMapping.components(type);
    List<String> columns = new ArrayList<>();
    for (RecordComponent c : components) {
      columns.add(SqlName.column(SourceMapping.snakeCase(c.getName())));
    }
    String id = SqlName.column(SourceMapping.snakeCase(type.idField()));
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(SqlName.table(SourceMapping.tableOf(type)))
        .append(" (").append(String.join(", ", columns)).append(") VALUES (");
    for (int i = 0; i < components.length; i++) {
      boolean json = components[i].getType() == List.class || components[i].getType() == Map.class;
      sql.append(i == 0 ? "" : ", ").append(json ? "CAST(? AS jsonb)" : "?");
    }
    sql.append(") ON CONFLICT (").append(id).append(") DO UPDATE SET ")
        .append(columns.stream().filter(c -> !c.equals(id)).map(c -> c + " = EXCLUDED." + c)
            .collect(Collectors.joining(", ")));
    long count = 0;
    try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
      Iterator<? extends SourceRecord> it = records.iterator();
      while (it.hasNext()) {
        SourceRecord record = it.next();
        if (record.type() != type) {
          throw new InvalidDataException(record.type().recordType().getSimpleName(), record.id(), null,
              "is not a " + type.id() + " record");
        }
        for (int i = 0; i < components.length; i++) {
          insert.setObject(i + 1, column(record, components[i]));
        }
        insert.addBatch();
        if (++count % BATCH == 0) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
    }
    return count;
  }

  /** Adds the members of each federation, keeping the ones already there. */
  public void federations(Map<String, ? extends Collection<String>> federations) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO \"federation_members\" (\"federation_id\", \"tenant_id\") VALUES (?, ?) ON CONFLICT DO NOTHING")) {
      for (Map.Entry<String, ? extends Collection<String>> e : federations.entrySet()) {
        for (String tenant : e.getValue()) {
          insert.setString(1, e.getKey());
          insert.setString(2, tenant);
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
  }

  /** Makes everything loaded visible at once. */
  public void commit() throws SQLException {
    connection.commit();
    committed = true;
  }

  /** Rolls back what was not committed and closes the connection. */
  @Override
  public void close() throws SQLException {
    try (connection) {
      if (!committed) {
        connection.rollback();
      }
    }
  }

  private static Object column(SourceRecord record, RecordComponent component) {
    Object value;
    try {
      value = component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("reading " + component.getName() + " of a " + record.type().id(), e);
    }
    if (value instanceof Instant instant) {
      if (!instant.truncatedTo(ChronoUnit.MICROS).equals(instant)) {
        throw new InvalidDataException(record.type().recordType().getSimpleName(), record.id(), component.getName(),
            "has a fraction of a microsecond (" + instant + "); a timestamptz keeps microseconds");
      }
      return instant.atOffset(ZoneOffset.UTC);
    }
    if (value instanceof List<?> || value instanceof Map<?, ?>) {
      return Jsonb.write(value);
    }
    return value;
  }
}
