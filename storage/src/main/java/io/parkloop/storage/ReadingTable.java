package io.parkloop.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;

/** Idempotent upserts of normalised readings: the same meter and instant twice is one row, the larger value. */
public final class ReadingTable {
  private ReadingTable() {}

  public static void upsert(Connection connection, Collection<ReadingRecord> rows) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        insert into reading (meter, ts, value, received_at) values (?, ?, ?, ?)
        on conflict (meter, ts) do update set value = greatest(reading.value, excluded.value)
        where excluded.value > reading.value""")) {
      for (ReadingRecord row : rows) {
        statement.setString(1, row.meter());
        statement.setTimestamp(2, Timestamp.from(row.ts()));
        statement.setDouble(3, row.value());
        statement.setTimestamp(4, Timestamp.from(row.receivedAt()));
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }
}
