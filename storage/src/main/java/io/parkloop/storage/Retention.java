package io.parkloop.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * How long the big tables keep their rows (issue: raw normalised readings 13 months, hourly
 * indicators 3 years, daily and coarser forever), as PostgreSQL intervals. The TimescaleDB
 * migration turns the readings' interval into a retention policy; {@link #apply} deletes what is
 * older where no such policy runs, and the hourly indicator rows in any case (they share their
 * table with the rows kept forever, so no chunk can simply be dropped).
 *
 * <p>Age is measured back from the newest row of the table, or from now if that is earlier: a
 * replay of last year's data, or a test's fixed data set, is not wiped as the calendar moves on,
 * while live data ages by the clock as usual.
 */
public record Retention(String readings, String hourlyIndicators) {
  public static final Retention DEFAULT = new Retention("13 months", "3 years");

  /** The defaults, overridden by PARKLOOP_RETENTION_READINGS and PARKLOOP_RETENTION_HOURLY (e.g. "400 days"). */
  public static Retention fromEnvironment() {
    return new Retention(env("PARKLOOP_RETENTION_READINGS", DEFAULT.readings),
        env("PARKLOOP_RETENTION_HOURLY", DEFAULT.hourlyIndicators));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  /** Deletes the rows past their retention; returns how many. */
  public long apply(DataSource database) throws SQLException {
    long deleted = 0;
    try (Connection connection = database.getConnection()) {
      if (!timescaleDb(connection)) {
        deleted += delete(connection, "delete from reading where ts < least(now(), (select max(ts) from reading)) - ?::interval", readings);
      }
      deleted += delete(connection,
          "delete from indicator_value where period_type = 'hour' and period_start < least(now(), "
              + "(select max(period_start) from indicator_value where period_type = 'hour')) - ?::interval", hourlyIndicators);
    }
    return deleted;
  }

  private static long delete(Connection connection, String sql, String interval) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, interval);
      return statement.executeUpdate();
    }
  }

  private static boolean timescaleDb(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select 1 from pg_extension where extname = 'timescaledb'")) {
      return result.next();
    }
  }
}
