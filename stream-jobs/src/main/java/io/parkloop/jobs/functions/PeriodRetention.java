package io.parkloop.jobs.functions;

import io.parkloop.reference.PeriodType;
import java.io.Serializable;

/**
 * How long an operator keeps a period's state after the period ends. Hours and days (and the
 * rolling windows made of them) change only through readings, so they stay open as long as a
 * reading can still correct them; months and longer also change when monthly statistics arrive,
 * weeks late. Keeping hours as long as months would hold a year of hourly state per key.
 */
public record PeriodRetention(long readingsMillis, long statisticsMillis) implements Serializable {
  public long after(String periodType) {
    return switch (PeriodType.of(periodType)) {
      case HOUR, DAY, R24H, R30D -> readingsMillis;
      case MONTH, QUARTER, YEAR, R12M -> statisticsMillis;
    };
  }
}
