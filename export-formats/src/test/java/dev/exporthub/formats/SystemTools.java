package dev.exporthub.formats;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs command-line tools of the system as real processes. */
final class SystemTools {

  /** What a process printed (stdout and stderr together) and its exit code. */
  record Result(int exitCode, String output) {
  }

  private SystemTools() {
  }

  /** Whether an executable of this name is on the PATH. */
  static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** Skips the test, or fails it in CI ({@code CI=true}), unless {@code tool} is on the PATH. */
  static void require(String tool) {
    boolean found = onPath(tool);
    if (!found && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(tool + " is not on the PATH, and CI must run this test: install it (.ci/run does)");
    }
    assumeTrue(found, tool + " is not on the PATH");
  }

  /** Runs {@code command} in {@code dir}; skips the test (fails it in CI) when the tool is not on the PATH. */
  static Result run(Path dir, String... command) throws IOException, InterruptedException {
    require(command[0]);
    List<String> args = new ArrayList<>(List.of(command));
    ProcessBuilder builder = new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true);
    // The C locale keeps the tool's messages in English, whatever the machine's settings.
    builder.environment().put("LC_ALL", "C");
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish");
    }
    return new Result(process.exitValue(), output);
  }
}
