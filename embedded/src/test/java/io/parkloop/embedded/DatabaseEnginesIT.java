package io.parkloop.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The two TimescaleDB engines are what they say. (Plain PostgreSQL is LocalPostgresIT's; the
 * storage and dashboard ITs run all three.)
 */
@ExtendWith(DatabaseEngines.class)
class DatabaseEnginesIT {
  @Test
  void debianTrixieRunsTheApacheEditionWithManyConnections(DatabaseEngines.ForClass databases) throws SQLException {
    TestDatabase database = databases.get(DatabaseEngine.TIMESCALEDB_APACHE);
    execute(database, "create extension if not exists timescaledb");

    assertThat(database.describe()).startsWith("PostgreSQL 17").contains("with TimescaleDB 2.").endsWith("(license apache)");
    try (Connection first = database.dataSource().getConnection();
        Connection second = database.dataSource().getConnection()) {
      assertThat(first.isValid(5) && second.isValid(5)).as("two sessions at once").isTrue();
    }
    execute(database, "create table t (ts timestamptz not null, v int)");
    assertThat(value(database, "select count(*) from create_hypertable('t', 'ts')")).isEqualTo("1");
  }

  @Test
  void pgliteRunsTimescaleDbWithTsl(DatabaseEngines.ForClass databases) throws SQLException {
    TestDatabase database = databases.get(DatabaseEngine.TIMESCALEDB_TSL);
    execute(database, "create extension if not exists timescaledb");

    assertThat(database.describe()).startsWith("PostgreSQL 17").contains("with TimescaleDB 2.").endsWith("(license timescale)");
    execute(database, """
        create table c (ts timestamptz not null, meter text, v int);
        select create_hypertable('c', 'ts');
        alter table c set (timescaledb.compress, timescaledb.compress_segmentby = 'meter');
        insert into c values ('2026-01-01T00:00Z', 'M1', 1), ('2026-01-01T01:00Z', 'M1', 2);
        select compress_chunk(show_chunks('c'));
        """);
    assertThat(value(database, "select count(*) filter (where not is_compressed) || ' of ' || count(*)"
        + " from timescaledb_information.chunks where hypertable_name = 'c'")).as("uncompressed chunks").isEqualTo("0 of 1");
    assertThat(value(database, "select sum(v) from c")).as("still readable").isEqualTo("3");
  }

  private static void execute(TestDatabase database, String sql) throws SQLException {
    try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String value(TestDatabase database, String sql) throws SQLException {
    try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getString(1);
    }
  }
}
