package dev.exporthub.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportStatistics;
import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.core.internal.LogAppender;
import dev.exporthub.core.log.ExportLog;
import dev.exporthub.core.log.LogVerification;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The log store on PostgreSQL: the SPI's contract, the append-only table, tampering, grants and the summary. */
class JdbcLogStoreTest {

  private TestDatabase db;
  private JdbcLogStore store;

  @BeforeEach
  void createTables() {
    db = TestDatabase.create();
    JdbcLogStore.createTables(db.dataSource());
    store = JdbcLogStore.open(db.dataSource());
  }

  @AfterEach
  void dropSchema() {
    db.close();
  }

  @Nested
  @DisplayName("the store's contract")
  class Contract {

    @Test
    @DisplayName("size, last, read ranges and stream give back exactly what was appended")
    void readsBackWhatWasAppended() {
      assertEquals(0, store.size());
      assertEquals(Optional.empty(), store.last());
      assertEquals(List.of(), store.read(1, 10));
      List<String> lines = LogLines.append(store, 1_100);
      assertEquals(1_100, store.size());
      assertEquals(Optional.of(lines.get(1_099)), store.last());
      assertEquals(lines.subList(0, 10), store.read(1, 10));
      assertEquals(lines.subList(50, 1_100), store.read(51, 5_000), "fewer past the end");
      assertEquals(List.of(), store.read(1_101, 5));
      assertEquals(List.of(), store.read(7, 0));
      try (Stream<String> all = store.stream(1); Stream<String> tail = store.stream(1_000)) {
        assertEquals(lines, all.toList(), "more than one fetch of the cursor");
        assertEquals(lines.subList(999, 1_100), tail.toList());
      }
      assertTrue(new ExportLog(store).verify().valid());
      assertThrows(IllegalArgumentException.class, () -> store.read(0, 1));
      assertThrows(IllegalArgumentException.class, () -> store.read(1, -1));
      assertThrows(IllegalArgumentException.class, () -> store.stream(0));
    }

    @Test
    @DisplayName("a stream closed early gives its connection back, and a second store sees the same lines")
    void streamsCloseAndReplicasAgree() {
      List<String> lines = LogLines.append(store, 30);
      for (int i = 0; i < 50; i++) { // more than the server's connection limit would allow if leaked
        try (Stream<String> first = store.stream(1)) {
          assertEquals(lines.get(0), first.findFirst().orElseThrow());
        }
      }
      JdbcLogStore replica = JdbcLogStore.open(db.dataSource());
      assertEquals(lines, replica.read(1, 100));
      LogLines.append(replica, 1);
      assertEquals(31, store.size(), "one table, one log");
    }

    @Test
    @DisplayName("derived data round-trips, is replaced whole, and its names are checked")
    void derivedData() {
      ExportLogStore.DerivedData derived = store.derivedData().orElseThrow();
      assertEquals(Optional.empty(), derived.read("summary"));
      derived.write("summary", new byte[] {1, 2, 3});
      derived.write("summary", "second".getBytes(StandardCharsets.UTF_8));
      assertArrayEquals("second".getBytes(StandardCharsets.UTF_8), derived.read("summary").orElseThrow());
      assertArrayEquals("second".getBytes(StandardCharsets.UTF_8),
          JdbcLogStore.openReadOnly(db.dataSource()).derivedData().orElseThrow().read("summary").orElseThrow());
      assertThrows(IllegalArgumentException.class, () -> derived.write("x'; DROP TABLE export_log; --", new byte[0]));
    }

    @Test
    @DisplayName("a line with a line break is refused and nothing is stored")
    void lineBreak() {
      assertThrows(IllegalArgumentException.class, () -> store.append(last -> "a\nb"));
      assertEquals(0, store.size());
    }

    @Test
    @DisplayName("a failing composer rolls back: nothing stored, the next append goes on")
    void failingComposer() {
      LogLines.append(store, 2);
      assertThrows(IllegalStateException.class, () -> store.append(last -> {
        throw new IllegalStateException("composer failed");
      }));
      LogLines.append(store, 1);
      assertEquals(3, store.size());
      assertTrue(new ExportLog(store).verify().valid());
    }

    @Test
    @DisplayName("a read-only store refuses appends")
    void readOnly() {
      JdbcLogStore readOnly = JdbcLogStore.openReadOnly(db.dataSource());
      assertThrows(UnsupportedOperationException.class, () -> LogLines.append(readOnly, 1));
      assertEquals(0, store.size());
    }

    @Test
    @DisplayName("a schema without the log's table is refused with what to do; createTables is idempotent")
    void missingTable() {
      db.execute("DROP TABLE export_log");
      JdbcLogException e = assertThrows(JdbcLogException.class, () -> JdbcLogStore.open(db.dataSource()));
      assertEquals("42P01", e.sqlState());
      assertTrue(e.getMessage().contains("JdbcLogStore.createTables"), e.getMessage());
      assertFalse(e.getMessage().contains("password"), e.getMessage());
      JdbcLogStore.createTables(db.dataSource());
      JdbcLogStore.createTables(db.dataSource());
      assertEquals(0, JdbcLogStore.open(db.dataSource()).size());
    }
  }

  @Nested
  @DisplayName("the append-only table")
  class AppendOnly {

    @Test
    @DisplayName("while the trigger is there, UPDATE, DELETE and TRUNCATE are refused, even to a superuser")
    void triggerRefuses() {
      List<String> lines = LogLines.append(store, 3);
      for (String sql : List.of("UPDATE export_log SET line = 'x' WHERE position = 2",
          "DELETE FROM export_log WHERE position = 2", "TRUNCATE export_log")) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> db.execute(sql), sql);
        assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        assertThrows(Exception.class, () -> execute(db.dataSource(), sql), "the owner too: " + sql);
      }
      assertEquals(lines, store.read(1, 10));
    }

    @Test
    @DisplayName("with the trigger dropped, a row changed by SQL is a HASH_MISMATCH")
    void updateFound() {
      LogLines.append(store, 10);
      db.execute("DROP TRIGGER export_log_append_only ON export_log",
          "UPDATE export_log SET line = replace(line, '\"t1\"', '\"t2\"') WHERE position = 5");
      LogVerification verification = new ExportLog(store).verify();
      assertFalse(verification.valid());
      assertTrue(verification.problems().stream().anyMatch(p -> p.sequence() == 5
          && p.reason() == LogVerification.Reason.HASH_MISMATCH), verification::summary);
    }

    @Test
    @DisplayName("with the trigger dropped, a row deleted by SQL is MISSING, and the log reads past the gap")
    void deleteFound() {
      List<String> lines = LogLines.append(store, 10);
      db.execute("DROP TRIGGER export_log_append_only ON export_log", "DELETE FROM export_log WHERE position = 4");
      assertEquals(List.of(lines.get(4)), store.read(4, 1), "read is by position: the next stored row");
      assertEquals(10, store.size(), "the highest position");
      LogVerification verification = new ExportLog(store).verify();
      assertEquals(List.of(new LogVerification.Problem(4, LogVerification.Reason.MISSING,
          verification.problems().get(0).detail())), verification.problems(), verification::summary);
    }

    @Test
    @DisplayName("with the trigger dropped, a row inserted by SQL is reported: a forged entry or a copy")
    void insertFound() {
      List<String> lines = LogLines.append(store, 10);
      db.execute("INSERT INTO export_log (position, line) VALUES (11, '" + lines.get(9).replace("'", "''") + "')");
      LogVerification copy = new ExportLog(store).verify();
      assertTrue(copy.problems().stream().anyMatch(p -> p.reason() == LogVerification.Reason.DUPLICATE),
          copy::summary);

      db.execute("DROP TRIGGER export_log_append_only ON export_log", "DELETE FROM export_log WHERE position = 11",
          "INSERT INTO export_log (position, line) VALUES (11, '"
              + lines.get(9).replace("\"sequence\":10", "\"sequence\":11").replace("'", "''") + "')");
      LogVerification forged = new ExportLog(store).verify();
      assertTrue(forged.problems().stream().anyMatch(p -> p.sequence() == 11
          && p.reason() == LogVerification.Reason.HASH_MISMATCH), forged::summary);
    }

    @Test
    @DisplayName("after a last line damaged by SQL, appends are refused with what to do, and nothing is stored")
    void damagedLastLine() {
      LogLines.append(store, 3);
      db.execute("DROP TRIGGER export_log_append_only ON export_log",
          "UPDATE export_log SET line = regexp_replace(line, ',\"hash\":\"[0-9a-f]+\"}$', '}') WHERE position = 3");
      JdbcLogAppendRefusedException refused = assertThrows(JdbcLogAppendRefusedException.class,
          () -> LogLines.append(store, 1));
      assertEquals(3, refused.position());
      assertTrue(refused.getMessage().contains("restore line 3"), refused.getMessage());
      assertEquals(3, store.size());
      assertTrue(new ExportLog(store).verify().problems().stream()
          .anyMatch(p -> p.reason() == LogVerification.Reason.MALFORMED));
    }
  }

  @Test
  @DisplayName("a writing role with only the documented grants appends and reads, and cannot change a line")
  void writingRole() throws Exception {
    String role = "w_" + db.schema();
    db.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'writer-secret'",
        "GRANT USAGE ON SCHEMA " + db.schema() + " TO " + role,
        "GRANT SELECT, INSERT ON export_log TO " + role,
        "GRANT SELECT, INSERT, UPDATE ON export_log_derived TO " + role);
    try {
      String url = db.url().replaceAll("user=[^&]*", "user=" + role).replaceAll("password=[^&]*", "password=writer-secret");
      DataSource writer = UrlDataSource.of(url, null);
      JdbcLogStore writing = JdbcLogStore.open(writer);
      List<String> lines = LogLines.append(writing, 5);
      assertEquals(lines, writing.read(1, 5));
      ExportLog log = new ExportLog(writing);
      assertTrue(log.verify().valid());
      assertEquals(3, log.statistics(Instant.parse("2026-01-02T00:00:00Z")).totalExports());
      assertTrue(store.derivedData().orElseThrow().read("summary").isPresent(), "the writer saved the summary");
      Exception denied = assertThrows(Exception.class,
          () -> execute(writer, "UPDATE export_log SET line = 'x' WHERE position = 1"));
      assertTrue(denied.getMessage().contains("permission denied"), denied.getMessage());
      JdbcLogException noCreate = assertThrows(JdbcLogException.class, () -> JdbcLogStore.createTables(writer));
      assertFalse(noCreate.getMessage().contains("writer-secret"), noCreate.getMessage());
    } finally {
      db.execute("DROP OWNED BY " + role, "DROP ROLE " + role);
    }
  }

  @Test
  @DisplayName("statistics of another replica come from the saved summary row, without streaming the log")
  void statisticsFromTheSummary() throws Exception {
    LogAppender appender = new LogAppender(store);
    for (long i = 0; i < 1_200; i++) {
      appender.append(i % 2 == 0 ? LogLines.generated(i) : LogLines.download("bob", i));
    }
    Instant now = LogLines.T0.plusSeconds(86_400); // after every entry: trends from the summary
    ExportStatistics first = new ExportLog(store).statistics(now);
    assertEquals(600, first.totalExports());
    try (Connection c = db.adminDataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT octet_length(content) FROM export_log_derived WHERE name = 'summary'")) {
      assertTrue(rs.next(), "the summary row was saved");
      assertTrue(rs.getInt(1) > 0);
    }

    Counting replica = new Counting(JdbcLogStore.open(db.dataSource()));
    assertEquals(first, new ExportLog(replica).statistics(now));
    assertEquals(0, replica.streamed.get(), "no line was streamed: the summary answered");
    assertEquals(1_200, replica.size());

    LogLines.append(store, 10); // lines the summary has not seen: only those are read
    new ExportLog(replica).statistics(now);
    assertEquals(10, replica.streamed.get());
  }

  /** Counts the lines streamed through a store. */
  private static final class Counting implements ExportLogStore {
    final ExportLogStore store;
    final AtomicLong streamed = new AtomicLong();

    Counting(ExportLogStore store) {
      this.store = store;
    }

    @Override
    public String append(LineComposer composer) {
      return store.append(composer);
    }

    @Override
    public long size() {
      return store.size();
    }

    @Override
    public List<String> read(long from, int max) {
      return store.read(from, max);
    }

    @Override
    public Stream<String> stream(long from) {
      return store.stream(from).peek(line -> streamed.incrementAndGet());
    }

    @Override
    public Optional<DerivedData> derivedData() {
      return store.derivedData();
    }
  }

  private static void execute(DataSource dataSource, String sql) throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
