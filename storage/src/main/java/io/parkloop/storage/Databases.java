package io.parkloop.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connections to PostgreSQL from a JDBC URL (user and password may be in the URL). */
public final class Databases {
  private static final Logger LOG = LoggerFactory.getLogger(Databases.class);

  private Databases() {}

  public static DataSource dataSource(String jdbcUrl) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(jdbcUrl);
    return dataSource;
  }

  /** Connection failures (SQLSTATE class 08) and a server still starting (57P03) are worth waiting for; a wrong password is not. */
  static boolean isUnreachable(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08") || state.equals("57P03");
  }

  /**
   * Waits for the database to accept connections, retrying and saying so, up to {@code patience};
   * then fails with the last error.
   */
  public static void awaitReachable(DataSource dataSource, Duration patience) throws SQLException {
    long deadline = System.nanoTime() + patience.toNanos();
    long delayMillis = 250;
    while (true) {
      try (Connection ignored = dataSource.getConnection()) {
        return;
      } catch (SQLException e) {
        if (!isUnreachable(e) || System.nanoTime() > deadline) {
          throw e;
        }
        LOG.warn("database not reachable yet ({}), retrying in {} ms", e.getMessage(), delayMillis);
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        delayMillis = Math.min(delayMillis * 2, 5_000);
      }
    }
  }
}
