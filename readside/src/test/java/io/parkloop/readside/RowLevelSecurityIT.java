package io.parkloop.readside;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.embedded.DatabaseEngine;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** {@link RowLevelSecurityChecks} on plain PostgreSQL, and a database that V4 made gaining the roles. */
class RowLevelSecurityIT extends RowLevelSecurityChecks {
  @Override
  DatabaseEngine engine() {
    return DatabaseEngine.POSTGRESQL;
  }

  @Test
  void aDatabaseOfTheVersionBeforeGainsTheRolesAndKeepsItsRows() throws SQLException {
    DataSource upgraded = TestPostgres.database("rls_upgrade");
    Flyway.configure(Migrations.class.getClassLoader()).dataSource(upgraded).locations("classpath:db/migration")
        .target("4").skipDefaultCallbacks(true).load().migrate();
    try (Connection connection = upgraded.getConnection()) {
      execute(connection, """
          insert into park values ('OLD', 'Old park', 'City', 'south', 'national', 1), ('NEW', 'New', 'C', 's', 'national', 1);
          insert into indicator_value (scope_type, scope_id, period_type, period_start, indicator, value, unit)
          values ('park', 'OLD', 'day', '2026-01-01T00:00+08', 'energy_tce', 4, 'tce'),
                 ('park', 'NEW', 'day', '2026-01-01T00:00+08', 'energy_tce', 5, 'tce')""");
    }
    assertThat(Migrations.migrate(upgraded)).isPositive();
    DatabaseRoles.addParkManager(upgraded, "rls_old_manager", "OLD");
    try (Connection connection = upgraded.getConnection()) {
      connection.setAutoCommit(false);
      DatabaseRoles.setLocalRole(connection, DatabaseRoles.STATISTICIAN);
      assertThat(strings(connection, "select scope_id from indicator_value order by 1")).containsExactly("NEW", "OLD");
      connection.rollback();
      DatabaseRoles.setLocalRole(connection, "rls_old_manager");
      assertThat(strings(connection, "select scope_id || ':' || value from indicator_value")).containsExactly("OLD:4");
      connection.rollback();
    }
  }
}
