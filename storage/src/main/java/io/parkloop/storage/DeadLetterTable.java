package io.parkloop.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Collection;

/** Writes dead letters to {@code dead_letter}. */
public final class DeadLetterTable {
  private DeadLetterTable() {}

  public static void insert(Connection connection, Collection<DeadLetterRecord> rows) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        insert into dead_letter (received_at, source, reason, detail, payload, element) values (?, ?, ?, ?, ?, ?)""")) {
      for (DeadLetterRecord row : rows) {
        statement.setTimestamp(1, Timestamp.from(row.receivedAt()));
        statement.setString(2, row.source());
        statement.setString(3, row.reason());
        statement.setString(4, row.detail());
        statement.setBytes(5, row.payload());
        if (row.element() == null) {
          statement.setNull(6, Types.INTEGER);
        } else {
          statement.setInt(6, row.element());
        }
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }
}
