package dev.exporthub.cli;

import dev.exporthub.api.spi.OperationalDataSource;
import dev.exporthub.api.spi.TenantDirectory;
import dev.exporthub.core.source.DataDirectorySource;
import dev.exporthub.jdbc.JdbcDataSource;
import dev.exporthub.jdbc.JdbcMapping;
import dev.exporthub.jdbc.UrlDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code --data} names, opened: a data directory, or a database when the value starts with
 * {@code jdbc:} (its password from the URL or {@value UrlDataSource#PASSWORD_VARIABLE}, never
 * shown), read through the conventional layout or a {@code --mapping} file.
 *
 * @param source    the records
 * @param directory the federations
 * @param dataDir   the data directory, or {@code null} for a database
 * @param label     how to name the data to a person: the path, or the URL without its password
 */
record DataOption(OperationalDataSource source, TenantDirectory directory, Path dataDir, String label)
    implements AutoCloseable {

  /** Whether the value of {@code --data} names a database. */
  static boolean isJdbc(String data) {
    return data.startsWith("jdbc:");
  }

  /**
   * Opens the data of {@code --data}.
   *
   * @param mapping a {@code --mapping} properties file, or {@code null} for the conventional layout
   * @throws CliException a usage error, for a missing directory or a mapping with a directory
   */
  static DataOption open(String data, Path mapping, RunContext context) {
    if (isJdbc(data)) {
      JdbcMapping tables;
      try {
        tables = mapping == null ? JdbcMapping.conventional() : JdbcMapping.load(context.resolve(mapping));
      } catch (IOException e) {
        throw CliException.usage("cannot read the mapping " + context.resolve(mapping) + ": " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw CliException.usage("the mapping " + context.resolve(mapping) + ": " + e.getMessage());
      }
      JdbcDataSource source = JdbcDataSource.of(UrlDataSource.of(data), tables);
      return new DataOption(source, source.tenantDirectory(), null, UrlDataSource.redacted(data));
    }
    if (mapping != null) {
      throw CliException.usage("--mapping names tables: give it with --data jdbc:...");
    }
    Path dataDir = context.resolve(Path.of(data));
    if (!Files.isDirectory(dataDir)) {
      throw CliException.usage("the data directory " + dataDir + " does not exist");
    }
    DataDirectorySource source = DataDirectorySource.open(dataDir);
    return new DataOption(source, source.tenantDirectory(), dataDir, dataDir.toString());
  }

  /** Removes a data directory's temporary sorted files; a database holds nothing to close. */
  @Override
  public void close() {
    if (source instanceof DataDirectorySource directorySource) {
      directorySource.close();
    }
  }
}
