package io.parkloop.readside;

import io.parkloop.storage.Retention;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings a database to the current schema with the ordered files in {@code db/migration}. */
public final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  /**
   * Flyway's checksum of V12 as first released. That text made {@code reading} a compressed
   * hypertable and then enabled row-level security on it, which TimescaleDB refuses, so it ran to
   * its end only on plain PostgreSQL, where its TimescaleDB part did nothing; V12 now leaves that
   * part to V13, and on plain PostgreSQL both texts make the same table. A database that ran the
   * first text therefore takes the new text's checksum instead of failing Flyway's validation.
   */
  static final int FIRST_V12_CHECKSUM = 513_543_063;
  /** Flyway's checksum of the V12 in db/migration now; MigrationsTest recomputes it from the file. */
  static final int V12_CHECKSUM = 1_778_793_076;

  private Migrations() {}

  /** Applies the pending migrations and returns how many were applied. */
  public static int migrate(DataSource dataSource) {
    acceptTheFirstV12(dataSource);
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .placeholders(Map.of("readingsRetention", Retention.fromEnvironment().readings()))
        .load()
        .migrate()
        .migrationsExecuted;
  }

  private static void acceptTheFirstV12(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      try (Statement statement = connection.createStatement();
          ResultSet history = statement.executeQuery("select to_regclass('flyway_schema_history') is not null")) {
        history.next();
        if (!history.getBoolean(1)) {
          return;
        }
      }
      try (PreparedStatement update = connection.prepareStatement(
          "update flyway_schema_history set checksum = ? where version = '12' and checksum = ? and success")) {
        update.setInt(1, V12_CHECKSUM);
        update.setInt(2, FIRST_V12_CHECKSUM);
        if (update.executeUpdate() > 0) {
          log.info("V12 ran in its first text here (plain PostgreSQL): it now has the checksum of its current text");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the database's migration history", e);
    }
  }
}
