package dev.exporthub.cli;

import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.source.SourceType;
import dev.exporthub.core.source.DataDirectorySource;
import dev.exporthub.jdbc.JdbcLoader;
import dev.exporthub.jdbc.JdbcSchema;
import dev.exporthub.jdbc.UrlDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code exporthub db}: the conventional layout in a database, and copying a data directory into it. */
@Command(name = "db", mixinStandardHelpOptions = true,
    header = "Creates the tables of a database and fills them from a data directory.",
    description = {"The database is named by a JDBC URL, e.g. jdbc:postgresql://localhost:5432/ops?user=exporthub;",
        "the password comes from the URL or the environment variable " + UrlDataSource.PASSWORD_VARIABLE + "."})
final class DbCommand implements Callable<Integer> {

  private final RunContext context;

  DbCommand(RunContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    new picocli.CommandLine(this).usage(context.err());
    return ExitCodes.USAGE;
  }

  private static UrlDataSource database(String jdbc) {
    try {
      return UrlDataSource.of(jdbc);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  /** {@code exporthub db init}: runs the shipped DDL; idempotent. */
  @Command(name = "init", mixinStandardHelpOptions = true,
      header = "Creates the conventional tables (and the export log's), when missing.",
      description = {"Runs dev/exporthub/jdbc/sources.sql (and export-log.sql) in one transaction, in the",
          "connection's current schema. Running it again changes nothing."})
  static final class Init implements Callable<Integer> {
    private final RunContext context;

    @Option(names = "--jdbc", required = true, paramLabel = "URL", description = "The database.")
    private String jdbc;

    Init(RunContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws SQLException {
      JdbcSchema.create(database(jdbc));
      context.out().println("Created the tables in " + UrlDataSource.redacted(jdbc) + " (those missing)");
      return ExitCodes.OK;
    }
  }

  /** {@code exporthub db load}: copies a data directory into the conventional tables. */
  @Command(name = "load", mixinStandardHelpOptions = true,
      header = "Copies a data directory into the conventional tables.",
      description = {"Creates the tables when missing, then inserts every record in one transaction, in",
          "batches: a record replaces the row of its id, other rows stay, so loading again changes",
          "nothing. tenants.json becomes federation_members. Exit 4, and nothing loaded, when a record",
          "is invalid."})
  static final class Load implements Callable<Integer> {
    private final RunContext context;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The data directory.")
    private Path data;

    @Option(names = "--jdbc", required = true, paramLabel = "URL", description = "The database.")
    private String jdbc;

    Load(RunContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws SQLException {
      Path dataDir = context.resolve(data);
      if (!Files.isDirectory(dataDir)) {
        throw CliException.usage("the data directory " + dataDir + " does not exist");
      }
      UrlDataSource database = database(jdbc);
      JdbcSchema.create(database);
      long total = 0;
      try (DataDirectorySource source = DataDirectorySource.open(dataDir);
          JdbcLoader loader = JdbcLoader.open(database)) {
        source.ready();
        for (SourceType type : SourceType.values()) {
          try (Stream<SourceRecord> records = source.records(type)) {
            total += loader.load(type, records);
          }
        }
        loader.federations(source.federations());
        loader.commit();
      }
      context.out().println("Loaded " + total + " records from " + dataDir + " into " + UrlDataSource.redacted(jdbc));
      return ExitCodes.OK;
    }
  }
}
