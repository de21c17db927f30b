package io.parkloop.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import javax.sql.DataSource;

/**
 * How long the big tables keep their rows (issue: raw normalised readings 13 months, and the
 * equipment's readings as long; hourly indicators 3 years, daily and coarser forever), as
 * PostgreSQL intervals. On TimescaleDB with
 * TSL, migration V13 turns the readings' interval into a retention policy; {@link #apply} removes
 * the older readings where no such policy runs (the Apache edition: {@code drop_chunks} for whole
 * chunks, then a delete for the rest; plain PostgreSQL: a delete), and the hourly indicator rows
 * in any case (they share their table with the rows kept forever, so no chunk can simply be
 * dropped).
 *
 * <p>Age is measured back from the newest row of the table, or from now if that is earlier: a
 * replay of last year's data, or a test's fixed data set, is not wiped as the calendar moves on,
 * while live data ages by the clock as usual. (TSL's retention policy counts from now: it ages
 * live data only.)
 */
public record Retention(String readings, String hourlyIndicators) {
  public static final Retention DEFAULT = new Retention("13 months", "3 years");
  /** The moment the readings' age counts from: now, or the newest reading if that is earlier. */
  private static final String NEWEST_READING = "least(now(), (select max(ts) from reading))";

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
      if (!readingsHaveARetentionPolicy(connection)) {
        if (timescaleDb(connection)) {
          deleted += droppedChunkRows(connection);
        }
        deleted += delete(connection, "delete from reading where ts < " + NEWEST_READING + " - ?::interval", readings);
      }
      // a plain table on every engine (V21): no policy deletes its rows
      deleted += delete(connection, "delete from equipment_reading where ts < least(now(), "
          + "(select max(ts) from equipment_reading)) - ?::interval", readings);
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

  /**
   * Drops the chunks of {@code reading} that hold only rows past retention; returns how many rows
   * they held. One transaction, so that the count and the drop see the same now() and chunks.
   */
  private long droppedChunkRows(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    try {
      long rows = countAndDropOldChunks(connection);
      connection.commit();
      return rows;
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private long countAndDropOldChunks(Connection connection) throws SQLException {
    // the cutoff first, on its own: drop_chunks refuses to drop a chunk that its own statement reads
    Timestamp cutoff;
    try (PreparedStatement select = connection.prepareStatement("select " + NEWEST_READING + " - ?::interval")) {
      select.setString(1, readings);
      try (ResultSet result = select.executeQuery()) {
        result.next();
        cutoff = result.getTimestamp(1);
      }
    }
    long rows = 0;
    try (PreparedStatement old = connection.prepareStatement(
        "select chunk from show_chunks('reading', older_than => ?::timestamptz) chunk")) {
      old.setTimestamp(1, cutoff);
      try (ResultSet chunks = old.executeQuery()) {
        while (chunks.next()) {
          try (Statement count = connection.createStatement();
              ResultSet n = count.executeQuery("select count(*) from " + chunks.getString(1))) {
            n.next();
            rows += n.getLong(1);
          }
        }
      }
    }
    try (PreparedStatement drop = connection.prepareStatement(
        "select drop_chunks('reading', older_than => ?::timestamptz)")) {
      drop.setTimestamp(1, cutoff);
      drop.execute();
    }
    return rows;
  }

  private static boolean readingsHaveARetentionPolicy(Connection connection) throws SQLException {
    if (!timescaleDb(connection)) {
      return false;
    }
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("""
            select 1 from timescaledb_information.jobs
            where proc_name = 'policy_retention' and hypertable_name = 'reading'""")) {
      return result.next();
    }
  }

  private static boolean timescaleDb(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select 1 from pg_extension where extname = 'timescaledb'")) {
      return result.next();
    }
  }
}
