package io.parkloop.jobs.records;

/**
 * One part's contribution to an indicator row, e.g. one meter's share of an enterprise-hour or
 * one hour's share of a day. {@code micros} is the value in millionths of the unit: sums of
 * whole numbers do not depend on the order they were added in, so a replay in another order
 * gives the very same totals.
 */
public class IndicatorPart {
  public String scopeType;
  public String scopeId;
  public String periodType;
  public long periodStart;
  public String indicator;
  public String unit;
  public String partId;
  public long micros;

  public IndicatorPart() {}

  public IndicatorPart(String scopeType, String scopeId, String periodType, long periodStart, String indicator,
      String unit, String partId, long micros) {
    this.scopeType = scopeType;
    this.scopeId = scopeId;
    this.periodType = periodType;
    this.periodStart = periodStart;
    this.indicator = indicator;
    this.unit = unit;
    this.partId = partId;
    this.micros = micros;
  }

  public static long toMicros(double value) {
    return Math.round(value * 1e6);
  }

  /** The key of the row this part belongs to; matches {@link IndicatorRow#key()}. */
  public String rowKey() {
    return IndicatorRow.keyOf(scopeType, scopeId, periodType, periodStart, indicator);
  }
}
