package io.parkloop.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;

/**
 * Writes indicator values as idempotent upserts: multi-row {@code INSERT … ON CONFLICT DO UPDATE}
 * statements, so writing the same values again (a replay, a restart) changes nothing.
 */
public final class IndicatorUpserts {
  private IndicatorUpserts() {}

  /** Upserts the rows in one transaction; a row key must not appear twice in {@code rows}. */
  public static void upsert(Connection connection, Collection<IndicatorRecord> rows) throws SQLException {
    MultiRowUpserts.upsert(connection, rows, IndicatorUpserts::sql, (statement, p, row) -> {
      statement.setString(p++, row.scopeType());
      statement.setString(p++, row.scopeId());
      statement.setString(p++, row.periodType());
      statement.setTimestamp(p++, Timestamp.from(row.periodStart()));
      statement.setString(p++, row.indicator());
      statement.setDouble(p++, row.value());
      statement.setString(p++, row.unit());
      return p;
    });
  }

  private static String sql(int rows) {
    StringBuilder sql = new StringBuilder(
        "insert into indicator_value (scope_type, scope_id, period_type, period_start, indicator, value, unit) values ");
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?)");
    }
    return sql.append(" on conflict (scope_type, scope_id, period_type, indicator, period_start) do update")
        .append(" set value = excluded.value, unit = excluded.unit, updated_at = now()")
        .append(" where indicator_value.value is distinct from excluded.value")
        .append(" or indicator_value.unit is distinct from excluded.unit")
        .toString();
  }
}
