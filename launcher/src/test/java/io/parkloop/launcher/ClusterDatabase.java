package io.parkloop.launcher;

import io.parkloop.embedded.LocalPostgres;
import java.nio.file.Path;

/**
 * The database of the cluster-shaped test, in one place so that it can be pointed at another
 * engine (TimescaleDB) without touching the test: today the project's embedded PostgreSQL as its
 * own server processes.
 */
final class ClusterDatabase implements AutoCloseable {
  private final LocalPostgres postgres;

  private ClusterDatabase(LocalPostgres postgres) {
    this.postgres = postgres;
  }

  static ClusterDatabase start(Path dataDir) {
    return new ClusterDatabase(LocalPostgres.start(dataDir, 0));
  }

  /** A JDBC URL with its credentials, as {@code --jdbc} takes it. */
  String jdbcUrl() {
    return postgres.jdbcUrl();
  }

  /** Which engine this is, for the test's output. */
  String describe() {
    return "embedded PostgreSQL (" + postgres.jdbcUrl() + ")";
  }

  @Override
  public void close() {
    postgres.close();
  }
}
