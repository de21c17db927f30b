package io.parkloop.readside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkloop.embedded.DatabaseEngine;
import io.parkloop.embedded.DatabaseEngines;
import io.parkloop.embedded.LocalPostgres;
import io.parkloop.embedded.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The roles of migrations V10 and V13 on each engine (plain PostgreSQL, TimescaleDB's Apache
 * edition, TimescaleDB with TSL and `reading` compressed): two parks, PARKX and PARKY, with rows
 * in every table; X's manager logs in and looks through every table, view and TimescaleDB chunk
 * of every schema but PostgreSQL's own catalogs (read from pg_catalog, so a table a later
 * migration adds is checked too) and finds no row of Y. Every row of Y names "parky" somewhere
 * (ids, topics, role names), so "a row of Y" is any row whose text contains it.
 */
@ExtendWith(DatabaseEngines.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RowLevelSecurityChecks {
  private static final String MANAGER_X = "rls_parkx_manager";
  private static final String MANAGER_Y = "rls_parky_manager";
  private static final String Y_MARKER = "parky";
  private static final String INSUFFICIENT_PRIVILEGE = "42501";
  /** Tables the seed puts rows of both parks in. */
  private static final Set<String> TABLES_WITH_X_ROWS = Set.of("park", "enterprise", "meter", "indicator_value",
      "late_reading", "reading", "data_quality_event", "dead_letter", "alerts", "park_manager", "outlet", "outlet_limit", "permit",
      "target", "park_version", "meter_version", "material_flow", "equipment_reading");
  /**
   * What X's manager must see some rows of (the policy is not "nothing"): those tables, but the
   * readings through their view (V13: TimescaleDB allows no row-level security on a compressed table).
   */
  private static final Set<String> MANAGER_RELATIONS = Set.of("park", "enterprise", "meter", "indicator_value",
      "late_reading", "public.reading_of_own_park", "data_quality_event", "dead_letter", "alerts", "park_manager", "outlet",
      "outlet_limit", "permit", "target", "park_version", "meter_version", "material_flow", "equipment_reading");

  TestDatabase testDatabase;
  DataSource database;

  abstract DatabaseEngine engine();

  @BeforeAll
  void seedTwoParksInEveryTable(DatabaseEngines.ForClass databases) throws SQLException {
    testDatabase = databases.get(engine());
    database = testDatabase.dataSource();
    Migrations.migrate(database);
    System.out.println(getClass().getSimpleName() + " on " + testDatabase.describe());
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
        insert into equipment_reading (outlet_id, code, kind, period, ts, quantity, value, flag, received_at) values
          ('PARKX-E1-WW1', 'e30101', 'Avg', 'hour', '2026-03-01T00:00+08', 'power', 12.5, 'N', now()),
          ('PARKY-E1-WW1', 'e30101', 'Avg', 'hour', '2026-03-01T00:00+08', 'power', 0.4, 'N', now());
        -- a view made the usual way (security definer semantics): the migrations make it the caller's
        create view rls_probe_park_figures as
          select p.id, p.city, v.indicator, v.value from park p join indicator_value v on v.scope_id = p.id;
        """);
    DatabaseRoles.addParkManager(database, MANAGER_X, "PARKX");
    DatabaseRoles.addParkManager(database, MANAGER_Y, "PARKY");
    ApiTokens.issueForParkManager(database, MANAGER_Y, "parky's token");
    Migrations.migrate(database); // nothing pending: only the after-migrate step, which covers the new view
    if (engine() == DatabaseEngine.TIMESCALEDB_TSL) {
      // the readings of 2026-03-01 are older than the policy's week: checked below as compressed
      String job = asOwner(c -> strings(c, "select job_id from timescaledb_information.jobs"
          + " where hypertable_name = 'reading' and proc_name = 'policy_compression'")).get(0);
      execute("call run_job(" + job + ")");
    }
  }

  @Test
  void parkXsManagerSeesNoRowOfParkYInAnyTableViewOrChunk() throws SQLException {
    List<String> relations = relationsOfEverySchema();
    assertThat(relations).contains("public.park", "public.indicator_value", "public.alerts", "public.dead_letter",
        "public.rls_probe_park_figures", "public.reading_of_own_park");
    List<String> chunks = chunks();
    assertThat(relations).as("the chunks are among the relations checked").containsAll(chunks);
    List<String> checked = new ArrayList<>();
    for (String relation : relations) {
      Optional<Long> seen = asLogin(MANAGER_X, c -> rowsOfParkYIfReadable(c, relation));
      if (seen.isEmpty()) {
        continue; // no privilege on it (or on a table under the view): nothing of Y to see
      }
      long seeded = Math.max(asOwner(c -> countRows(c, relation, true)),
          asLogin(MANAGER_Y, c -> rowsOfParkYIfReadable(c, relation)).orElse(0L));
      if (seeded == 0 && !relation.startsWith("public.")) {
        continue; // TimescaleDB's catalogs and information views: readable by all, no park's rows in them
      }
      assertThat(seeded)
          .as("%s is readable by park managers: seed rows of PARKY into it in this test, so that its isolation is proven",
              relation)
          .isPositive();
      assertThat(seen.get()).as("rows of PARKY that PARKX's manager sees in %s", relation).isZero();
      checked.add(relation.substring(relation.indexOf('.') + 1));
    }
    assertThat(checked).as("relations PARKX's manager may read")
        .containsAll(MANAGER_RELATIONS.stream().map(r -> r.substring(r.indexOf('.') + 1)).toList())
        .contains("rls_probe_park_figures")
        .doesNotContain("reading");
  }

  @Test
  void chunksAreReadOnlyThroughTheirHypertables() throws SQLException {
    List<String> chunks = chunks();
    if (engine() == DatabaseEngine.POSTGRESQL) {
      assertThat(chunks).isEmpty();
      return;
    }
    assertThat(chunks).as("chunks of reading and indicator_value").anyMatch(c -> c.contains("_hyper_"));
    if (engine() == DatabaseEngine.TIMESCALEDB_TSL) {
      assertThat(chunks).as("compressed chunks of reading").anyMatch(c -> c.contains("compress_hyper_"));
      List<String> compressed = asOwner(c -> strings(c, "select count(*) from timescaledb_information.chunks"
          + " where hypertable_name = 'reading' and is_compressed"));
      assertThat(compressed).as("compressed reading chunks").doesNotContain("0");
    }
    // a chunk that an insert makes after the migrations: the statement trigger took the grant back
    execute("insert into indicator_value (scope_type, scope_id, period_type, period_start, indicator, value, unit)"
        + " values ('park', 'PARKY', 'day', '2031-01-01T00:00+08', 'energy_tce', 9, 'tce')");
    String newChunk = asOwner(c -> strings(c,
        "select show_chunks('indicator_value', newer_than => '2030-12-01'::timestamptz)")).get(0);
    execute("delete from indicator_value where period_start = '2031-01-01T00:00+08'");
    List<String> privileges = asOwner(c -> strings(c, "select has_table_privilege('parkloop_park_manager', '"
        + newChunk + "', 'select') || ' ' || has_table_privilege('parkloop_park_manager', 'indicator_value', 'select')"));
    assertThat(privileges).as("park managers on the new chunk %s, and on its hypertable", newChunk)
        .containsExactly("false true");
    for (String chunk : chunks) {
      long rows = asOwner(c -> countRows(c, chunk, false));
      assertThat(rows).as("the owner reads %s", chunk).isNotNegative();
      Optional<Long> seen = asLogin(MANAGER_X, c -> rowsOfParkYIfReadable(c, chunk));
      assertThat(seen).as("X's manager on %s", chunk).isEmpty();
    }
  }

  @Test
  void managersReadReadingsOnlyThroughTheirView() throws SQLException {
    Optional<Long> table = asLogin(MANAGER_X, c -> rowsOfParkYIfReadable(c, "reading"));
    assertThat(table).as("the table itself").isEmpty();
    assertThat(stringsAs(MANAGER_X, "select meter || ' ' || value from reading_of_own_park"))
        .containsExactly("PARKX-E1-M1 1");
    assertThat(stringsAs(MANAGER_Y, "select meter || ' ' || value from reading_of_own_park"))
        .containsExactly("PARKY-E1-M1 1");
    List<String> asOwner = asOwner(c -> strings(c, "select count(*) from reading_of_own_park"));
    assertThat(asOwner).as("no manager, no row").containsExactly("0");
  }

  @Test
  void parkXsManagerSeesTheOwnParksRows() throws SQLException {
    for (String table : MANAGER_RELATIONS) {
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

  /**
   * Tables, partitioned tables, views, materialized views and foreign tables of every schema but
   * PostgreSQL's own catalogs (which hold no park data), as {@code schema.name}: TimescaleDB's
   * chunks in {@code _timescaledb_internal} and its catalogs are among them.
   */
  private List<String> relationsOfEverySchema() throws SQLException {
    return asOwner(c -> strings(c, """
        select format('%I.%I', n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
          and c.relkind in ('r', 'p', 'v', 'm', 'f') order by 1"""));
  }

  /** TimescaleDB's chunks of reading and indicator_value, compressed ones included; none on plain PostgreSQL. */
  private List<String> chunks() throws SQLException {
    if (engine() == DatabaseEngine.POSTGRESQL) {
      return List.of();
    }
    return asOwner(c -> strings(c, """
        select format('%I.%I', chunk_schema, chunk_name) from timescaledb_information.chunks
        where hypertable_name in ('reading', 'indicator_value')
        union all
        select format('%I.%I', n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = '_timescaledb_internal' and c.relname like 'compress\\_hyper\\_%' and c.relkind = 'r'
        order by 1"""));
  }

  private List<String> stringsAs(String login, String query) throws SQLException {
    return asLogin(login, c -> strings(c, query));
  }

  /**
   * Rows of park Y in the relation, or empty when the connection's role may not read it: asked of
   * PostgreSQL first (the privilege on the relation and the use of its schema), then confirmed by
   * a query, which must fail for want of privilege (a view over a table the role may not read).
   */
  private static Optional<Long> rowsOfParkYIfReadable(Connection connection, String relation) throws SQLException {
    List<String> privileges = strings(connection, "select has_schema_privilege(relnamespace, 'usage')"
        + " and has_table_privilege(oid, 'select') from pg_class where oid = '" + relation + "'::regclass");
    if (privileges.equals(List.of("f"))) {
      return Optional.empty();
    }
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

  static List<String> strings(Connection connection, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  static int execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
      return Math.max(statement.getUpdateCount(), 0);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = database.getConnection()) {
      execute(connection, sql);
    }
  }

  private interface Work<T> {
    T on(Connection connection) throws SQLException;
  }

  private <T> T asOwner(Work<T> work) throws SQLException {
    try (Connection connection = database.getConnection()) {
      return work.on(connection);
    }
  }

  /** Runs the work on a connection logged in as {@code login} (the embedded clusters trust loopback logins). */
  private <T> T asLogin(String login, Work<T> work) throws SQLException {
    if (engine() == DatabaseEngine.TIMESCALEDB_TSL) {
      // PGlite has one session: it becomes the login's, as if logged in (session and current
      // user, privileges, policies); ending the turn resets it
      try (Connection connection = database.getConnection()) {
        execute(connection, "set session authorization " + login);
        return work.on(connection);
      }
    }
    PGSimpleDataSource asLogin = new PGSimpleDataSource();
    asLogin.setUrl(testDatabase.jdbcUrl());
    asLogin.setUser(login);
    try (Connection connection = asLogin.getConnection()) {
      return work.on(connection);
    }
  }

  /** Runs the work in a transaction under {@code role}, as ./parkloop serve does, and rolls it back. */
  private <T> T asRole(String role, Work<T> work) throws SQLException {
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
