package dev.exporthub.jdbc;

import dev.exporthub.api.spi.ExportLogStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;

/**
 * The export log in a PostgreSQL table that every replica of a service appends to, so that all of
 * them keep one chain. The tables are those of {@code export-log.sql} (a resource beside this class),
 * in the schema first on the connections' search path: {@code export_log (position, line,
 * appended_at)} and {@code export_log_derived (name, content)}.
 *
 * <p><b>Appending</b> runs one transaction on a connection of its own: it takes
 * {@code pg_advisory_xact_lock} on a key made of a fixed class and the table's OID (the same for
 * every replica however it names the table, and released by the server at commit, rollback or a
 * lost connection), reads the row of the highest position, composes the line from it and inserts it
 * at the next position, then commits with {@code synchronous_commit} on, so the line is durable when
 * this returns. The advisory lock rather than a row lock on a head row, because {@code SELECT ... FOR
 * UPDATE} needs the {@code UPDATE} privilege and the writing role holds only {@code INSERT} and
 * {@code SELECT} on the log; the primary key on {@code position} is the second guard: two writers can
 * never store two lines at one position.
 *
 * <p><b>Line numbers are positions.</b> Appends store lines at positions 1, 2, 3, ... with no gap;
 * {@link #size()} is the highest position (an index lookup, not a count), {@link #read(long, int)}
 * returns the stored rows from {@code position >= from} in position order, and {@link #stream(long)}
 * reads them through a server-side cursor. A row deleted by hand (with the trigger dropped) is a gap
 * that reading passes over, so {@code ExportLog.verify()} sees the entry missing (its successor's
 * sequence number and link); a row changed by hand is read as stored and fails its hash; a row
 * inserted at the end with a forged line fails its hash or link. Nothing here trusts or repairs a
 * line.
 *
 * <p><b>A damaged last line.</b> Like the file store, this store does not chain a new entry after a
 * last line that is not sealed like an entry (it does not begin with {@code schemaVersion} and end
 * with 64-hex-digit {@code prevHash} and {@code hash} members): it throws
 * {@link JdbcLogAppendRefusedException} and stores nothing, so the damaged row stays the last and
 * visible. It checks this shape only (it depends on the SPI alone, not on the log's codec); a last
 * line that has the shape but not the content of its hash is appended after, and {@code verify()}
 * reports it.
 *
 * <p>Thread-safe, and safe across processes and hosts: every call borrows its own connection from the
 * data source (pass a pool) and returns it. {@link #close()} closes nothing: the data source is the
 * caller's.
 */
public final class JdbcLogStore implements ExportLogStore {

  /** The DDL resource, beside this class. */
  static final String DDL_RESOURCE = "export-log.sql";

  /** The advisory lock's class key, "EXLG": keeps the log's lock apart from a host's own advisory locks. */
  private static final int LOCK_CLASS = 0x45584C47;
  private static final int FETCH_SIZE = 1024;
  private static final Pattern SEALED = Pattern.compile(
      "\\{\"schemaVersion\":.*,\"prevHash\":\"[0-9a-f]{64}\",\"hash\":\"[0-9a-f]{64}\"}");
  private static final Pattern DERIVED_NAME = Pattern.compile("[a-z]+");

  private final DataSource dataSource;
  private final boolean writable;

  private JdbcLogStore(DataSource dataSource, boolean writable) {
    this.dataSource = dataSource;
    this.writable = writable;
  }

  /**
   * The log in the tables of {@code export-log.sql}, for appending and reading.
   *
   * @throws JdbcLogException when the database cannot be reached or holds no {@code export_log}
   *                          table (create it with {@link #createTables(DataSource)})
   */
  public static JdbcLogStore open(DataSource dataSource) {
    return checked(new JdbcLogStore(Objects.requireNonNull(dataSource, "dataSource"), true));
  }

  /**
   * The log for reading only, as the {@code exporthub log ...} commands read it: appends are refused
   * with {@link UnsupportedOperationException}. Its derived data (the summary) is still saved when the
   * role may, as a file store writes its derived files.
   *
   * @throws JdbcLogException like {@link #open(DataSource)}
   */
  public static JdbcLogStore openReadOnly(DataSource dataSource) {
    return checked(new JdbcLogStore(Objects.requireNonNull(dataSource, "dataSource"), false));
  }

  /**
   * Creates the log's tables and the trigger that refuses {@code UPDATE} and {@code DELETE} in the
   * schema first on the search path, in one transaction, as {@code export-log.sql} does; does nothing
   * when they exist. For hosts that do not use {@code exporthub db init}. Run it as the tables' owner,
   * not as the writing role.
   *
   * @throws JdbcLogException when the statements fail (e.g. the role may not create tables)
   */
  public static void createTables(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute(ddl());
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw JdbcLogException.of("Cannot create the export log's tables", e);
    }
  }

  /** The statements of {@code export-log.sql}. */
  static String ddl() {
    try (InputStream in = JdbcLogStore.class.getResourceAsStream(DDL_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DDL_RESOURCE + " is missing beside " + JdbcLogStore.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + DDL_RESOURCE, e);
    }
  }

  private static JdbcLogStore checked(JdbcLogStore store) {
    try (Connection c = store.dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT to_regclass('export_log') IS NOT NULL, current_schema()")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        throw new JdbcLogException("There is no export log table export_log in the schema " + rs.getString(2)
            + ": create it with 'exporthub db init', JdbcLogStore.createTables(dataSource) or the statements of "
            + DDL_RESOURCE + ", or point the connection's search path (currentSchema) at the log's schema", "42P01");
      }
    } catch (SQLException e) {
      throw JdbcLogException.of("Cannot open the export log", e);
    }
    return store;
  }

  @Override
  public String append(LineComposer composer) {
    Objects.requireNonNull(composer, "composer");
    if (!writable) {
      throw new UnsupportedOperationException("The export log table export_log was opened read-only");
    }
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        String line = append(c, composer);
        c.commit();
        return line;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw JdbcLogException.of("Appending to the export log failed; nothing was stored", e);
    }
  }

  /** The transaction's statements; the caller commits. */
  private static String append(Connection c, LineComposer composer) throws SQLException {
    try (Statement s = c.createStatement()) {
      // Read committed: the next statement's snapshot is taken after the lock is held, so it sees the
      // line the previous holder committed. One round trip for the three.
      s.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED; SET LOCAL synchronous_commit = on; "
          + "SELECT pg_advisory_xact_lock(" + LOCK_CLASS + ", 'export_log'::regclass::oid::int)");
    }
    long position = 0;
    String last = null;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT position, line FROM export_log ORDER BY position DESC LIMIT 1")) {
      if (rs.next()) {
        position = rs.getLong(1);
        last = rs.getString(2);
      }
    }
    if (last != null && !SEALED.matcher(last).matches()) {
      throw new JdbcLogAppendRefusedException(position);
    }
    String line = composer.compose(last);
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("A log line must not contain a line break");
    }
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO export_log (position, line) VALUES (?, ?)")) {
      insert.setLong(1, position + 1);
      insert.setString(2, line);
      insert.executeUpdate();
    }
    return line;
  }

  /** {@inheritDoc} The highest position stored: one index lookup. */
  @Override
  public long size() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(max(position), 0) FROM export_log")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw JdbcLogException.of("Cannot read the export log's size", e);
    }
  }

  @Override
  public Optional<String> last() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT line FROM export_log ORDER BY position DESC LIMIT 1")) {
      return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
    } catch (SQLException e) {
      throw JdbcLogException.of("Cannot read the export log's last line", e);
    }
  }

  /** {@inheritDoc} The rows from {@code position >= from}, in position order: an index range scan. */
  @Override
  public List<String> read(long from, int max) {
    checkFrom(from);
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative, was " + max);
    }
    if (max == 0) {
      return List.of();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(
            "SELECT line FROM export_log WHERE position >= ? ORDER BY position LIMIT ?")) {
      s.setLong(1, from);
      s.setInt(2, max);
      List<String> lines = new ArrayList<>(Math.min(max, FETCH_SIZE));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          lines.add(rs.getString(1));
        }
      }
      return lines;
    } catch (SQLException e) {
      throw JdbcLogException.of("Cannot read the export log from line " + from, e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>One query through a server-side cursor ({@value #FETCH_SIZE} rows a fetch) in a read-only
   * transaction, which holds a connection until the stream is closed; it reads the lines committed
   * when it starts.
   */
  @Override
  public Stream<String> stream(long from) {
    checkFrom(from);
    Cursor cursor = new Cursor(from);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED | Spliterator.NONNULL),
        false).onClose(cursor::close);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Rows of {@code export_log_derived}, replaced by an upsert (atomic per row).
   */
  @Override
  public Optional<DerivedData> derivedData() {
    return Optional.of(new DerivedData() {
      @Override
      public Optional<byte[]> read(String name) {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement("SELECT content FROM export_log_derived WHERE name = ?")) {
          s.setString(1, derivedName(name));
          try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
          }
        } catch (SQLException e) {
          throw JdbcLogException.of("Cannot read the export log's derived data '" + name + "'", e);
        }
      }

      @Override
      public void write(String name, byte[] content) {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement("INSERT INTO export_log_derived (name, content) VALUES (?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET content = excluded.content, updated_at = now()")) {
          s.setString(1, derivedName(name));
          s.setBytes(2, content);
          s.executeUpdate();
        } catch (SQLException e) {
          throw JdbcLogException.of("Cannot save the export log's derived data '" + name + "'", e);
        }
      }
    });
  }

  private static String derivedName(String name) {
    if (!DERIVED_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("A derived data name is lower-case letters, not '" + name + "'");
    }
    return name;
  }

  private static void checkFrom(long from) {
    if (from < 1) {
      throw new IllegalArgumentException("Lines are numbered from 1, not " + from);
    }
  }

  @Override
  public String toString() {
    return "JdbcLogStore[export_log" + (writable ? "" : ", read-only") + "]";
  }

  /** The rows of one query, fetched {@value #FETCH_SIZE} at a time; holds its connection until closed. */
  private final class Cursor implements Iterator<String> {
    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private String next;
    private boolean closed;

    Cursor(long from) {
      Connection c = null;
      try {
        c = dataSource.getConnection();
        c.setAutoCommit(false); // pgjdbc fetches in batches only inside a transaction
        c.setReadOnly(true);
        PreparedStatement s = c.prepareStatement("SELECT line FROM export_log WHERE position >= ? ORDER BY position");
        s.setFetchSize(FETCH_SIZE);
        s.setLong(1, from);
        this.connection = c;
        this.statement = s;
        this.rows = s.executeQuery();
      } catch (SQLException e) {
        closeQuietly(c);
        throw JdbcLogException.of("Cannot read the export log from line " + from, e);
      }
    }

    @Override
    public boolean hasNext() {
      if (next == null && !closed) {
        try {
          if (rows.next()) {
            next = rows.getString(1);
          } else {
            close();
          }
        } catch (SQLException e) {
          close();
          throw JdbcLogException.of("Reading the export log failed", e);
        }
      }
      return next != null;
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      String line = next;
      next = null;
      return line;
    }

    void close() {
      if (!closed) {
        closed = true;
        try {
          rows.close();
          statement.close();
          connection.rollback(); // nothing was changed: ends the read-only transaction
          connection.setReadOnly(false);
          connection.setAutoCommit(true);
        } catch (SQLException ignored) {
          // the connection is closed below; a pool discards a broken one
        } finally {
          closeQuietly(connection);
        }
      }
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // nothing was changed through it
      }
    }
  }
}
