package io.parkloop.jobs;

import io.parkloop.reference.PeriodType;

/** The hour every reading is first counted in; the other periods' arithmetic is {@link PeriodType}'s. */
public final class Periods {
  public static final long HOUR = 3_600_000L;

  private Periods() {}

  public static long hourStart(long epochMillis) {
    return PeriodType.HOUR.start(epochMillis);
  }
}
