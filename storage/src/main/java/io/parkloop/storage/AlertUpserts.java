package io.parkloop.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Collection;

/**
 * Writes the alert job's output: upserts of alerts as they change and deletes of alerts that late
 * data withdrew, in one transaction. Writing the same batch again changes nothing.
 */
public final class AlertUpserts {
  private static final String UPSERT = """
      insert into alerts (id, kind, scope_type, scope_id, factor, severity, opened_at, closed_at, peak_value,
                          limit_value, evidence)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      on conflict (id) do update set
        kind = excluded.kind, scope_type = excluded.scope_type, scope_id = excluded.scope_id,
        factor = excluded.factor, severity = excluded.severity, opened_at = excluded.opened_at,
        closed_at = excluded.closed_at, peak_value = excluded.peak_value, limit_value = excluded.limit_value,
        evidence = excluded.evidence,
        -- an acknowledgement holds for the severity it was given at: an escalation needs a new one
        acknowledged_by = case when alerts.severity = excluded.severity then alerts.acknowledged_by end,
        acknowledged_at = case when alerts.severity = excluded.severity then alerts.acknowledged_at end,
        updated_at = now()
      where (alerts.severity, alerts.closed_at, alerts.peak_value, alerts.limit_value, alerts.evidence)
            is distinct from (excluded.severity, excluded.closed_at, excluded.peak_value, excluded.limit_value,
                              excluded.evidence)""";

  private AlertUpserts() {}

  public static void write(Connection connection, Collection<AlertRecord> upserts, Collection<String> withdrawnIds)
      throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
        for (AlertRecord alert : upserts) {
          statement.setString(1, alert.id());
          statement.setString(2, alert.kind());
          statement.setString(3, alert.scopeType());
          statement.setString(4, alert.scopeId());
          statement.setString(5, alert.factor());
          statement.setString(6, alert.severity());
          statement.setTimestamp(7, Timestamp.from(alert.openedAt()));
          statement.setTimestamp(8, alert.closedAt() == null ? null : Timestamp.from(alert.closedAt()));
          setDouble(statement, 9, alert.peakValue());
          setDouble(statement, 10, alert.limitValue());
          statement.setArray(11, connection.createArrayOf("text", alert.evidence().toArray()));
          statement.addBatch();
        }
        statement.executeBatch();
      }
      try (PreparedStatement statement = connection.prepareStatement("delete from alerts where id = ?")) {
        for (String id : withdrawnIds) {
          statement.setString(1, id);
          statement.addBatch();
        }
        statement.executeBatch();
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.DOUBLE);
    } else {
      statement.setDouble(index, value);
    }
  }
}
