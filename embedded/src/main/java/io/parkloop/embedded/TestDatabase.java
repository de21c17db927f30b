package io.parkloop.embedded;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** One test class's database on one engine. */
public record TestDatabase(DatabaseEngine engine, DataSource dataSource, String jdbcUrl) {
  /**
   * What the database really runs, read from it, like {@code PostgreSQL 17.5 … with TimescaleDB
   * 2.23.0-dev (license timescale)}: tests print it so that their output says where they ran.
   */
  public String describe() {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("""
            select split_part(version(), ' on ', 1),
                   coalesce((select extversion from pg_extension where extname = 'timescaledb'),
                            (select default_version || ', available' from pg_available_extensions where name = 'timescaledb')),
                   coalesce(' (license ' || current_setting('timescaledb.license', true) || ')', '')""")) {
      row.next();
      String postgres = row.getString(1);
      String timescaleDb = row.getString(2);
      return timescaleDb == null
          ? postgres + " without TimescaleDB"
          : postgres + " with TimescaleDB " + timescaleDb + row.getString(3);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot ask " + jdbcUrl + " what it runs", e);
    }
  }
}
