package io.parkloop.readside.table;

import java.util.List;

/**
 * Rows under named columns, written as CSV, JSON or a workbook sheet by {@link TableFormat}. A
 * cell is a String, a Number, a Boolean or null (empty); a row has one cell per column.
 *
 * @param title a heading for the table where it shares a sheet with others
 */
public record Table(String title, List<Column> columns, List<List<Object>> rows) {
  public Table {
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(title + ": a row of " + row.size() + " cells under " + columns.size()
            + " columns");
      }
    }
  }
}
