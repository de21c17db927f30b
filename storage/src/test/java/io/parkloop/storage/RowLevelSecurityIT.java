package io.parkloop.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkloop.embedded.LocalPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.postgresql.ds.PGSimpleDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roles of migration V10 on a real PostgreSQL 17: two parks, PARKX and PARKY, with rows in
 * every table; X's manager logs in and looks through every table and view the schema has (read from
 * pg_catalog, so a table a later migration adds is checked too) and finds no row of Y. Every
 * row of Y names "parky" somewhere (ids, topics, role names), so "a row of Y" is any row whose
 * text contains it.
 */
class RowLevelSecurityIT {
  private static final String MANAGER_X = "rls_parkx_manager";
  private static final String MANAGER_Y = "rls_parky_manager";
  private static final String Y_MARKER = "parky";
  private static final String INSUFFICIENT_PRIVILEGE = "42501";
  /** Tables whose park-X rows the seed puts in, so X's manager must see some (the policy is not "nothing"). */
  private static final Set<String> TABLES_WITH_X_ROWS = Set.of("park", "enterprise", "meter", "indicator_value",
      "late_reading", "reading", "data_quality_event", "dead_letter", "alerts", "park_manager", "outlet", "outlet_limit", "permit",
      "target", "park_version", "meter_version", "material_flow");

  @TempDir static Path dataDir;
  private static LocalPostgres postgres;
  private static DataSource database;

  @BeforeAll
  static void seedTwoParksInEveryTable() throws SQLException {
    postgres = LocalPostgres.start(dataDir.resolve("postgres"), 0);
    postgres.createDatabase("rls");
    database = postgres.dataSource("rls");
    Migrations.migrate(database);
    execute("""
        insert into park values ('PARKX', 'Park X', 'CityPARKX', 'south', 'national', 10),
                                ('PARKY', 'Park Y', 'CityPARKY', 'north', 'provincial', 20);
        insert into enterprise values ('PARKX-E1', 'PARKX', 'X one', 'chemicals'), ('PARKY-E1', 'PARKY', 'Y one', 'steel');
        insert into meter values ('PARKX-E1-M1', 'PARKX-E1', 'electricity', 'cumulative', 'kWh'),
                                 ('PARKY-E1-M1', 'PARKY-E1', 'electricity', 'cumulative', 'kWh');
        insert into indicator_value (scope_type, scope_id, period_type, period_start, indicator, value, unit) values
          ('park', 'PARKX', 'day', '2026-03-01T00:00+08', 'energy_tce', 1, 'tce'),
          ('park', 'PARKY', 'day', '2026-03-01T00:00+08', 'energy_tce', 2, 'tce'),
          ('enterprise', 'PARKX-E1', 'day', '2026-03-01T00:00+08', 'energy_tce', 1, 'tce'),
          ('enterprise', 'PARKY-E1', 'day', '2026-03-01T00:00+08', 'energy_tce', 2, 'tce'),
          ('city', 'CityPARKX', 'day', '2026-03-01T00:00+08', 'energy_tce', 1, 'tce'),
          ('city', 'CityPARKY', 'day', '2026-03-01T00:00+08', 'energy_tce', 2, 'tce'),
          ('region', 'south', 'day', '2026-03-01T00:00+08', 'energy_tce', 1, 'tce'),
          ('level', 'national', 'day', '2026-03-01T00:00+08', 'energy_tce', 1, 'tce'),
          ('province', 'JS', 'day', '2026-03-01T00:00+08', 'energy_tce', 3, 'tce');
        insert into late_reading values ('PARKX-E1-M1', '2026-03-01T00:00Z', 1, now(), now()),
                                        ('PARKY-E1-M1', '2026-03-01T00:00Z', 1, now(), now());
        insert into reading values ('PARKX-E1-M1', '2026-03-01T00:00Z', 1, now()),
                                   ('PARKY-E1-M1', '2026-03-01T00:00Z', 1, now());
        insert into data_quality_event values ('PARKX-E1-M1', '2026-03-01T00:00Z', 'counter_reset', 'from 9 to 1'),
                                              ('PARKY-E1-M1', '2026-03-01T00:00Z', 'counter_reset', 'from 9 to 1');
        insert into dead_letter (received_at, source, reason, detail, payload) values
          (now(), 'mqtt:parkloop/v1/readings/PARKX-E1/PARKX-E1-M1', 'bad_json', 'x', '\\x00'),
          (now(), 'mqtt:parkloop/v1/readings/PARKY-E1/PARKY-E1-M1', 'bad_json', 'parky', '\\x00'),
          (now(), 'file:parky.jsonl:3', 'bad_json', 'from a replay of park Y', '\\x00'),
          (now(), 'tcp:10.0.0.9:50000', 'bad_crc', 'analyser of PARKY-E1', '\\x00');
        insert into alerts (id, kind, scope_type, scope_id, factor, severity, opened_at) values
          ('a1', 'silence', 'enterprise', 'PARKX-E1', null, 'warning', now()),
          ('a2', 'silence', 'enterprise', 'PARKY-E1', null, 'warning', now()),
          ('a3', 'silence', 'meter', 'PARKY-E1-M1', null, 'warning', now()),
          ('a4', 'concentration', 'outlet', 'PARKY-E1-WW1', 'w01018', 'critical', now()),
          ('a5', 'concentration', 'outlet', 'PARKX-E1-WW1', 'w01018', 'critical', now());
        insert into outlet values ('PARKX-E1-WW1', 'PARKX-E1', 'water', 'MN-X-1'), ('PARKY-E1-WW1', 'PARKY-E1', 'water', 'MN-Y-1');
        insert into outlet_limit values ('PARKX-E1-WW1', 'w01018', 50), ('PARKY-E1-WW1', 'w01018', 60);
        insert into permit values ('PARKX-E1', 'w01018', 10), ('PARKY-E1', 'w01018', 20);
        insert into target values ('PARKX', 2026, 'energy_output_rate', 2.5), ('PARKY', 2026, 'energy_output_rate', 3);
        insert into park_version (park_id, valid_from, name, city, region, level, land_area_km2)
          select id, '-infinity', name, city, region, level, land_area_km2 from park;
        insert into meter_version (meter_id, valid_from, enterprise_id, medium, reading, unit, tce_per_unit)
          select id, '-infinity', enterprise_id, medium, reading, unit, tce_per_unit from meter;
        insert into material_flow (park_id, period_type, period_start, source, target, direction, flow, value, unit) values
          ('PARKX', 'month', '2026-03-01T00:00+08', 'outside', 'PARKX-E1', 'in', 'raw_coal_t', 5, 't'),
          ('PARKY', 'month', '2026-03-01T00:00+08', 'outside', 'PARKY-E1', 'in', 'raw_coal_t', 7, 't');
        -- a view made the usual way (security definer semantics): the migrations make it the caller's
        create view rls_probe_park_figures as
          select p.id, p.city, v.indicator, v.value from park p join indicator_value v on v.scope_id = p.id;
        """);
    DatabaseRoles.addParkManager(database, MANAGER_X, "PARKX");
    DatabaseRoles.addParkManager(database, MANAGER_Y, "PARKY");
    ApiTokens.issueForParkManager(database, MANAGER_Y, "parky's token");
    Migrations.migrate(database); // nothing pending: only the after-migrate step, which covers the new view
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  @Test
  void parkXsManagerSeesNoRowOfParkYInAnyTableOrView() throws SQLException {
    List<String> relations = relationsOfTheSchema();
    assertThat(relations).contains("park", "indicator_value", "alerts", "dead_letter", "rls_probe_park_figures");
    List<String> checked = new ArrayList<>();
    for (String relation : relations) {
      Optional<Long> seen = asLogin(MANAGER_X, c -> rowsOfParkYIfReadable(c, relation));
      if (seen.isEmpty()) {
        continue; // no privilege on it (or on a table under the view): nothing of Y to see
      }
      long seeded = asOwner(c -> countRows(c, relation, true));
      assertThat(seeded)
          .as("%s is readable by park managers: seed rows of PARKY into it in this test, so that its isolation is proven",
              relation)
          .isPositive();
      assertThat(seen.get()).as("rows of PARKY that PARKX's manager sees in %s", relation).isZero();
      checked.add(relation);
    }
    assertThat(checked).as("relations PARKX's manager may read").containsAll(TABLES_WITH_X_ROWS)
        .contains("rls_probe_park_figures");
  }

  @Test
  void parkXsManagerSeesTheOwnParksRows() throws SQLException {
    for (String table : TABLES_WITH_X_ROWS) {
      long seen = asLogin(MANAGER_X, c -> countRows(c, table, false));
      assertThat(seen).as("rows PARKX's manager sees in %s", table)
          .isPositive();
    }
    assertThat(stringsAs(MANAGER_X, "select scope_type || ':' || scope_id from indicator_value"))
        .containsExactlyInAnyOrder("park:PARKX", "enterprise:PARKX-E1");
    assertThat(stringsAs(MANAGER_X, "select source from dead_letter"))
        .containsExactly("mqtt:parkloop/v1/readings/PARKX-E1/PARKX-E1-M1");
    assertThat(stringsAs(MANAGER_X, "select id || ':' || value from rls_probe_park_figures"))
        .containsExactly("PARKX:1");
    assertThat(stringsAs(MANAGER_X, "select id from alerts")).as("the own enterprise's and outlet's alerts")
        .containsExactlyInAnyOrder("a1", "a5");
    assertThat(stringsAs(MANAGER_X, "select park_id || ' ' || meter_id from park_on('2026-03-01'), meter_on('2026-03-01')"))
        .as("V5's functions run under the caller's policies").containsExactly("PARKX PARKX-E1-M1");
  }

  @Test
  void aManagerCannotBecomeAnotherRole() {
    for (String other : List.of(MANAGER_Y, DatabaseRoles.STATISTICIAN, DatabaseRoles.READER, DatabaseRoles.WRITER)) {
      assertThatThrownBy(() -> asLogin(MANAGER_X, c -> execute(c, "set role " + other)))
          .as("set role %s", other).isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
    }
  }

  @Test
  void readersStatisticiansAndManagersCannotWrite() {
    for (String role : List.of(DatabaseRoles.READER, DatabaseRoles.STATISTICIAN, MANAGER_Y)) {
      for (String write : List.of(
          "insert into park values ('PARKZ', 'Z', 'Z', 'south', 'national', 1)",
          "update indicator_value set value = 0",
          "delete from alerts",
          "insert into api_token values ('0', 'parkloop_statistician', 'mine')")) {
        assertThatThrownBy(() -> asRole(role, c -> execute(c, write)))
            .as("%s: %s", role, write).isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
      }
    }
  }

  @Test
  void theWriterWritesDataButNotLoginsOrTokens() throws SQLException {
    int updated = asRole(DatabaseRoles.WRITER, c -> execute(c, "update indicator_value set value = value + 1"));
    assertThat(updated).isEqualTo(9);
    assertThatThrownBy(() -> asRole(DatabaseRoles.WRITER, c -> execute(c, "select * from api_token")))
        .hasMessageContaining("permission denied");
    assertThatThrownBy(() -> asRole(DatabaseRoles.WRITER, c -> execute(c, "delete from park_manager")))
        .hasMessageContaining("permission denied");
  }

  @Test
  void theStatisticianSeesEveryRow() throws SQLException {
    for (String table : TABLES_WITH_X_ROWS) {
      long seen = asRole(DatabaseRoles.STATISTICIAN, c -> countRows(c, table, false));
      long all = asOwner(c -> countRows(c, table, false));
      assertThat(seen).as(table).isEqualTo(all);
    }
  }

  @Test
  void anExistingRoleThatIsNoParkManagerCannotBeMadeOne() {
    assertThatThrownBy(() -> DatabaseRoles.addParkManager(database, LocalPostgres.USER, "PARKX"))
        .hasMessageContaining("exists and is not a park manager");
    assertThatThrownBy(() -> DatabaseRoles.addParkManager(database, DatabaseRoles.READER, "PARKX"))
        .hasMessageContaining("exists and is not a park manager");
  }

  @Test
  void aDatabaseOfTheVersionBeforeGainsTheRolesAndKeepsItsRows() throws SQLException {
    postgres.createDatabase("rls_upgrade");
    DataSource upgraded = postgres.dataSource("rls_upgrade");
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

  /** Tables, partitioned tables, views, materialized views and foreign tables of the schema. */
  private static List<String> relationsOfTheSchema() throws SQLException {
    return asOwner(c -> strings(c, """
        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm', 'f') order by 1"""));
  }

  private static List<String> stringsAs(String login, String query) throws SQLException {
    return asLogin(login, c -> strings(c, query));
  }

  /** Rows of park Y in the relation, or empty when the connection's role may not read it. */
  private static Optional<Long> rowsOfParkYIfReadable(Connection connection, String relation) throws SQLException {
    try {
      return Optional.of(countRows(connection, relation, true));
    } catch (SQLException e) {
      if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Rows of the relation, only those that mention park Y if {@code ofParkY}. */
  private static long countRows(Connection connection, String relation, boolean ofParkY) throws SQLException {
    String where = ofParkY ? " where lower(t::text) like '%" + Y_MARKER + "%'" : "";
    return Long.parseLong(strings(connection, "select count(*) from " + relation + " t" + where).get(0));
  }

  private static List<String> strings(Connection connection, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private static int execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
      return Math.max(statement.getUpdateCount(), 0);
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = database.getConnection()) {
      execute(connection, sql);
    }
  }

  private interface Work<T> {
    T on(Connection connection) throws SQLException;
  }

  private static <T> T asOwner(Work<T> work) throws SQLException {
    try (Connection connection = database.getConnection()) {
      return work.on(connection);
    }
  }

  /** Runs the work on a connection logged in as {@code login} (the embedded cluster trusts loopback logins). */
  private static <T> T asLogin(String login, Work<T> work) throws SQLException {
    PGSimpleDataSource asLogin = new PGSimpleDataSource();
    asLogin.setUrl(postgres.jdbcUrl("rls"));
    asLogin.setUser(login);
    try (Connection connection = asLogin.getConnection()) {
      return work.on(connection);
    }
  }

  /** Runs the work in a transaction under {@code role}, as ./parkloop serve does, and rolls it back. */
  private static <T> T asRole(String role, Work<T> work) throws SQLException {
    try (Connection connection = database.getConnection()) {
      connection.setAutoCommit(false);
      try {
        DatabaseRoles.setLocalRole(connection, role);
        return work.on(connection);
      } finally {
        connection.rollback();
      }
    }
  }
}
