package io.parkloop.jobs;

import io.parkloop.reference.Province;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** Calendar periods in Asia/Shanghai (SPEC: all calendar periods are in Asia/Shanghai time). */
public final class Periods {
  public static final long HOUR = 3_600_000L;

  private Periods() {}

  public static long hourStart(long epochMillis) {
    return start("hour", epochMillis);
  }

  /** The start of the period of {@code type} (hour, day, month, quarter, year) that contains the instant. */
  public static long start(String type, long epochMillis) {
    ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(Province.ZONE);
    ZonedDateTime start = switch (type) {
      case "hour" -> t.truncatedTo(ChronoUnit.HOURS);
      case "day" -> t.truncatedTo(ChronoUnit.DAYS);
      case "month" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      case "quarter" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1)
          .withMonth((t.getMonthValue() - 1) / 3 * 3 + 1);
      case "year" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
      default -> throw new IllegalArgumentException("not a calendar period: " + type);
    };
    return start.toInstant().toEpochMilli();
  }

  /** The end (exclusive) of the period of {@code type} that starts at {@code start}. */
  public static long end(String type, long start) {
    ZonedDateTime t = Instant.ofEpochMilli(start).atZone(Province.ZONE);
    ZonedDateTime end = switch (type) {
      case "hour" -> t.plusHours(1);
      case "day" -> t.plusDays(1);
      case "month" -> t.plusMonths(1);
      case "quarter" -> t.plusMonths(3);
      case "year" -> t.plusYears(1);
      default -> throw new IllegalArgumentException("not a calendar period: " + type);
    };
    return end.toInstant().toEpochMilli();
  }
}
