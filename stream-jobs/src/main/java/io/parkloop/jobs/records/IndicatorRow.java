package io.parkloop.jobs.records;

import io.parkloop.storage.IndicatorRecord;
import java.time.Instant;

/** An indicator value for a scope and period (long format); absolute, so a newer one replaces the older. */
public class IndicatorRow {
  public String scopeType;
  public String scopeId;
  public String periodType;
  public long periodStart;
  public String indicator;
  public String unit;
  public double value;

  public IndicatorRow() {}

  public IndicatorRow(String scopeType, String scopeId, String periodType, long periodStart, String indicator,
      String unit, double value) {
    this.scopeType = scopeType;
    this.scopeId = scopeId;
    this.periodType = periodType;
    this.periodStart = periodStart;
    this.indicator = indicator;
    this.unit = unit;
    this.value = value;
  }

  /** Identifies the row in the database: everything but the value. */
  public String key() {
    return keyOf(scopeType, scopeId, periodType, periodStart, indicator);
  }

  /** The key of a row, shared with the parts that make it up. */
  static String keyOf(String scopeType, String scopeId, String periodType, long periodStart, String indicator) {
    return scopeType + '|' + scopeId + '|' + periodType + '|' + periodStart + '|' + indicator;
  }

  public IndicatorRecord toRecord() {
    return new IndicatorRecord(scopeType, scopeId, periodType, Instant.ofEpochMilli(periodStart), indicator, value, unit);
  }

  @Override
  public String toString() {
    return key() + "=" + value + " " + unit;
  }
}
