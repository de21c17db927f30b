package io.parkloop.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the monthly statistics CSV (SPEC "Statistics"):
 * {@code enterprise,month,value_added_10k_cny,output_value_10k_cny,material_t}, month as
 * {@code 2026-03}, empty numbers allowed. Errors name the file, the line and the column.
 */
public final class StatisticsCsv {
  public static final String HEADER = "enterprise,month,value_added_10k_cny,output_value_10k_cny,material_t";
  private static final String[] COLUMNS = HEADER.split(",");

  /** One line: numbers are null where the cell was empty. */
  public record Row(String enterprise, YearMonth month, Double valueAdded, Double outputValue, Double material,
      int line) {}

  private StatisticsCsv() {}

  public static List<Row> load(Path file, ReferenceData reference) {
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), reference);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read statistics " + file, e);
    }
  }

  public static List<Row> parse(String fileName, String text, ReferenceData reference) {
    String[] lines = text.replace("\uFEFF", "").split("\r?\n", -1);
    if (lines.length == 0 || !lines[0].trim().equals(HEADER)) {
      throw new ReferenceDataException(fileName, 1, "(header)", "expected the header '" + HEADER + "'");
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      rows.add(row(fileName, i + 1, lines[i].split(",", -1), reference));
    }
    return rows;
  }

  private static Row row(String file, int line, String[] cells, ReferenceData reference) {
    if (cells.length != COLUMNS.length) {
      throw new ReferenceDataException(file, line, "(row)", "expected " + COLUMNS.length + " columns, found " + cells.length);
    }
    String enterprise = cells[0].trim();
    if (reference.enterprise(enterprise).isEmpty()) {
      throw new ReferenceDataException(file, line, COLUMNS[0], "unknown enterprise '" + enterprise + "'");
    }
    YearMonth month;
    try {
      month = YearMonth.parse(cells[1].trim());
    } catch (DateTimeParseException e) {
      throw new ReferenceDataException(file, line, COLUMNS[1], "'" + cells[1].trim() + "' is not a month such as 2026-03");
    }
    return new Row(enterprise, month, number(file, line, 2, cells), number(file, line, 3, cells),
        number(file, line, 4, cells), line);
  }

  private static Double number(String file, int line, int column, String[] cells) {
    String cell = cells[column].trim();
    if (cell.isEmpty()) {
      return null;
    }
    try {
      double value = Double.parseDouble(cell);
      if (!Double.isFinite(value) || value < 0) {
        throw new ReferenceDataException(file, line, COLUMNS[column], "must be a finite number ≥ 0, got '" + cell + "'");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ReferenceDataException(file, line, COLUMNS[column], "'" + cell + "' is not a number");
    }
  }
}
