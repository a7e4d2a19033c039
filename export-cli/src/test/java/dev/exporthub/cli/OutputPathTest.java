package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output paths are checked before anything is written: no device or FIFO replaced by a file, no
 * export over the log or over a data file (SPECIFICATION.md §9.3, docs/CLI.md "Output paths").
 */
class OutputPathTest {

  @TempDir
  Path work;

  private Path data;

  @BeforeEach
  void data() throws IOException {
    data = Fixtures.sampleData(work.resolve("data"));
  }

  private List<String> export(String out, String... extra) {
    List<String> args = new ArrayList<>(List.of("export", "--data", data.toString(), "--category", "audit-findings",
        "--format", "json", "--out", out, "--user", "alice", "--user-tenant", "tenant-1", "--now", Cli.NOW));
    args.addAll(List.of(extra));
    return args;
  }

  private static void assertRefused(Cli.Run run, String why) {
    assertEquals(ExitCodes.USAGE, run.code(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.err().contains(why), run::toString);
  }

  @Test
  @DisplayName("a character device (/dev/full) is refused and stays a device, in-process and as a process")
  void device() {
    Path device = Path.of("/dev/full");
    assertTrue(Files.exists(device), "this test needs /dev/full");
    assertRefused(Cli.run(work, export(device.toString()).toArray(String[]::new)), "not a regular file");
    assertRefused(Cli.process(work, export(device.toString()).toArray(String[]::new)), "not a regular file");
    assertTrue(!Files.isRegularFile(device) && Files.exists(device));
  }

  @Test
  @DisplayName("a FIFO is refused and stays a FIFO")
  void fifo() throws Exception {
    Path fifo = work.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
    assertRefused(Cli.run(work, export(fifo.toString()).toArray(String[]::new)), "not a regular file");
    assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  @DisplayName("--out naming the log, directly, through .. or through a link, is refused and the log is unchanged")
  void theLog() throws IOException {
    Path log = work.resolve("audit.jsonl");
    assertEquals(0, Cli.run(work, export("first.json", "--log", log.toString()).toArray(String[]::new)).code());
    byte[] before = Files.readAllBytes(log);
    Path link = Files.createSymbolicLink(work.resolve("link.jsonl"), log);
    Files.createDirectory(work.resolve("sub"));
    for (String out : List.of(log.toString(), work.resolve("sub/../audit.jsonl").toString(), link.toString())) {
      assertRefused(Cli.run(work, export(out, "--log", log.toString()).toArray(String[]::new)), "export log");
    }
    assertRefused(Cli.process(work, export(log.toString(), "--log", log.toString()).toArray(String[]::new)),
        "export log");
    assertRefused(Cli.run(work, "log", "export", "--format", "json", "--log", log.toString(), "--out",
        log.toString()), "export log");
    assertArrayEquals(before, Files.readAllBytes(log));
    assertTrue(Cli.run(work, "log", "verify", "--log", log.toString()).code() == 0);
  }

  @Test
  @DisplayName("--out naming a file of --data, or a data file name there, is refused and the data is unchanged")
  void aDataFile() throws IOException {
    Path alerts = data.resolve("alerts.jsonl");
    byte[] before = Files.readAllBytes(alerts);
    assertRefused(Cli.run(work, export(alerts.toString()).toArray(String[]::new)), "data directory");
    assertRefused(Cli.run(work, export(data.resolve("tasks.json").toString()).toArray(String[]::new)),
        "data directory");
    assertRefused(Cli.process(work, export(alerts.toString()).toArray(String[]::new)), "data directory");
    assertArrayEquals(before, Files.readAllBytes(alerts));
    assertTrue(!Files.exists(data.resolve("tasks.json")));
  }

  @Test
  @DisplayName("a data file given as --log is refused as a log and left as it was, as a process too")
  void aDataFileAsTheLog() throws IOException {
    Path alerts = data.resolve("alerts.jsonl");
    byte[] before = Files.readAllBytes(alerts);
    java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(alerts);
    Cli.Run run = Cli.process(work, export("out.json", "--log", alerts.toString()).toArray(String[]::new));
    assertEquals(ExitCodes.USAGE, run.code(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertArrayEquals(before, Files.readAllBytes(alerts));
    assertEquals(modified, Files.getLastModifiedTime(alerts));
    assertTrue(!Files.exists(work.resolve("out.json")));
  }
}
