package io.parkloop.readside.report;

import io.parkloop.readside.table.Column;
import io.parkloop.readside.table.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The workbook's circular-economy sheet (循环经济) for a period: per park the energy counted once
 * and how much double counting the transfer rule removed, what was supplied out, the waste's
 * utilisation and exchange; then every link of the period's material flows.
 */
final class CircularEconomyTables {
  /** The park indicators of the first table, in its column order. */
  private static final List<Column> PARK_COLUMNS = List.of(
      Column.text("park", "园区", "park"),
      Column.number("energy_tce", "综合能耗(只计一次)", "energy, counted once (tce)", "#,##0.000"),
      Column.number("energy_tce_exchanged", "企业间能源转供(已剔除重复)", "energy passed between its enterprises, double counting removed (tce)", "#,##0.000"),
      Column.number("energy_tce_gross", "各企业能耗合计", "sum of its enterprises' gross energy (tce)", "#,##0.000"),
      Column.number("energy_tce_supplied", "向园区外供能", "energy supplied out of the park (tce)", "#,##0.000"),
      Column.number("solid_waste_generated_t", "一般工业固体废物产生量", "solid waste generated (t)", "#,##0.000"),
      Column.number("solid_waste_utilized_t", "综合利用量", "solid waste utilised (t)", "#,##0.000"),
      Column.number("solid_waste_utilization_rate", "综合利用率", "utilisation rate (%)", "0.00"),
      Column.number("waste_exchanged_t", "企业间废物交换量", "waste exchanged between its enterprises (t)", "#,##0.000"),
      Column.number("hazardous_waste_generated_t", "危险废物产生量", "hazardous waste generated (t)", "#,##0.000"),
      Column.number("hazardous_waste_disposed_t", "危险废物处置量", "hazardous waste disposed (t)", "#,##0.000"));
  private static final List<Column> LINK_COLUMNS = List.of(
      Column.text("park", "园区", "park"),
      Column.text("source", "来源", "source"),
      Column.text("target", "去向", "target"),
      Column.text("direction", "方向", "direction (internal/in/out)"),
      Column.text("flow", "物质流", "flow"),
      Column.number("value", "数量", "value", "#,##0.000"),
      Column.text("unit", "单位", "unit"));

  private CircularEconomyTables() {}

  static List<Table> of(Connection connection, ReportPeriod period) throws SQLException {
    return List.of(parks(connection, period), links(connection, period));
  }

  private static Table parks(Connection connection, ReportPeriod period) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement("""
        select scope_id,
          max(value) filter (where indicator = 'energy_tce'),
          max(value) filter (where indicator = 'energy_tce_exchanged'),
          max(value) filter (where indicator = 'energy_tce_supplied'),
          max(value) filter (where indicator = 'solid_waste_generated_t'),
          max(value) filter (where indicator = 'solid_waste_utilized_t'),
          max(value) filter (where indicator = 'solid_waste_utilization_rate'),
          max(value) filter (where indicator = 'waste_exchanged_t'),
          max(value) filter (where indicator = 'hazardous_waste_generated_t'),
          max(value) filter (where indicator = 'hazardous_waste_disposed_t')
        from indicator_value
        where scope_type = 'park' and period_type = ? and period_start = ?
        group by scope_id order by scope_id""")) {
      statement.setString(1, period.periodType().code());
      statement.setTimestamp(2, Timestamp.from(period.startInstant()));
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          Double energy = number(result, 2);
          Double exchanged = number(result, 3);
          List<Object> row = new ArrayList<>();
          row.add(result.getString(1));
          row.add(energy);
          row.add(exchanged);
          // what the park's energy would be if each enterprise's gross use were simply added up
          row.add(energy == null ? null : energy + (exchanged == null ? 0 : exchanged));
          for (int column = 4; column <= 10; column++) {
            row.add(number(result, column));
          }
          rows.add(row);
        }
      }
    }
    return new Table("parks 园区循环经济指标 " + period.label(), PARK_COLUMNS, rows);
  }

  private static Table links(Connection connection, ReportPeriod period) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement("""
        select park_id, source, target, direction, flow, sum(value), unit from material_flow
        where period_type = 'month' and period_start >= ? and period_start < ?
        group by park_id, source, target, direction, flow, unit
        order by park_id, direction, flow, source, target""")) {
      statement.setTimestamp(1, Timestamp.from(period.startInstant()));
      statement.setTimestamp(2, Timestamp.from(period.endInstant()));
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(List.of(result.getString(1), result.getString(2), result.getString(3), result.getString(4),
              result.getString(5), result.getDouble(6), result.getString(7)));
        }
      }
    }
    return new Table("links 循环链接 " + period.label(), LINK_COLUMNS, rows);
  }

  private static Double number(ResultSet result, int column) throws SQLException {
    double value = result.getDouble(column);
    return result.wasNull() ? null : value;
  }
}
