package io.parkloop.jobs.functions;

import io.parkloop.jobs.Indicators;
import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.jobs.records.StatisticsRow;
import io.parkloop.reference.ReferenceData;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * An enterprise's monthly statistics become the parts of its own month (value added, output
 * value, material) and, through {@link ScopeRollup}, of every wider scope's month.
 */
public class StatisticsToParts implements FlatMapFunction<StatisticsRow, IndicatorPart> {
  private final ScopeRollup wider;

  public StatisticsToParts(ReferenceData reference) {
    this.wider = new ScopeRollup(reference);
  }

  @Override
  public void flatMap(StatisticsRow row, Collector<IndicatorPart> out) {
    emit(row, Indicators.VALUE_ADDED, "10k CNY", row.valueAdded, out);
    emit(row, Indicators.OUTPUT_VALUE, "10k CNY", row.outputValue, out);
    emit(row, Indicators.MATERIAL, "t", row.material, out);
  }

  private void emit(StatisticsRow row, String indicator, String unit, Double value, Collector<IndicatorPart> out) {
    if (value == null) {
      return;
    }
    IndicatorRow own = new IndicatorRow("enterprise", row.enterprise, "month", row.monthStart, indicator, unit, value);
    out.collect(new IndicatorPart(own.scopeType, own.scopeId, own.periodType, own.periodStart, indicator, unit,
        "statistics", IndicatorPart.toMicros(value)));
    wider.flatMap(own, out);
  }
}
