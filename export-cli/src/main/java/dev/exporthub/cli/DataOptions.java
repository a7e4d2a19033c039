package dev.exporthub.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR|URL [--mapping FILE]}: where {@code export} and {@code console} read records. */
final class DataOptions {

  @Option(names = "--data", required = true, paramLabel = "DIR|URL",
      description = {"The data directory: one .json or .jsonl file per source, optional tenants.json;",
          "or a database: jdbc:postgresql://HOST:PORT/DB?user=NAME (password in the URL or "
              + "EXPORTHUB_JDBC_PASSWORD)."})
  private String data;

  @Option(names = "--mapping", paramLabel = "FILE",
      description = "With --data jdbc:..., the tables and columns of each source (a properties file);"
          + " default: the conventional layout of 'exporthub db init'.")
  private Path mapping;

  /** The source these options name, opened. */
  DataOption open(RunContext context) {
    return DataOption.open(data, mapping, context);
  }
}
