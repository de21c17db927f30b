package io.parkloop.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;

/** Idempotent inserts of late readings and data-quality events (a second insert of the same key is ignored). */
public final class EventTables {
  private EventTables() {}

  public static void insertLateReadings(Connection connection, Collection<LateReadingRecord> rows) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        insert into late_reading (meter, ts, value, received_at, watermark) values (?, ?, ?, ?, ?)
        on conflict (meter, ts) do nothing""")) {
      for (LateReadingRecord row : rows) {
        statement.setString(1, row.meter());
        statement.setTimestamp(2, Timestamp.from(row.ts()));
        statement.setDouble(3, row.value());
        statement.setTimestamp(4, Timestamp.from(row.receivedAt()));
        statement.setTimestamp(5, Timestamp.from(row.watermark()));
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  public static void insertQualityEvents(Connection connection, Collection<QualityEventRecord> rows) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        insert into data_quality_event (meter, ts, kind, detail) values (?, ?, ?, ?)
        on conflict (meter, ts, kind) do nothing""")) {
      for (QualityEventRecord row : rows) {
        statement.setString(1, row.meter());
        statement.setTimestamp(2, Timestamp.from(row.ts()));
        statement.setString(3, row.kind());
        statement.setString(4, row.detail());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }
}
