package io.parkloop.readside.table;

/**
 * A column of a {@link Table}.
 *
 * @param name the machine name, the CSV and JSON field
 * @param chinese the Chinese label of a workbook's first header row
 * @param english the English label of its second header row, with the unit when there is one
 * @param numberFormat the Excel number format of its numbers (e.g. {@code #,##0.00}); null for text
 */
public record Column(String name, String chinese, String english, String numberFormat) {
  public static Column text(String name, String chinese, String english) {
    return new Column(name, chinese, english, null);
  }

  public static Column number(String name, String chinese, String english, String numberFormat) {
    return new Column(name, chinese, english, numberFormat);
  }
}
