package io.parkloop.storage;

import static io.parkloop.storage.ColumnArrays.instant;
import static io.parkloop.storage.ColumnArrays.number;
import static io.parkloop.storage.ColumnArrays.text;

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
    ColumnArrays.execute(connection, SQL, rows, text(IndicatorRecord::scopeType), text(IndicatorRecord::scopeId),
        text(IndicatorRecord::periodType), instant(IndicatorRecord::periodStart), text(IndicatorRecord::indicator),
        number(IndicatorRecord::value), text(IndicatorRecord::unit));
  }
}
