package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tools an auditor without Export Hub uses (OpenSSL, coreutils), run as real processes. A tool
 * missing from the PATH skips the test on a developer's machine and fails it in CI
 * ({@code CI=true}), where every tool must be installed.
 */
final class SystemTools {

  /** What a process printed on stderr and stdout (unless redirected) and its exit code. */
  record Result(int exitCode, String output) {
  }

  private SystemTools() {
  }

  /** Skips the test, or fails it in CI, unless {@code tool} is on the PATH. */
  static void require(String tool) {
    String path = System.getenv("PATH");
    boolean found = path != null && List.of(path.split(File.pathSeparator)).stream()
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
    if (!found && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(tool + " is not on the PATH, and CI must run this test: install it (.ci/run does)");
    }
    assumeTrue(found, tool + " is not on the PATH");
  }

  /** Runs {@code command} in {@code dir}, its stdout into {@code stdout} when that is not {@code null}. */
  static Result run(Path dir, Path stdout, String... command) throws IOException, InterruptedException {
    require(command[0]);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    // The C locale keeps the tools' messages in English, whatever the machine's settings.
    builder.environment().put("LC_ALL", "C");
    if (stdout != null) {
      builder.redirectOutput(stdout.toFile());
    } else {
      builder.redirectErrorStream(true);
    }
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String((stdout != null ? process.getErrorStream() : process.getInputStream()).readAllBytes(),
        StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish");
    }
    return new Result(process.exitValue(), output);
  }
}
