package io.parkloop.jobs.alerts;

import io.parkloop.jobs.Periods;
import io.parkloop.reference.PeriodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * An enterprise's year-to-date load of one factor against its permitted annual load, walked hour
 * by hour in time order: when it first warned (90 % reached, or on pace to exceed the permit) and
 * when it first became critical (100 % reached). A pure function of the hourly loads, so the same
 * loads give the same alert whatever order they arrived in.
 */
public final class PermitProgress {
  private PermitProgress() {}

  /**
   * @param microKgByHour the enterprise's load per hour of the year in millionths of a kg (whole
   *     numbers, so the sum does not depend on the order the hours came in), keyed by the hour's start
   * @return the year's permit alert so far, or null while nothing warns
   */
  public static Standing evaluate(SortedMap<Long, Long> microKgByHour, double permitKg, long yearStart,
      AlertRules.Permit rule) {
    long yearEnd = PeriodType.YEAR.end(yearStart);
    long ytdMicros = 0;
    Long warnedAt = null;
    Long criticalAt = null;
    List<String> evidence = new ArrayList<>();
    double ytd = 0;
    for (Map.Entry<Long, Long> hour : microKgByHour.entrySet()) {
      ytdMicros += hour.getValue();
      ytd = ytdMicros / 1e6;
      long end = hour.getKey() + Periods.HOUR;
      double elapsed = (end - yearStart) / (double) (yearEnd - yearStart);
      double projected = ytd / elapsed;
      if (warnedAt == null && ytd >= rule.warningShare() * permitKg) {
        warnedAt = end;
        evidence.add(Evidence.time(end) + " year to date " + Evidence.number(ytd) + " kg = "
            + Evidence.number(100 * ytd / permitKg) + " % of the permitted " + Evidence.number(permitKg) + " kg");
      } else if (warnedAt == null && end - yearStart >= rule.paceFrom().toMillis() && projected > permitKg) {
        warnedAt = end;
        evidence.add(Evidence.time(end) + " on pace for " + Evidence.number(projected) + " kg this year: "
            + Evidence.number(ytd) + " kg with " + Evidence.number(100 * elapsed) + " % of the year gone, permitted "
            + Evidence.number(permitKg) + " kg");
      }
      if (criticalAt == null && ytd >= permitKg) {
        criticalAt = end;
        evidence.add(Evidence.time(end) + " year to date " + Evidence.number(ytd) + " kg reached the permitted "
            + Evidence.number(permitKg) + " kg");
      }
    }
    if (warnedAt == null) {
      return null;
    }
    return new Standing(criticalAt == null ? AlertUpdate.WARNING : AlertUpdate.CRITICAL, warnedAt, ytd, evidence);
  }

  /**
   * @param openedAt the end of the hour in which the year first warned
   * @param yearToDateKg the load of every hour known so far
   */
  public record Standing(String severity, long openedAt, double yearToDateKg, List<String> evidence) {}
}
