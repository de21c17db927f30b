package io.parkloop.storage;

import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings a database to the current schema with the ordered files in {@code db/migration}. */
public final class Migrations {
  private Migrations() {}

  /** Applies the pending migrations and returns how many were applied. */
  public static int migrate(DataSource dataSource) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .placeholders(Map.of("readingsRetention", Retention.fromEnvironment().readings()))
        .load()
        .migrate()
        .migrationsExecuted;
  }
}
