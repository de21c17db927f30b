package io.parkloop.readside;

import io.parkloop.embedded.DatabaseEngine;

/** {@link RowLevelSecurityChecks} on TimescaleDB's Apache edition (Debian trixie): chunks of indicator_value and reading. */
class RowLevelSecurityOnTimescaleDbApacheIT extends RowLevelSecurityChecks {
  @Override
  DatabaseEngine engine() {
    return DatabaseEngine.TIMESCALEDB_APACHE;
  }
}
