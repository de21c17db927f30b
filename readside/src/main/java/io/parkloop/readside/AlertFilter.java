package io.parkloop.readside;

import java.time.LocalDate;

/**
 * Which alerts to list; a null field does not filter. {@code from} and {@code to} are
 * Asia/Shanghai dates: alerts open at some time between the start of {@code from} and the end of
 * {@code to} (opened before the end, and still open or closed after the start).
 *
 * @param openOnly only alerts not closed yet
 */
public record AlertFilter(LocalDate from, LocalDate to, String kind, boolean openOnly) {
  public static AlertFilter all() {
    return new AlertFilter(null, null, null, false);
  }
}
