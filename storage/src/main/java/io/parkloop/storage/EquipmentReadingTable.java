package io.parkloop.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;

/**
 * Idempotent upserts of the equipment's values (migration V21). A value sent twice for the same
 * instant (a device's re-upload) is one row: the later received wins, on a tie the larger value,
 * so the row is the same whatever order the two arrive in.
 */
public final class EquipmentReadingTable {
  private EquipmentReadingTable() {}

  public static void upsert(Connection connection, Collection<EquipmentReadingRecord> rows) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        insert into equipment_reading (outlet_id, code, kind, period, ts, quantity, value, flag, received_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
        on conflict (outlet_id, code, quantity, kind, period, ts) do update
          set value = excluded.value, flag = excluded.flag,
              received_at = excluded.received_at
          where (excluded.received_at, excluded.value) > (equipment_reading.received_at, equipment_reading.value)""")) {
      for (EquipmentReadingRecord row : rows) {
        statement.setString(1, row.outlet());
        statement.setString(2, row.code());
        statement.setString(3, row.kind());
        statement.setString(4, row.period());
        statement.setTimestamp(5, Timestamp.from(row.ts()));
        statement.setString(6, row.quantity());
        statement.setDouble(7, row.value());
        statement.setString(8, row.flag());
        statement.setTimestamp(9, Timestamp.from(row.receivedAt()));
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }
}
