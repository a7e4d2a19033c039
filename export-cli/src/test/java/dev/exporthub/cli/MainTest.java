package dev.exporthub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @TempDir
  Path work;

  @Test
  @DisplayName("no command prints the usage with every command and exits 2")
  void noCommand() {
    Cli.Run run = Cli.run(work);

    assertEquals(ExitCodes.USAGE, run.code());
    for (String command : List.of("export", "verify", "log", "sample", "demo")) {
      assertTrue(run.err().contains("\n  " + command + " "), run::toString);
    }
    assertTrue(run.err().contains("3  denied by policy"), run::toString);
  }

  @Test
  @DisplayName("--help prints the usage on stdout and exits 0, for every command")
  void help() {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"export", "--help"},
        new String[] {"log", "verify", "--help"}, new String[] {"log", "export", "-h"},
        new String[] {"demo", "--help"})) {
      Cli.Run run = Cli.run(work, args);
      assertEquals(0, run.code(), run::toString);
      assertTrue(run.out().contains("Usage: exporthub"), run::toString);
    }
    assertTrue(Cli.run(work, "export", "--help").out().contains("--user-federation=X"));
  }

  @Test
  @DisplayName("log without a subcommand prints its usage and exits 2")
  void logAlone() {
    Cli.Run run = Cli.run(work, "log");

    assertEquals(ExitCodes.USAGE, run.code());
    assertTrue(run.err().contains("Usage: exporthub log"), run::toString);
    for (String command : List.of("verify", "head", "stats", "export")) {
      assertTrue(run.err().contains("\n  " + command + " "), run::toString);
    }
  }

  @Test
  @DisplayName("--version names the version")
  void version() {
    Cli.Run run = Cli.run(work, "--version");

    assertEquals(0, run.code());
    assertTrue(run.out().matches("exporthub \\d+\\.\\d+\\.\\d+.*\\R"), run::toString);
  }

  @Test
  @DisplayName("an unknown command or option is a usage error in one line")
  void unknown() {
    Cli.Run command = Cli.run(work, "publish");
    Cli.Run option = Cli.run(work, "log", "head", "--colour");

    assertEquals(ExitCodes.USAGE, command.code());
    assertEquals(1, command.errLines().size(), command::toString);
    assertEquals(ExitCodes.USAGE, option.code());
    assertEquals(List.of("exporthub log head: Unknown option: '--colour' (see 'exporthub log head --help')"),
        option.errLines());
  }

  @Test
  @DisplayName("--verbose is accepted before or after a nested command")
  void verboseAnywhere() {
    assertEquals(ExitCodes.USAGE, Cli.run(work, "--verbose", "log", "head").code());
    Cli.Run run = Cli.run(work, "log", "head", "--verbose");
    assertEquals(ExitCodes.USAGE, run.code());
    assertTrue(run.err().contains("at dev.exporthub.cli."), run::toString);
  }
}
