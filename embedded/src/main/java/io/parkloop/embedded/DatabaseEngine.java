package io.parkloop.embedded;

/** The three engines parkloop's migrations and queries run on, each started for tests by {@link DatabaseEngines}. */
public enum DatabaseEngine {
  /** PostgreSQL 17 without TimescaleDB ({@link LocalPostgres}). */
  POSTGRESQL,
  /** TimescaleDB's Apache edition, Debian trixie's package ({@link DebianTimescaleDb}). */
  TIMESCALEDB_APACHE,
  /** TimescaleDB with its TSL part, as in deploy/ ({@link PgliteTimescaleDb}). */
  TIMESCALEDB_TSL
}
