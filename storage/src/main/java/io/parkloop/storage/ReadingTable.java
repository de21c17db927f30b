package io.parkloop.storage;

import static io.parkloop.storage.ColumnArrays.instant;
import static io.parkloop.storage.ColumnArrays.number;
import static io.parkloop.storage.ColumnArrays.text;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Idempotent writes of normalised readings: the same meter and instant twice is one row, the
 * larger value. The whole batch goes in one set-based statement ({@link ColumnArrays}), never
 * upserted one by one; a meter and instant that comes twice in one batch is merged first (the
 * larger value, the earlier arrival), since one statement may not touch a row twice.
 */
public final class ReadingTable {
  private static final String SQL = """
      insert into reading (meter, ts, value, received_at)
      select meter, %s, max(value), %s
      from unnest(?::text[], ?::bigint[], ?::float8[], ?::bigint[]) as batch (meter, ts, value, received_at)
      group by meter, ts
      on conflict (meter, ts) do update set value = excluded.value
      where excluded.value > reading.value"""
      .formatted(ColumnArrays.TIMESTAMP.formatted("batch.ts"), ColumnArrays.TIMESTAMP.formatted("min(batch.received_at)"));

  private ReadingTable() {}

  public static void upsert(Connection connection, Collection<ReadingRecord> rows) throws SQLException {
    ColumnArrays.execute(connection, SQL, rows, text(ReadingRecord::meter), instant(ReadingRecord::ts),
        number(ReadingRecord::value), instant(ReadingRecord::receivedAt));
  }
}
