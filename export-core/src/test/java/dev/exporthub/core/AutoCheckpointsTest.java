package dev.exporthub.core;

import static dev.exporthub.core.ExportHubTest.AUDITOR;
import static dev.exporthub.core.ExportHubTest.CLOCK;
import static dev.exporthub.core.ExportHubTest.NOW;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exporthub.api.ExportResult;
import dev.exporthub.api.LogEntry;
import dev.exporthub.api.spi.ArtifactSigner;
import dev.exporthub.api.spi.ExportLogStore;
import dev.exporthub.core.internal.LogAppender;
import dev.exporthub.core.log.CheckpointFile;
import dev.exporthub.core.log.FileLogStore;
import dev.exporthub.core.log.InMemoryLogStore;
import dev.exporthub.core.log.MerkleTree;
import dev.exporthub.core.log.SignedCheckpoint;
import dev.exporthub.core.signing.Ed25519Signer;
import dev.exporthub.core.signing.SigningKeys;
import dev.exporthub.core.source.InMemoryDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hub with {@link Checkpoints} signs checkpoints of its log into the checkpoints file ({@code SPECIFICATION.md} §7.5). */
class AutoCheckpointsTest {

  private static final Ed25519Signer SIGNER = Ed25519Signer.of(SigningKeys.generate());

  @TempDir
  Path dir;

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  /** A signer whose first {@code failures} signatures fail, as an unreachable HSM's would. */
  private static ArtifactSigner failing(int failures) {
    AtomicInteger calls = new AtomicInteger();
    return new ArtifactSigner() {
      @Override
      public byte[] sign(byte[] message) throws GeneralSecurityException {
        if (calls.incrementAndGet() <= failures) {
          throw new GeneralSecurityException("HSM unreachable");
        }
        return SIGNER.sign(message);
      }

      @Override
      public PublicKey publicKey() {
        return SIGNER.publicKey();
      }
    };
  }

  private static ExportHub.Builder hub(ExportLogStore store, Clock clock) {
    return ExportHub.builder().dataSource(InMemoryDataSource.of(ExportHubTest.findings())).clock(clock)
        .reproducibleIds().logStore(store);
  }

  private static void exports(ExportHub hub, int count) {
    for (int i = 0; i < count; i++) {
      assertInstanceOf(ExportResult.Completed.class, hub.export(ExportHubTest.auditFindingsJson(), AUDITOR));
    }
  }

  private static List<CheckpointFile.Entry> entries(Path file) throws IOException {
    return CheckpointFile.parse(Files.readAllBytes(file)).entries();
  }

  private static List<Long> sizes(Path file) throws IOException {
    return Files.exists(file) ? entries(file).stream().map(CheckpointFile.Entry::treeSize).toList() : List.of();
  }

  /** Every note in the file verifies with the key and holds the root of the log's first treeSize lines. */
  private static void assertEveryCheckpointHolds(Path checkpoints, Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    String origin = SignedCheckpoint.defaultOrigin(lines.get(0));
    for (CheckpointFile.Entry entry : entries(checkpoints)) {
      SignedCheckpoint checkpoint = SignedCheckpoint.verify(entry.note(), origin, SIGNER.publicKey());
      assertEquals(entry.treeSize(), checkpoint.treeSize());
      assertArrayEquals(MerkleTree.ofLines(lines.subList(0, (int) entry.treeSize())).root(), checkpoint.rootHash(),
          "the root of the first " + entry.treeSize() + " lines");
    }
  }

  @Test
  @DisplayName("every 5 entries: 12 exports (24 entries) give checkpoints at 5, 10, 15, 20, and close adds 24")
  void everyFiveEntries() throws IOException {
    Path log = dir.resolve("audit.jsonl");
    Path checkpoints = dir.resolve("audit.jsonl.checkpoints");
    try (FileLogStore store = FileLogStore.open(log)) {
      ExportHub hub = hub(store, CLOCK).signer(SIGNER).checkpoints(Checkpoints.signed().everyEntries(5)).build();
      exports(hub, 12);
      assertEquals(List.of(5L, 10L, 15L, 20L), sizes(checkpoints), "beside the log, by default");
      assertEveryCheckpointHolds(checkpoints, log);
      hub.close();
      assertEquals(List.of(5L, 10L, 15L, 20L, 24L), sizes(checkpoints));
      assertEveryCheckpointHolds(checkpoints, log);
      hub.close();
      assertEquals(5, sizes(checkpoints).size(), "closing again writes nothing");
    }
  }

  @Test
  @DisplayName("a restarted hub reads the log once, counts from the newest checkpoint in the file, and goes on")
  void restart() throws IOException {
    Path log = dir.resolve("audit.jsonl");
    Path checkpoints = dir.resolve("audit.jsonl.checkpoints");
    try (FileLogStore store = FileLogStore.open(log)) {
      try (ExportHub hub = hub(store, CLOCK).signer(SIGNER).checkpoints(Checkpoints.signed().everyEntries(5)).build()) {
        exports(hub, 12);
      }
    }
    try (FileLogStore store = FileLogStore.open(log);
        ExportHub hub = hub(store, CLOCK).checkpoints(Checkpoints.signedBy(SIGNER).everyEntries(5)).build()) {
      exports(hub, 3);
    }
    assertEquals(List.of(5L, 10L, 15L, 20L, 24L, 29L, 30L), sizes(checkpoints));
    assertEveryCheckpointHolds(checkpoints, log);
  }

  @Test
  @DisplayName("two writers of one log file each checkpoint the tree as they see it; every checkpoint holds")
  void twoWriters() throws IOException {
    Path log = dir.resolve("audit.jsonl");
    Path checkpoints = dir.resolve("audit.jsonl.checkpoints");
    try (FileLogStore first = FileLogStore.open(log); FileLogStore second = FileLogStore.open(log);
        ExportHub a = hub(first, CLOCK).signer(SIGNER).checkpoints(Checkpoints.signed().everyEntries(3)).build();
        ExportHub b = hub(second, CLOCK).signer(SIGNER).checkpoints(Checkpoints.signed().everyEntries(3)).build()) {
      for (int i = 0; i < 4; i++) {
        exports(a, 1);
        exports(b, 1);
      }
    }
    List<Long> sizes = sizes(checkpoints);
    assertTrue(sizes.size() >= 4 && sizes.contains(16L), sizes::toString);
    assertEveryCheckpointHolds(checkpoints, log);
  }

  @Test
  @DisplayName("every 10 minutes on the hub's clock: an append once the interval has passed signs; no sleeping")
  void intervalOnAppend() throws IOException {
    MovableClock clock = new MovableClock(NOW);
    Path checkpoints = dir.resolve("c.checkpoints");
    try (ExportHub hub = hub(new InMemoryLogStore(), clock).signer(SIGNER)
        .checkpoints(Checkpoints.signed().every(Duration.ofMinutes(10)).to(checkpoints)).build()) {
      exports(hub, 1);
      assertEquals(List.of(), sizes(checkpoints));
      clock.advance(Duration.ofMinutes(11));
      exports(hub, 1);
      assertEquals(List.of(3L), sizes(checkpoints), "the first append after the interval");
      clock.advance(Duration.ofMinutes(5));
      exports(hub, 1);
      clock.advance(Duration.ofMinutes(6));
      exports(hub, 1);
      assertEquals(List.of(3L, 7L), sizes(checkpoints));
    }
    assertEquals(List.of(3L, 7L, 8L), sizes(checkpoints), "close signs the rest");
  }

  @Test
  @DisplayName("the timer's check signs when the interval passed with entries appended, and says when to look again")
  void timerTick() throws IOException {
    MovableClock clock = new MovableClock(NOW);
    Path file = dir.resolve("t.checkpoints");
    InMemoryLogStore store = new InMemoryLogStore();
    AutoCheckpoints auto = new AutoCheckpoints(Checkpoints.signedBy(SIGNER).every(Duration.ofMinutes(10)).to(file),
        store, null, clock);
    LogAppender appender = new LogAppender(store, auto);
    assertEquals(Duration.ofMinutes(10), auto.tick());
    appender.append(download());
    clock.advance(Duration.ofMinutes(4));
    assertEquals(Duration.ofMinutes(6), auto.tick(), "the rest of the interval");
    assertEquals(List.of(), sizes(file));
    clock.advance(Duration.ofMinutes(7));
    assertEquals(Duration.ofMinutes(10), auto.tick());
    assertEquals(List.of(1L), sizes(file));
    clock.advance(Duration.ofMinutes(30));
    auto.tick();
    assertEquals(List.of(1L), sizes(file), "nothing appended since: no checkpoint");
    auto.close();
    assertEquals(List.of(1L), sizes(file), "nor at close");
  }

  @Test
  @DisplayName("the hub's own timer thread signs within the interval, on the system clock; close stops it")
  void timerThread() throws Exception {
    Path checkpoints = dir.resolve("s.checkpoints");
    ExportHub hub = hub(new InMemoryLogStore(), Clock.systemUTC()).signer(SIGNER)
        .checkpoints(Checkpoints.signed().every(Duration.ofMillis(100)).to(checkpoints)).build();
    exports(hub, 1);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (sizes(checkpoints).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(List.of(2L), sizes(checkpoints));
    hub.close();
    exports(hub, 1);
    Thread.sleep(500);
    assertEquals(List.of(2L), sizes(checkpoints), "after close, exports go on without checkpoints");
  }

  @Test
  @DisplayName("the decision: N entries since the last, or the interval passed with any entry since")
  void decision() {
    Checkpoints both = Checkpoints.signed().everyEntries(5).every(Duration.ofMinutes(10));
    assertFalse(both.due(0, Duration.ofHours(1)), "nothing appended: nothing to sign");
    assertFalse(both.due(4, Duration.ofMinutes(9)));
    assertTrue(both.due(5, Duration.ZERO));
    assertTrue(both.due(1, Duration.ofMinutes(10)));
    assertFalse(Checkpoints.signed().everyEntries(5).due(4, Duration.ofDays(1)));
    assertFalse(Checkpoints.signed().every(Duration.ofMinutes(10)).due(1_000_000, Duration.ofMinutes(9)));
    assertThrows(IllegalArgumentException.class, () -> Checkpoints.signed().everyEntries(0));
    assertThrows(IllegalArgumentException.class, () -> Checkpoints.signed().every(Duration.ZERO));
  }

  @Test
  @DisplayName("a signer that fails loses no entry: exports succeed, the next checkpoint covers them, close reports")
  void signingFailure() throws IOException {
    Path log = dir.resolve("audit.jsonl");
    Path checkpoints = dir.resolve("audit.jsonl.checkpoints");
    try (FileLogStore store = FileLogStore.open(log)) {
      ExportHub hub = hub(store, CLOCK).checkpoints(Checkpoints.signedBy(failing(1)).everyEntries(5)).build();
      exports(hub, 6);
      assertEquals(List.of(10L), sizes(checkpoints), "5 failed; 10 covers it");
      hub.close();
      assertEquals(List.of(10L, 12L), sizes(checkpoints));
      assertEveryCheckpointHolds(checkpoints, log);

      ExportHub down = hub(store, CLOCK).checkpoints(Checkpoints.signedBy(failing(Integer.MAX_VALUE))
          .everyEntries(5)).build();
      exports(down, 3);
      assertEquals(18, Files.readAllLines(log).size(), "every entry is stored");
      assertTrue(hub.log().verify().valid());
      CheckpointException e = assertThrows(CheckpointException.class, down::close);
      assertEquals(18, e.treeSize());
      assertEquals(checkpoints.toRealPath(), e.file().toRealPath());
      assertTrue(e.getMessage().contains("signing failed: HSM unreachable") && e.getMessage().contains(
          "No log entry is lost"), e.getMessage());
      assertEquals(List.of(10L, 12L), sizes(checkpoints));
    }
  }

  @Test
  @DisplayName("a checkpoints file that cannot be written fails no export; close names it")
  void unwritableFile() throws IOException {
    Path notAFile = Files.createDirectory(dir.resolve("taken"));
    ExportHub hub = hub(new InMemoryLogStore(), CLOCK).signer(SIGNER)
        .checkpoints(Checkpoints.signed().everyEntries(1).to(notAFile)).build();
    exports(hub, 2);
    assertEquals(4, hub.log().entries().size());
    CheckpointException e = assertThrows(CheckpointException.class, hub::close);
    assertTrue(e.getMessage().startsWith("The checkpoint at tree size 4 was not written to " + notAFile
        + ": writing failed: "), e.getMessage());
  }

  @Test
  @DisplayName("build refuses checkpoints without a trigger, a signer, or a file for a store that has none")
  void buildRefusals() {
    InMemoryLogStore store = new InMemoryLogStore();
    Path file = dir.resolve("x.checkpoints");
    assertTrue(assertThrows(IllegalStateException.class, () -> hub(store, CLOCK).signer(SIGNER)
        .checkpoints(Checkpoints.signed().to(file)).build()).getMessage().contains("need a trigger"));
    assertTrue(assertThrows(IllegalStateException.class, () -> hub(store, CLOCK)
        .checkpoints(Checkpoints.signed().everyEntries(5).to(file)).build()).getMessage().contains("need a signer"));
    assertTrue(assertThrows(IllegalStateException.class, () -> hub(store, CLOCK).signer(SIGNER)
        .checkpoints(Checkpoints.signed().everyEntries(5)).build()).getMessage()
        .contains("Automatic checkpoints of this log store (InMemoryLogStore) need a file"));
    hub(store, CLOCK).build().close(); // without checkpoints, closing does nothing
  }

  private static LogEntry.ExportDownloaded download() {
    return new LogEntry.ExportDownloaded(0, NOW, "t-1", new LogEntry.Download("b-1", "json", "b-1.json", 10), "ana",
        null, null);
  }
}
