package io.parkloop.jobs.records;

import io.parkloop.reference.PeriodType;
import io.parkloop.reference.ScopeType;

/**
 * How soon a changed indicator row must reach the database (docs/indicators.md "Freshness"). The
 * rows a park's energy manager watches live, an enterprise's or a park's hour and day, pass on
 * within a second; wider scopes and longer periods (months, quarters, years, rolling windows) are
 * read as totals, change with every reading of every enterprise below them, and pass on every
 * few seconds with their latest value. Every row is passed on once more when it can no longer
 * change, and at the end of a bounded run, so only how often a row is rewritten differs, never
 * its final value.
 */
public enum FreshnessTier {
  /** Enterprise and park, hour and day. */
  WATCHED,
  /** Everything else. */
  WIDER;

  public static FreshnessTier of(String scopeType, String periodType) {
    boolean watchedScope = ScopeType.ENTERPRISE.code().equals(scopeType) || ScopeType.PARK.code().equals(scopeType);
    boolean watchedPeriod = PeriodType.HOUR.code().equals(periodType) || PeriodType.DAY.code().equals(periodType);
    return watchedScope && watchedPeriod ? WATCHED : WIDER;
  }

  public static FreshnessTier of(IndicatorRow row) {
    return of(row.scopeType, row.periodType);
  }
}
