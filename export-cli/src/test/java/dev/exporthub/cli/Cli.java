package dev.exporthub.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the command in-process or as a real {@code java} process, and captures what it printed. */
final class Cli {

  /** The sample's clock: the end of {@code SampleData.defaults()}. */
  static final String NOW = "2026-01-15T12:00:00Z";

  /** What one run printed. */
  record Run(int code, String out, String err) {
    /** stderr's non-empty lines. */
    List<String> errLines() {
      return err.lines().filter(line -> !line.isBlank()).toList();
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  private Cli() {
  }

  /** Runs in-process through {@link Main#run(String[], PrintStream, PrintStream, Path)}. */
  static Run run(Path workingDir, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, utf8(out), utf8(err), workingDir);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs in-process as if stderr were a terminal, with progress shown from the first item. */
  static Run runOnTerminal(Path workingDir, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new RunContext(utf8(out), utf8(err), workingDir, true, Duration.ZERO));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Runs {@code java [jvmOptions] -cp <the test class path> dev.exporthub.cli.Main args} in
   * {@code workingDir}, as a real process with its own exit code.
   */
  static Run process(Path workingDir, List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(Arrays.asList(args));
    try {
      Path out = Files.createTempFile("exporthub-out-", ".txt");
      Path err = Files.createTempFile("exporthub-err-", ".txt");
      try {
        Process process = new ProcessBuilder(command).directory(workingDir.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("exporthub did not finish in 120 s: " + command);
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Like {@link #process(Path, List, String...)} with no JVM options. */
  static Run process(Path workingDir, String... args) {
    return process(workingDir, List.of(), args);
  }

  /** Arguments as one array: {@code args("export", "--data", dir)}. */
  static String[] args(Object... parts) {
    return Arrays.stream(parts).map(String::valueOf).toArray(String[]::new);
  }

  private static PrintStream utf8(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
