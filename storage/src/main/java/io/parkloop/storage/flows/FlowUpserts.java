package io.parkloop.storage.flows;

import io.parkloop.storage.ColumnArrays;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Writes material flows as idempotent upserts, like the indicator rows: the whole batch in one
 * set-based statement ({@link ColumnArrays}), and the same values again change nothing.
 */
public final class FlowUpserts {
  private static final String SQL = """
      insert into material_flow (park_id, period_type, period_start, source, target, direction, flow, value, unit)
      select park_id, period_type, %s, source, target, direction, flow, value, unit
      from unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::text[])
        as batch (park_id, period_type, period_start, source, target, direction, flow, value, unit)
      on conflict (park_id, period_type, period_start, source, target, flow) do update
      set value = excluded.value, unit = excluded.unit, direction = excluded.direction, updated_at = now()
      where material_flow.value is distinct from excluded.value or material_flow.direction is distinct from excluded.direction"""
      .formatted(ColumnArrays.TIMESTAMP.formatted("batch.period_start"));

  private FlowUpserts() {}

  /** Upserts the rows in one statement; a row key must not appear twice in {@code rows}. */
  public static void upsert(Connection connection, Collection<FlowRecord> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    int n = rows.size();
    String[] parks = new String[n];
    String[] periodTypes = new String[n];
    long[] periodStarts = new long[n];
    String[] sources = new String[n];
    String[] targets = new String[n];
    String[] directions = new String[n];
    String[] flows = new String[n];
    double[] values = new double[n];
    String[] units = new String[n];
    int i = 0;
    for (FlowRecord row : rows) {
      parks[i] = row.park();
      periodTypes[i] = row.periodType();
      periodStarts[i] = ColumnArrays.micros(row.periodStart());
      sources[i] = row.source();
      targets[i] = row.target();
      directions[i] = row.direction();
      flows[i] = row.flow();
      values[i] = row.value();
      units[i] = row.unit();
      i++;
    }
    ColumnArrays.execute(connection, SQL, parks, periodTypes, periodStarts, sources, targets, directions, flows, values,
        units);
  }
}
