package io.parkloop.storage.flows;

import io.parkloop.storage.MultiRowUpserts;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;

/** Writes material flows as idempotent upserts, like the indicator rows: the same values again change nothing. */
public final class FlowUpserts {
  private FlowUpserts() {}

  /** Upserts the rows in one transaction; a row key must not appear twice in {@code rows}. */
  public static void upsert(Connection connection, Collection<FlowRecord> rows) throws SQLException {
    MultiRowUpserts.upsert(connection, rows, FlowUpserts::sql, (statement, p, row) -> {
      statement.setString(p++, row.park());
      statement.setString(p++, row.periodType());
      statement.setTimestamp(p++, Timestamp.from(row.periodStart()));
      statement.setString(p++, row.source());
      statement.setString(p++, row.target());
      statement.setString(p++, row.direction());
      statement.setString(p++, row.flow());
      statement.setDouble(p++, row.value());
      statement.setString(p++, row.unit());
      return p;
    });
  }

  private static String sql(int rows) {
    StringBuilder sql = new StringBuilder("insert into material_flow (park_id, period_type, period_start, source,"
        + " target, direction, flow, value, unit) values ");
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?)");
    }
    return sql.append(" on conflict (park_id, period_type, period_start, source, target, flow) do update")
        .append(" set value = excluded.value, unit = excluded.unit, direction = excluded.direction, updated_at = now()")
        .append(" where material_flow.value is distinct from excluded.value")
        .append(" or material_flow.direction is distinct from excluded.direction")
        .toString();
  }
}
