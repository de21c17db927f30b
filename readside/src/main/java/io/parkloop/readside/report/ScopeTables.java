package io.parkloop.readside.report;

import io.parkloop.readside.table.Column;
import io.parkloop.readside.table.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One level's indicator rows of a period, pivoted: a row per scope, a column per indicator with
 * its unit in the header. Only the scopes and indicators that have a value in the period appear.
 */
final class ScopeTables {
  private ScopeTables() {}

  static Table of(Connection connection, ScopeLevel level, ReportPeriod period) throws SQLException {
    Map<String, Map<String, Double>> values = new TreeMap<>();
    Map<String, String> units = new TreeMap<>(IndicatorLabels::compare);
    try (PreparedStatement statement = connection.prepareStatement("""
        select scope_id, indicator, value, unit from indicator_value
        where scope_type = ? and period_type = ? and period_start = ?""")) {
      statement.setString(1, level.scopeType().code());
      statement.setString(2, period.periodType().code());
      statement.setTimestamp(3, Timestamp.from(period.startInstant()));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          values.computeIfAbsent(rows.getString(1), id -> new HashMap<>()).put(rows.getString(2), rows.getDouble(3));
          units.putIfAbsent(rows.getString(2), rows.getString(4));
        }
      }
    }
    Map<String, List<String>> descriptions = describe(connection, level);
    List<Column> columns = new ArrayList<>(level.idColumns());
    units.forEach((indicator, unit) -> columns.add(IndicatorLabels.column(indicator, unit)));
    List<List<Object>> rows = new ArrayList<>();
    values.forEach((scopeId, byIndicator) -> {
      List<Object> row = new ArrayList<>();
      row.add(scopeId);
      List<String> description = descriptions.getOrDefault(scopeId, List.of());
      for (int i = 1; i < level.idColumns().size(); i++) {
        row.add(i - 1 < description.size() ? description.get(i - 1) : null);
      }
      units.keySet().forEach(indicator -> row.add(byIndicator.get(indicator)));
      rows.add(row);
    });
    return new Table(level.sheet(), columns, rows);
  }

  /** The id columns after the first, by scope id. */
  private static Map<String, List<String>> describe(Connection connection, ScopeLevel level) throws SQLException {
    Map<String, List<String>> descriptions = new HashMap<>();
    if (level.describe() == null) {
      return descriptions;
    }
    try (PreparedStatement statement = connection.prepareStatement(level.describe());
        ResultSet rows = statement.executeQuery()) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        String[] rest = new String[columns - 1];
        for (int i = 2; i <= columns; i++) {
          rest[i - 2] = rows.getString(i);
        }
        descriptions.put(rows.getString(1), Arrays.asList(rest));
      }
    }
    return descriptions;
  }
}
