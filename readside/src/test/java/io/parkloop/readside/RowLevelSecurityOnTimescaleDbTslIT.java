package io.parkloop.readside;

import io.parkloop.embedded.DatabaseEngine;

/** {@link RowLevelSecurityChecks} on TimescaleDB with TSL (PGlite), reading's old chunks compressed by its policy. */
class RowLevelSecurityOnTimescaleDbTslIT extends RowLevelSecurityChecks {
  @Override
  DatabaseEngine engine() {
    return DatabaseEngine.TIMESCALEDB_TSL;
  }
}
