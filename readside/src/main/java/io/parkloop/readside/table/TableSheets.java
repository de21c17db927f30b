package io.parkloop.readside.table;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.WorkbookUtil;

/**
 * Writes {@link Table}s into sheets of a workbook: two header rows (Chinese labels, then English
 * labels with units), numbers as numeric cells shown with their column's number format (the cell
 * keeps the full value; the format only rounds what is shown), text as text. Cell styles are made
 * once per workbook and format, as Excel limits how many a file may have.
 */
public final class TableSheets {
  private static final int MAX_WIDTH = 60;
  private final Workbook workbook;
  private final CellStyle header;
  private final CellStyle title;
  private final Map<String, CellStyle> numberStyles = new HashMap<>();

  public TableSheets(Workbook workbook) {
    this.workbook = workbook;
    Font bold = workbook.createFont();
    bold.setBold(true);
    header = workbook.createCellStyle();
    header.setFont(bold);
    header.setWrapText(true);
    Font big = workbook.createFont();
    big.setBold(true);
    big.setFontHeightInPoints((short) 13);
    title = workbook.createCellStyle();
    title.setFont(big);
  }

  /** A sheet holding one table, its header in the first two rows (frozen). */
  public Sheet sheet(String name, Table table) {
    Sheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(name));
    write(sheet, 0, table);
    sheet.createFreezePane(0, 2);
    widths(sheet, List.of(table));
    return sheet;
  }

  /** A sheet holding tables one below the other, each under its title, a blank row between. */
  public Sheet sheet(String name, List<Table> tables) {
    Sheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(name));
    int next = 0;
    for (Table table : tables) {
      Cell heading = sheet.createRow(next).createCell(0);
      heading.setCellValue(table.title());
      heading.setCellStyle(title);
      next = write(sheet, next + 1, table) + 1;
    }
    widths(sheet, tables);
    return sheet;
  }

  /** Writes the table from row {@code first} on; returns the row after its last. */
  private int write(Sheet sheet, int first, Table table) {
    Row chinese = sheet.createRow(first);
    Row english = sheet.createRow(first + 1);
    for (int i = 0; i < table.columns().size(); i++) {
      Column column = table.columns().get(i);
      headerCell(chinese, i, column.chinese());
      headerCell(english, i, column.english());
    }
    int next = first + 2;
    for (List<Object> cells : table.rows()) {
      Row row = sheet.createRow(next++);
      for (int i = 0; i < cells.size(); i++) {
        cell(row, i, cells.get(i), table.columns().get(i));
      }
    }
    return next;
  }

  private void headerCell(Row row, int column, String label) {
    Cell cell = row.createCell(column);
    cell.setCellValue(label);
    cell.setCellStyle(header);
  }

  private void cell(Row row, int column, Object value, Column format) {
    if (value == null || value instanceof Double number && !Double.isFinite(number)) {
      return;
    }
    Cell cell = row.createCell(column);
    if (value instanceof Number number) {
      cell.setCellValue(number.doubleValue());
      if (format.numberFormat() != null) {
        cell.setCellStyle(numberStyle(format.numberFormat()));
      }
    } else if (value instanceof Boolean bool) {
      cell.setCellValue(bool);
    } else {
      cell.setCellValue(value.toString());
    }
  }

  private CellStyle numberStyle(String format) {
    return numberStyles.computeIfAbsent(format, key -> {
      CellStyle style = workbook.createCellStyle();
      style.setDataFormat(workbook.createDataFormat().getFormat(key));
      return style;
    });
  }

  /** Each column as wide as its longest label or text (numbers: 14), within reason. */
  private static void widths(Sheet sheet, List<Table> tables) {
    Map<Integer, Integer> widths = new HashMap<>();
    for (Table table : tables) {
      for (int i = 0; i < table.columns().size(); i++) {
        Column column = table.columns().get(i);
        int width = Math.max(Math.max(column.chinese().length() * 2, column.english().length()), 10);
        for (List<Object> row : table.rows()) {
          Object cell = row.get(i);
          width = Math.max(width, cell instanceof String text ? text.length() + 2 : 14);
        }
        widths.merge(i, Math.min(width, MAX_WIDTH), Math::max);
      }
    }
    widths.forEach((column, width) -> sheet.setColumnWidth(column, width * 256));
  }
}
