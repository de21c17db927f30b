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

  /**
   * Inserts each dead letter unless the table already holds it (same time of receipt, source,
   * reason, element and payload): the live job that copies the dead-letter topic into the table
   * reads again, after a restart, what it read since its last checkpoint.
   */
  public static void insertOnce(Connection connection, Collection<DeadLetterRecord> rows) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        insert into dead_letter (received_at, source, reason, detail, payload, element)
        select ?, ?, ?, ?, ?, ? where not exists (select 1 from dead_letter where reason = ? and received_at = ?
          and source = ? and element is not distinct from ? and payload = ?)""")) {
      for (DeadLetterRecord row : rows) {
        Timestamp receivedAt = Timestamp.from(row.receivedAt());
        statement.setTimestamp(1, receivedAt);
        statement.setString(2, row.source());
        statement.setString(3, row.reason());
        statement.setString(4, row.detail());
        statement.setBytes(5, row.payload());
        setElement(statement, 6, row.element());
        statement.setString(7, row.reason());
        statement.setTimestamp(8, receivedAt);
        statement.setString(9, row.source());
        setElement(statement, 10, row.element());
        statement.setBytes(11, row.payload());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private static void setElement(PreparedStatement statement, int index, Integer element) throws SQLException {
    if (element == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, element);
    }
  }
}
