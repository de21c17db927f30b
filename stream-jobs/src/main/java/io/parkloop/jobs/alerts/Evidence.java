package io.parkloop.jobs.alerts;

import io.parkloop.jobs.Periods;
import io.parkloop.reference.Province;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** How alerts word their evidence: local Shanghai times and plain numbers, readable on a dashboard or in a message. */
final class Evidence {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(Province.ZONE);
  /** Six significant digits: more than any analyser or meter measures. */
  private static final MathContext PRECISION = new MathContext(6);

  private Evidence() {}

  static String time(long epochMillis) {
    return TIME.format(Instant.ofEpochMilli(epochMillis));
  }

  static String number(double value) {
    if (value == 0 || !Double.isFinite(value)) {
      return value == 0 ? "0" : Double.toString(value);
    }
    return new BigDecimal(value).round(PRECISION).stripTrailingZeros().toPlainString();
  }

  /** A duration in hours, e.g. {@code 2.5 h}. */
  static String hours(long millis) {
    return number(millis / (double) Periods.HOUR) + " h";
  }
}
