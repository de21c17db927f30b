package io.parkloop.readside;

import io.parkloop.reference.Indicator;
import io.parkloop.reference.PeriodType;
import io.parkloop.reference.ScopeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What the pipeline's own displays ask of {@code indicator_value} (the live table, the lag gauge,
 * a replay's summary): how many rows there are, how many were written since an instant, how old
 * the newest write is, and each park's figures of a day.
 */
public final class IndicatorTableStatus {
  /** A park's energy and water of one day, from the summed quantities (0 where a row is missing). */
  public record ParkDay(String park, String name, String region, double energyTce, double freshWaterM3,
      double recycledWaterM3) {}

  private IndicatorTableStatus() {}

  public static long rows(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("select count(*) from indicator_value");
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }

  /** Rows the upserts added or changed since then (an upsert of an unchanged value leaves updated_at alone). */
  public static long rowsWrittenSince(Connection connection, Instant since) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "select count(*) from indicator_value where updated_at >= ?")) {
      statement.setTimestamp(1, Timestamp.from(since));
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  /** Seconds since the newest row was written, by the database's clock; empty while there is none. */
  public static OptionalDouble secondsSinceNewestWrite(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
            "select extract(epoch from now() - max(updated_at)) from indicator_value");
        ResultSet result = statement.executeQuery()) {
      result.next();
      double seconds = result.getDouble(1);
      return result.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(seconds);
    }
  }

  /** Every park of the reference tables, in id order, with its figures of the day starting at {@code dayStart}. */
  public static List<ParkDay> parkDays(Connection connection, Instant dayStart) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        select p.id, p.name, p.region,
               max(v.value) filter (where v.indicator = ?) as tce,
               max(v.value) filter (where v.indicator = ?) as fresh,
               max(v.value) filter (where v.indicator = ?) as recycled
        from park p
        left join indicator_value v on v.scope_type = ? and v.scope_id = p.id
             and v.period_type = ? and v.period_start = ?
        group by p.id, p.name, p.region order by p.id""")) {
      statement.setString(1, Indicator.ENERGY_TCE.code());
      statement.setString(2, Indicator.FRESH_WATER_M3.code());
      statement.setString(3, Indicator.RECYCLED_WATER_M3.code());
      statement.setString(4, ScopeType.PARK.code());
      statement.setString(5, PeriodType.DAY.code());
      statement.setTimestamp(6, Timestamp.from(dayStart));
      List<ParkDay> days = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          days.add(new ParkDay(row.getString("id"), row.getString("name"), row.getString("region"),
              row.getDouble("tce"), row.getDouble("fresh"), row.getDouble("recycled")));
        }
      }
      return days;
    }
  }
}
