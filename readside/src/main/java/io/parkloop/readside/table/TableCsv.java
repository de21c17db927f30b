package io.parkloop.readside.table;

import io.parkloop.readside.IndicatorExport;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** A table as CSV: the column names as header, numbers as the export writes them, empty for null. */
final class TableCsv {
  private TableCsv() {}

  static void write(Table table, Writer out) throws IOException {
    out.write(String.join(",", table.columns().stream().map(Column::name).toList()));
    out.write('\n');
    for (List<Object> row : table.rows()) {
      List<String> fields = new ArrayList<>(row.size());
      for (Object cell : row) {
        fields.add(field(cell));
      }
      out.write(String.join(",", fields));
      out.write('\n');
    }
    out.flush();
  }

  private static String field(Object cell) {
    if (cell == null || cell instanceof Double number && !Double.isFinite(number)) {
      return "";
    }
    if (cell instanceof Number number) {
      return IndicatorExport.number(number.doubleValue());
    }
    String text = cell.toString();
    if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
