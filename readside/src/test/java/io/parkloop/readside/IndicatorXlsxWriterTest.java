package io.parkloop.readside;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class IndicatorXlsxWriterTest {
  @Test
  void writesOneSheetWithTheHeaderNumbersAsNumbersAndPeriodStartsAsText() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int written = IndicatorXlsxWriter.write(ExportRows.ROWS, out);

    assertThat(written).isEqualTo(4);
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
      assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
      Sheet sheet = workbook.getSheet("indicators");
      assertThat(sheet.getLastRowNum()).isEqualTo(4);
      assertThat(texts(sheet.getRow(0))).containsExactly(
          "scope_type", "scope_id", "period_type", "period_start", "indicator", "value", "unit");

      Row city = sheet.getRow(1);
      assertThat(texts(city)).containsExactly("city", "南通", "day", "2026-03-01T00:00:00+08:00", "electricity_kwh",
          null, "kWh");
      assertThat(city.getCell(5).getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(city.getCell(5).getNumericCellValue()).isEqualTo(36665.0389);
      assertThat(city.getCell(3).getCellType()).isEqualTo(CellType.STRING);
      assertThat(sheet.getRow(2).getCell(5).getNumericCellValue()).isEqualTo(0.00001229);
      assertThat(sheet.getRow(3).getCell(5).getNumericCellValue()).isEqualTo(1234567890.12);
      assertThat(sheet.getRow(4).getCell(1).getStringCellValue()).isEqualTo("E1,old");
    }
  }

  /** Each cell's text, or null for a number. */
  private static List<String> texts(Row row) {
    List<String> texts = new ArrayList<>();
    row.forEach(cell -> texts.add(cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : null));
    return texts;
  }
}
