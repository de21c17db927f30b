package io.parkloop.readside;

import io.parkloop.storage.IndicatorRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Indicator rows as an Excel workbook: one sheet {@code indicators} with the SPEC's header row,
 * values as numbers (the CSV's twelve significant digits), period starts as ISO-8601 text with
 * the +08:00 offset (an Excel date has no zone, and statisticians compare it with the CSV).
 * Written with the streaming workbook, which keeps only a window of rows in memory, so a large
 * export does not need a large heap.
 */
public final class IndicatorXlsxWriter {
  public static final String SHEET = "indicators";
  /** Rows a sheet can hold besides the header. */
  public static final int MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows() - 1;
  private static final String[] HEADER = IndicatorExport.CSV_HEADER.split(",");
  private static final int VALUE_COLUMN = 5;
  /** Column widths in characters: scope_type, scope_id, period_type, period_start, indicator, value, unit. */
  private static final int[] WIDTHS = {12, 14, 12, 26, 22, 16, 12};

  private IndicatorXlsxWriter() {}

  /**
   * Writes the workbook; returns the number of rows written.
   *
   * @throws IllegalArgumentException when there are more rows than a sheet holds
   */
  public static int write(List<IndicatorRecord> rows, OutputStream out) throws IOException {
    if (rows.size() > MAX_ROWS) {
      throw new IllegalArgumentException(String.format("%,d rows do not fit in one Excel sheet (at most %,d);"
          + " narrow the export by period or scope, or export CSV", rows.size(), MAX_ROWS));
    }
    SXSSFWorkbook workbook = new SXSSFWorkbook(500);
    try (workbook) {
      SXSSFSheet sheet = workbook.createSheet(SHEET);
      header(workbook, sheet.createRow(0));
      for (int i = 0; i < rows.size(); i++) {
        IndicatorRecord record = rows.get(i);
        Row row = sheet.createRow(i + 1);
        row.createCell(0).setCellValue(record.scopeType());
        row.createCell(1).setCellValue(record.scopeId());
        row.createCell(2).setCellValue(record.periodType());
        row.createCell(3).setCellValue(IndicatorExport.periodStart(record));
        row.createCell(4).setCellValue(record.indicator());
        row.createCell(VALUE_COLUMN).setCellValue(Double.parseDouble(IndicatorExport.number(record.value())));
        row.createCell(6).setCellValue(record.unit());
      }
      for (int column = 0; column < WIDTHS.length; column++) {
        sheet.setColumnWidth(column, WIDTHS[column] * 256);
      }
      sheet.createFreezePane(0, 1);
      sheet.setAutoFilter(new CellRangeAddress(0, rows.size(), 0, HEADER.length - 1));
      workbook.write(out);
    } finally {
      workbook.dispose(); // the streamed rows' temporary files
    }
    out.flush();
    return rows.size();
  }

  private static void header(SXSSFWorkbook workbook, Row row) {
    Font bold = workbook.createFont();
    bold.setBold(true);
    CellStyle style = workbook.createCellStyle();
    style.setFont(bold);
    for (int column = 0; column < HEADER.length; column++) {
      row.createCell(column).setCellValue(HEADER[column]);
      row.getCell(column).setCellStyle(style);
    }
  }
}
