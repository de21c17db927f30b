package io.parkloop.storage;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Keeps {@code park_version} and {@code meter_version} in step with the current {@code park} and
 * {@code meter} rows: a row whose values differ from the version in force on the given day (a
 * version dated later by reference.yaml, {@link DatedChanges}, is not yet in force) gets a new
 * version from that day; a row without versions gets its first, valid since always. A second change on
 * the same day replaces that day's version. Old versions are never changed, so the periods
 * before a change keep the land area or factor they were computed with.
 */
final class ReferenceVersions {
  static final String PARK_COLUMNS = "name, city, region, level, land_area_km2";
  static final String METER_COLUMNS =
      "enterprise_id, medium, reading, unit, rollover, interval_seconds, coal_factor_kgce, tce_per_unit";

  private ReferenceVersions() {}

  static void record(Connection connection, LocalDate changedFrom) throws SQLException {
    record(connection, changedFrom, "park", "park_id", PARK_COLUMNS);
    record(connection, changedFrom, "meter", "meter_id", METER_COLUMNS);
  }

  /** One set-based statement per table; the column lists are constants of this class. */
  private static void record(Connection connection, LocalDate changedFrom, String table, String key, String columns)
      throws SQLException {
    String current = prefixed("c.", columns);
    String sql = """
        insert into %1$s_version (%2$s, valid_from, %3$s)
        select c.id, case when latest.%2$s is null then '-infinity'::date else ? end, %4$s
        from %1$s c
        left join lateral (
          select * from %1$s_version v where v.%2$s = c.id and v.valid_from <= ? order by v.valid_from desc limit 1) latest on true
        where latest.%2$s is null or (%5$s) is distinct from (%4$s)
        on conflict (%2$s, valid_from) do update set %6$s, recorded_at = now()"""
        .formatted(table, key, columns, current, prefixed("latest.", columns), assignments(columns));
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setDate(1, Date.valueOf(changedFrom));
      statement.setDate(2, Date.valueOf(changedFrom));
      statement.executeUpdate();
    }
  }

  private static String prefixed(String prefix, String columns) {
    return prefix + String.join(", " + prefix, columns.split(", "));
  }

  private static String assignments(String columns) {
    StringBuilder out = new StringBuilder();
    for (String column : columns.split(", ")) {
      out.append(out.length() == 0 ? "" : ", ").append(column).append(" = excluded.").append(column);
    }
    return out.toString();
  }
}
