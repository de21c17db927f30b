package io.parkloop.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.Iterator;

/**
 * Writes indicator values as idempotent upserts: multi-row {@code INSERT … ON CONFLICT DO UPDATE}
 * statements, so writing the same values again (a replay, a restart) changes nothing.
 */
public final class IndicatorUpserts {
  /** Rows per statement: 7 parameters each, far below PostgreSQL's 65,535 bind parameters. */
  public static final int ROWS_PER_STATEMENT = 500;

  private IndicatorUpserts() {}

  /** Upserts the rows in one transaction; a row key must not appear twice in {@code rows}. */
  public static void upsert(Connection connection, Collection<IndicatorRecord> rows) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      Iterator<IndicatorRecord> remaining = rows.iterator();
      int left = rows.size();
      while (left > 0) {
        int chunk = Math.min(left, ROWS_PER_STATEMENT);
        try (PreparedStatement statement = connection.prepareStatement(sql(chunk))) {
          int p = 1;
          for (int i = 0; i < chunk; i++) {
            IndicatorRecord row = remaining.next();
            statement.setString(p++, row.scopeType());
            statement.setString(p++, row.scopeId());
            statement.setString(p++, row.periodType());
            statement.setTimestamp(p++, Timestamp.from(row.periodStart()));
            statement.setString(p++, row.indicator());
            statement.setDouble(p++, row.value());
            statement.setString(p++, row.unit());
          }
          statement.executeUpdate();
        }
        left -= chunk;
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
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
