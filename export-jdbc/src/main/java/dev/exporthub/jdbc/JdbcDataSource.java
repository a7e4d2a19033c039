package dev.exporthub.jdbc;

import dev.exporthub.api.ExportException;
import dev.exporthub.api.ExportFailedException;
import dev.exporthub.api.InvalidDataException;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.SourceQuery;
import dev.exporthub.api.spi.TenantDirectory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;

/**
 * An operational data source over tables of a relational database, read through {@code java.sql}
 * and tested on PostgreSQL. The scope and the time range go into the SQL, bound as parameters:
 * {@code WHERE tenant IN (?, ...) [AND facility = ?] AND time >= ? AND time < ?}, ordered by
 * {@code (time, id COLLATE "C")}; rows are streamed through a cursor ({@value #FETCH_SIZE} at a
 * time, autocommit off), so a million rows export in a small heap. Table and column names come
 * only from the {@link JdbcMapping}, checked and quoted; no SQL is ever built from data or from a
 * request.
 *
 * <p>An export reads its counting pass and its writing pass through one {@link #snapshot()}: one
 * connection in one read-only {@code REPEATABLE READ} transaction, so rows inserted, changed or
 * deleted while it runs cannot make a bundle disagree with itself. A read outside a snapshot
 * ({@link #records}) runs in a read-only transaction of its own.
 *
 * <p>Records are {@link #ordered()}: ids are compared as {@code COLLATE "C"} (code points),
 * which is Java's {@link String#compareTo} except between characters above U+FFFF and those from
 * U+E000 to U+FFFF; the hub refuses such a pair as out of order rather than mis-export it. A
 * {@code timestamptz} keeps microseconds, so instants are exact to the microsecond.
 *
 * <p>A row a record refuses (a NULL in a required column, a NaN, malformed JSON) is an
 * {@link InvalidDataException} naming the table, the row's id and the column. Thread-safe; a
 * snapshot serves one export on one thread.
 */
public final class JdbcDataSource implements OperationalDataSource {

  /** Rows fetched per round trip of a cursor. */
  public static final int FETCH_SIZE = 1000;

  private final DataSource database;
  private final JdbcMapping mapping;
  private final Map<SourceType, Select> selects = new EnumMap<>(SourceType.class);

  /** The statement of one source, whose names are checked and quoted once. */
  private record Select(SourceMapping mapping, String columns, String from, String tenant, String facility,
      String time, String id) {
  }

  private JdbcDataSource(DataSource database, JdbcMapping mapping) {
    this.database = database;
    this.mapping = mapping;
    for (SourceMapping source : mapping.sources()) {
      RowReader reader = new RowReader(source);
      String columns = reader.selected().stream().map(f -> SqlName.column(f.column()))
          .collect(Collectors.joining(", "));
      selects.put(source.type(), new Select(source, columns, SqlName.table(source.table()),
          SqlName.column(source.field("tenantId").column()),
          source.field("facilityId").column() == null ? null : SqlName.column(source.field("facilityId").column()),
          SqlName.column(source.field(source.type().timeField()).column()),
          SqlName.column(source.field(source.type().idField()).column())));
    }
  }

  /** A source over the conventional layout ({@link JdbcSchema}, {@code sources.sql}). */
  public static JdbcDataSource of(DataSource database) {
    return of(database, JdbcMapping.conventional());
  }

  /** A source over a host's own tables, as the mapping names them. */
  public static JdbcDataSource of(DataSource database, JdbcMapping mapping) {
    return new JdbcDataSource(Objects.requireNonNull(database, "database"), Objects.requireNonNull(mapping, "mapping"));
  }

  /** Always {@code true}: the database orders the rows. */
  @Override
  public boolean ordered() {
    return true;
  }

  /**
   * Checks that the database answers and that every mapped table and column can be read, with one
   * query per table that returns no row.
   *
   * @throws InvalidDataException  naming the table, when a table or column is missing or not readable
   * @throws ExportFailedException when the database cannot be reached
   */
  @Override
  public void ready() {
    try (Connection connection = database.getConnection()) {
      for (Select select : selects.values()) {
        probe(connection, "SELECT " + select.columns + " FROM " + select.from + " WHERE 1 = 0", select.mapping.table());
      }
      JdbcMapping.Federations f = mapping.federations().orElse(null);
      if (f != null) {
        probe(connection, "SELECT " + SqlName.column(f.federationId()) + ", " + SqlName.column(f.tenantId())
            + " FROM " + SqlName.table(f.table()) + " WHERE 1 = 0", f.table());
      }
    } catch (SQLException e) {
      throw failure("Connecting to the database", e);
    }
  }

  private static void probe(Connection connection, String sql, String table) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.executeQuery().close();
    } catch (SQLException e) {
      // Class 42: a missing table or column, or no right to read it: the layout is at fault.
      if (e.getSQLState() != null && e.getSQLState().startsWith("42")) {
        throw new InvalidDataException("table " + table, null, null, "cannot be read: " + e.getMessage());
      }
      throw e;
    }
  }

  /**
   * The records of one source in the query, in a read-only transaction of their own on a
   * connection of their own, released when the stream is closed.
   */
  @Override
  public Stream<? extends SourceRecord> records(SourceType type, SourceQuery query) {
    Select select = selects.get(type);
    if (select == null || matchesNothing(query)) {
      return Stream.empty();
    }
    Session session = open(false);
    try {
      return stream(session.connection, select, query, session::release);
    } catch (RuntimeException e) {
      session.release();
      throw e;
    }
  }

  /**
   * One read-only {@code REPEATABLE READ} transaction on one connection, for both passes of one
   * export: every read through it sees the database as of its first query. Closing it ends the
   * transaction and gives the connection back as it was.
   *
   * @throws ExportFailedException when no connection can be opened
   */
  @Override
  public Snapshot snapshot() {
    Session session = open(true);
    Connection connection = session.connection;
    return new Snapshot() {
      @Override
      public Stream<? extends SourceRecord> records(SourceType type, SourceQuery query) {
        Select select = selects.get(type);
        if (select == null || matchesNothing(query)) {
          return Stream.empty();
        }
        return stream(connection, select, query, () -> {
        });
      }

      @Override
      public boolean ordered() {
        return true;
      }

      @Override
      public void close() {
        session.release();
      }
    };
  }

  /**
   * The federations of the mapping's federation table, read on each call (membership may change
   * while the hub runs); {@link TenantDirectory#NONE} when the mapping has none.
   */
  public TenantDirectory tenantDirectory() {
    JdbcMapping.Federations f = mapping.federations().orElse(null);
    if (f == null) {
      return TenantDirectory.NONE;
    }
    String sql = "SELECT " + SqlName.column(f.tenantId()) + " FROM " + SqlName.table(f.table()) + " WHERE "
        + SqlName.column(f.federationId()) + " = ?";
    return federation -> {
      if (federation.indexOf('\0') >= 0) {
        return Set.of(); // no text column holds NUL, and PostgreSQL refuses it as a parameter
      }
      try (Connection connection = database.getConnection();
          PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setString(1, federation);
        Set<String> tenants = new TreeSet<>();
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            tenants.add(rows.getString(1));
          }
        }
        return Collections.unmodifiableSet(tenants);
      } catch (SQLException e) {
        throw failure("Reading the federations of table " + f.table(), e);
      }
    };
  }

  @Override
  public String toString() {
    return "JdbcDataSource[" + database + ", " + mapping + "]";
  }

  /** A connection in a read-only transaction, and the isolation to restore ({@code -1}: unchanged). */
  private record Session(Connection connection, int isolation) {

    /** Ends the transaction and hands the connection back (to a pool) as it was. */
    void release() {
      try (connection) {
        connection.rollback();
        if (isolation >= 0) {
          connection.setTransactionIsolation(isolation);
        }
        connection.setReadOnly(false);
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        throw failure("Ending a read-only transaction", e);
      }
    }
  }

  private Session open(boolean repeatable) {
    Connection connection;
    try {
      connection = database.getConnection();
    } catch (SQLException e) {
      throw failure("Connecting to the database", e);
    }
    try {
      int isolation = -1;
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      if (repeatable) {
        isolation = connection.getTransactionIsolation();
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      }
      return new Session(connection, isolation);
    } catch (SQLException e) {
      try {
        connection.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw failure("Opening a read-only transaction", e);
    }
  }

  private Stream<SourceRecord> stream(Connection connection, Select select, SourceQuery query, Runnable release) {
    StringBuilder sql = new StringBuilder("SELECT ").append(select.columns).append(" FROM ").append(select.from)
        .append(" WHERE ").append(select.tenant).append(" IN (");
    List<String> tenants = query.tenantIds().stream().filter(t -> t.indexOf('\0') < 0).toList();
    for (int i = 0; i < tenants.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    sql.append(')');
    boolean byFacility = query.facilityId() != null && select.facility != null;
    if (byFacility) {
      sql.append(" AND ").append(select.facility).append(" = ?");
    }
    sql.append(" AND ").append(select.time).append(" >= ? AND ").append(select.time).append(" < ? ORDER BY ")
        .append(select.time).append(", ").append(select.id).append(" COLLATE \"C\"");
    String table = select.mapping.table();
    PreparedStatement statement = null;
    try {
      statement = connection.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      statement.setFetchSize(FETCH_SIZE);
      int p = 1;
      for (String tenant : tenants) {
        statement.setString(p++, tenant);
      }
      if (byFacility) {
        statement.setString(p++, query.facilityId());
      }
      // A timestamptz keeps microseconds: widen the range to whole microseconds (the hub filters again).
      statement.setObject(p++, utc(query.timeRange().from().truncatedTo(ChronoUnit.MICROS)));
      Instant to = query.timeRange().to();
      Instant toMicros = to.truncatedTo(ChronoUnit.MICROS);
      statement.setObject(p, utc(toMicros.equals(to) ? to : toMicros.plus(1, ChronoUnit.MICROS)));
      ResultSet rows = statement.executeQuery();
      PreparedStatement opened = statement;
      RowsAhead ahead = new RowsAhead(rows, new RowReader(select.mapping), table);
      return StreamSupport.stream(ahead, false).onClose(() -> {
        try (opened; rows; ahead) {
          // closed in reverse order
        } catch (SQLException e) {
          throw failure("Closing the query of table " + table, e);
        } finally {
          release.run();
        }
      });
    } catch (SQLException e) {
      if (statement != null) {
        try {
          statement.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw failure("Querying table " + table, e);
    }
  }

  /**
   * Whether no row can match: no tenant, or a tenant or facility with a NUL character, which no
   * text column holds (and which PostgreSQL refuses as a parameter rather than matching nothing).
   */
  private static boolean matchesNothing(SourceQuery query) {
    return query.tenantIds().stream().allMatch(t -> t.indexOf('\0') >= 0)
        || query.facilityId() != null && query.facilityId().indexOf('\0') >= 0;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** A database failure as an export failure; driver messages name no password. */
  static ExportException failure(String doing, SQLException e) {
    return new ExportFailedException(doing + " failed: " + e.getMessage()
        + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")"), e);
  }
}
