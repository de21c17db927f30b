package io.parkloop.readside;

import io.parkloop.reference.Province;
import io.parkloop.storage.AlertRecord;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reading the {@code alerts} table and acknowledging alerts (the officers' side of the table). */
public final class AlertQueries {
  private AlertQueries() {}

  /** The alerts the filter selects, newest first. */
  public static List<AlertRecord> list(DataSource dataSource, AlertFilter filter) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return list(connection, filter);
    }
  }

  /** The alerts on a connection the caller holds, e.g. in a transaction under a reader's role (./parkloop serve). */
  public static List<AlertRecord> list(Connection connection, AlertFilter filter) throws SQLException {
    StringBuilder sql = new StringBuilder("""
        select id, kind, scope_type, scope_id, factor, severity, opened_at, closed_at, peak_value, limit_value,
               evidence, acknowledged_by, acknowledged_at
        from alerts where true""");
    List<Object> parameters = new ArrayList<>();
    if (filter.kind() != null) {
      sql.append(" and kind = ?");
      parameters.add(filter.kind());
    }
    if (filter.openOnly()) {
      sql.append(" and closed_at is null");
    }
    if (filter.to() != null) {
      sql.append(" and opened_at < ?");
      parameters.add(Timestamp.from(filter.to().plusDays(1).atStartOfDay(Province.ZONE).toInstant()));
    }
    if (filter.from() != null) {
      sql.append(" and (closed_at is null or closed_at >= ?)");
      parameters.add(Timestamp.from(filter.from().atStartOfDay(Province.ZONE).toInstant()));
    }
    sql.append(" order by opened_at desc, id");
    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      List<AlertRecord> alerts = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          alerts.add(new AlertRecord(result.getString("id"), result.getString("kind"), result.getString("scope_type"),
              result.getString("scope_id"), result.getString("factor"), result.getString("severity"),
              result.getTimestamp("opened_at").toInstant(), instant(result.getTimestamp("closed_at")),
              (Double) result.getObject("peak_value"), (Double) result.getObject("limit_value"),
              strings(result.getArray("evidence")), result.getString("acknowledged_by"),
              instant(result.getTimestamp("acknowledged_at"))));
        }
      }
      return alerts;
    }
  }

  /** Marks an alert as seen by {@code by}, now; false when there is no alert with that id. */
  public static boolean acknowledge(DataSource dataSource, String id, String by) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "update alerts set acknowledged_by = ?, acknowledged_at = now(), updated_at = now() where id = ?")) {
      statement.setString(1, by);
      statement.setString(2, id);
      return statement.executeUpdate() == 1;
    }
  }

  private static java.time.Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }
}
