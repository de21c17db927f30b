package io.parkloop.jobs.records;

import io.parkloop.reference.PeriodType;

/**
 * A day total recomputed by {@code parkloop reconcile} from the stored readings (a Flink POJO):
 * {@code value} with the late readings, and {@code lateEffect}, what the late readings add to
 * the total of the readings the live job accepted. See {@link io.parkloop.jobs.functions.ReconciledDays}.
 */
public class DayCorrection implements java.io.Serializable {
  public String scopeType;
  public String scopeId;
  /** The day's start, midnight in Asia/Shanghai, epoch milliseconds. */
  public long dayStart;
  public String indicator;
  public String unit;
  public double value;
  public double lateEffect;

  public DayCorrection() {}

  public DayCorrection(String scopeType, String scopeId, long dayStart, String indicator, String unit, double value,
      double lateEffect) {
    this.scopeType = scopeType;
    this.scopeId = scopeId;
    this.dayStart = dayStart;
    this.indicator = indicator;
    this.unit = unit;
    this.value = value;
    this.lateEffect = lateEffect;
  }

  /** The key of the day row it corrects; matches {@link IndicatorRow#key()}. */
  public String rowKey() {
    return IndicatorRow.keyOf(scopeType, scopeId, PeriodType.DAY.code(), dayStart, indicator);
  }

  public IndicatorRow toRow(double dayValue) {
    return new IndicatorRow(scopeType, scopeId, PeriodType.DAY.code(), dayStart, indicator, unit, dayValue);
  }
}
