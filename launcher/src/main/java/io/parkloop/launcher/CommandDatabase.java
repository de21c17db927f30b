package io.parkloop.launcher;

import io.parkloop.embedded.LocalPostgres;
import io.parkloop.launcher.pipeline.DatabaseOptions;
import io.parkloop.storage.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The database of a command that does its work and ends ({@code export}, {@code replay}): the
 * one {@code --jdbc} names, else the embedded PostgreSQL of the data directory, either the one a
 * running {@code demo} or {@code run} serves (two servers cannot share a cluster) or one started
 * for this command and stopped with it.
 */
final class CommandDatabase implements AutoCloseable {
  private final String jdbcUrl;
  private final LocalPostgres startedHere;

  private CommandDatabase(String jdbcUrl, LocalPostgres startedHere) {
    this.jdbcUrl = jdbcUrl;
    this.startedHere = startedHere;
  }

  /**
   * @param mayCreate whether a data directory without a database gets a new one (a replay fills
   *     it), rather than being an error (an export of nothing is a mistyped directory)
   */
  static CommandDatabase open(DatabaseOptions options, boolean mayCreate) {
    if (options.jdbc != null) {
      return new CommandDatabase(options.jdbc, null);
    }
    Path pgData = options.postgresDir();
    if (!mayCreate && !Files.isDirectory(pgData)) {
      throw new IllegalStateException("no parkloop database in " + options.dataDir.toAbsolutePath()
          + "; run ./parkloop demo, run or replay first, or pass --jdbc");
    }
    Optional<String> running = LocalPostgres.runningJdbcUrl(pgData);
    if (running.isPresent()) {
      return new CommandDatabase(running.get(), null);
    }
    LocalPostgres postgres = LocalPostgres.start(pgData, options.pgPort);
    return new CommandDatabase(postgres.jdbcUrl(), postgres);
  }

  String jdbcUrl() {
    return jdbcUrl;
  }

  DataSource dataSource() {
    return Databases.dataSource(jdbcUrl);
  }

  @Override
  public void close() {
    if (startedHere != null) {
      startedHere.close();
    }
  }
}
