package io.parkloop.launcher;

import io.parkloop.embedded.DebianTimescaleDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database of the cluster-shaped test: TimescaleDB, the deployment target, as its own server
 * processes (Debian trixie's PostgreSQL 17 with the TimescaleDB package, docs/storage.md), in one
 * place so that the test names the engine it ran on.
 */
final class ClusterDatabase implements AutoCloseable {
  private static final String DATABASE = "parkloop_cluster";
  private final DebianTimescaleDb server;
  private final String jdbcUrl;

  private ClusterDatabase(DebianTimescaleDb server) {
    this.server = server;
    this.jdbcUrl = server.createDatabase(DATABASE);
  }

  static ClusterDatabase start() {
    return new ClusterDatabase(DebianTimescaleDb.start());
  }

  /** A JDBC URL with its credentials, as {@code --jdbc} takes it. */
  String jdbcUrl() {
    return jdbcUrl;
  }

  /** Which engine this is, for the test's output. */
  String describe() {
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("select version(), (select default_version from pg_available_extensions"
            + " where name = 'timescaledb')")) {
      row.next();
      return "TimescaleDB " + row.getString(2) + " on " + row.getString(1).split(" on ")[0] + " (" + jdbcUrl + ")";
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the engine's version at " + jdbcUrl, e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
