package io.parkloop.dashboards;

import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * A fixed now() for the panel queries, so that their "today", "last 5 minutes" and durations up to
 * now do not depend on the day a test runs: a now() in schema fixed_clock, which a session finds
 * before the built-in one once its search_path names pg_catalog after fixed_clock (PostgreSQL
 * searches pg_catalog first only when the path does not name it).
 */
final class FixedClock {
  private FixedClock() {}

  static void install(DataSource database, Instant now) throws Exception {
    try (var connection = database.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("create schema fixed_clock");
      statement.execute("create function fixed_clock.now() returns timestamptz language sql immutable as $$ select '"
          + now + "'::timestamptz $$");
    }
  }

  /**
   * The fixed now() for every later session of the database, the jobs' sinks included, so that the
   * {@code updated_at = now()} they write is the fixed instant as well.
   */
  static void installForEverySession(DataSource database, Instant now) throws Exception {
    install(database, now);
    try (var connection = database.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("do $$ begin execute format('alter database %I set search_path to public, fixed_clock, "
          + "pg_catalog', current_database()); end $$");
    }
  }

  /** Makes the statement's session read the fixed now(). */
  static void use(Statement statement) throws Exception {
    statement.execute("set search_path to public, fixed_clock, pg_catalog");
  }
}
