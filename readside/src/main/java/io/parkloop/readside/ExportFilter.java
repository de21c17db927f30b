package io.parkloop.readside;

import java.time.LocalDate;

/**
 * Which indicator rows to export; a null field does not filter. {@code from} and {@code to} are
 * Asia/Shanghai dates: rows whose period starts on or after {@code from} and before the day
 * after {@code to}.
 */
public record ExportFilter(String scopeType, String scopeId, String periodType, LocalDate from, LocalDate to) {
  public static ExportFilter all() {
    return new ExportFilter(null, null, null, null, null);
  }
}
