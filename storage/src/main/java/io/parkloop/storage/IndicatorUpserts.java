package io.parkloop.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Writes indicator values as idempotent upserts, the whole batch in one set-based statement
 * ({@link ColumnArrays}), so writing the same values again (a replay, a restart) changes nothing:
 * a row whose value and unit are unchanged is not touched and keeps its {@code updated_at}.
 */
public final class IndicatorUpserts {
  private static final String SQL = """
      insert into indicator_value (scope_type, scope_id, period_type, period_start, indicator, value, unit)
      select scope_type, scope_id, period_type, %s, indicator, value, unit
      from unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::float8[], ?::text[])
        as batch (scope_type, scope_id, period_type, period_start, indicator, value, unit)
      on conflict (scope_type, scope_id, period_type, indicator, period_start) do update
      set value = excluded.value, unit = excluded.unit, updated_at = now()
      where indicator_value.value is distinct from excluded.value or indicator_value.unit is distinct from excluded.unit"""
      .formatted(ColumnArrays.TIMESTAMP.formatted("batch.period_start"));

  private IndicatorUpserts() {}

  /** Upserts the rows in one statement; a row key must not appear twice in {@code rows}. */
  public static void upsert(Connection connection, Collection<IndicatorRecord> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    int n = rows.size();
    String[] scopeTypes = new String[n];
    String[] scopeIds = new String[n];
    String[] periodTypes = new String[n];
    long[] periodStarts = new long[n];
    String[] indicators = new String[n];
    double[] values = new double[n];
    String[] units = new String[n];
    int i = 0;
    for (IndicatorRecord row : rows) {
      scopeTypes[i] = row.scopeType();
      scopeIds[i] = row.scopeId();
      periodTypes[i] = row.periodType();
      periodStarts[i] = ColumnArrays.micros(row.periodStart());
      indicators[i] = row.indicator();
      values[i] = row.value();
      units[i] = row.unit();
      i++;
    }
    ColumnArrays.execute(connection, SQL, scopeTypes, scopeIds, periodTypes, periodStarts, indicators, values, units);
  }
}
