package io.parkloop.storage.flows;

import static io.parkloop.storage.ColumnArrays.instant;
import static io.parkloop.storage.ColumnArrays.number;
import static io.parkloop.storage.ColumnArrays.text;

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
    ColumnArrays.execute(connection, SQL, rows, text(FlowRecord::park), text(FlowRecord::periodType),
        instant(FlowRecord::periodStart), text(FlowRecord::source), text(FlowRecord::target),
        text(FlowRecord::direction), text(FlowRecord::flow), number(FlowRecord::value), text(FlowRecord::unit));
  }
}
