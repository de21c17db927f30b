package io.parkloop.readside.flows;

import io.parkloop.readside.table.Column;
import io.parkloop.readside.table.Table;
import io.parkloop.reference.Province;
import io.parkloop.storage.flows.FlowRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A park's material flows of a month as a table (the export of {@code parkloop flows} and of the
 * API): who supplies whom, how much of what, and what crosses the park's boundary.
 */
public final class FlowTables {
  public static final List<Column> COLUMNS = List.of(
      Column.text("park", "园区", "park"),
      Column.text("period_start", "期间", "period start"),
      Column.text("source", "来源", "source"),
      Column.text("target", "去向", "target"),
      Column.text("direction", "方向", "direction (internal/in/out)"),
      Column.text("flow", "物质流", "flow"),
      Column.number("value", "数量", "value", "#,##0.000"),
      Column.text("unit", "单位", "unit"));

  private FlowTables() {}

  /** The month's flows of {@code park} (all parks when null), ordered by direction, flow, source and target. */
  public static List<FlowRecord> month(Connection connection, String park, YearMonth month) throws SQLException {
    String sql = "select park_id, period_type, period_start, source, target, direction, flow, value, unit"
        + " from material_flow where period_type = 'month' and period_start = ?"
        + (park == null ? "" : " and park_id = ?")
        + " order by park_id, direction, flow, source, target";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setTimestamp(1, Timestamp.from(month.atDay(1).atStartOfDay(Province.ZONE).toInstant()));
      if (park != null) {
        statement.setString(2, park);
      }
      List<FlowRecord> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(new FlowRecord(result.getString(1), result.getString(2), result.getTimestamp(3).toInstant(),
              result.getString(4), result.getString(5), result.getString(6), result.getString(7), result.getDouble(8),
              result.getString(9)));
        }
      }
      return rows;
    }
  }

  public static Table table(String title, List<FlowRecord> flows) {
    List<List<Object>> rows = new ArrayList<>();
    for (FlowRecord flow : flows) {
      rows.add(List.of(flow.park(), DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(flow.periodStart().atZone(Province.ZONE)
          .toOffsetDateTime()), flow.source(), flow.target(), flow.direction(), flow.flow(), flow.value(), flow.unit()));
    }
    return new Table(title, COLUMNS, rows);
  }
}
