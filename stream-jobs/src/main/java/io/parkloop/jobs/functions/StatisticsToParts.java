package io.parkloop.jobs.functions;

import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.jobs.records.StatisticsRow;
import io.parkloop.reference.Indicator;
import io.parkloop.reference.PeriodType;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ScopeType;
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
    emit(row, Indicator.VALUE_ADDED_10K_CNY, row.valueAdded, out);
    emit(row, Indicator.OUTPUT_VALUE_10K_CNY, row.outputValue, out);
    emit(row, Indicator.MATERIAL_T, row.material, out);
  }

  private void emit(StatisticsRow row, Indicator indicator, Double value, Collector<IndicatorPart> out) {
    if (value == null) {
      return;
    }
    IndicatorRow own = new IndicatorRow(ScopeType.ENTERPRISE.code(), row.enterprise, PeriodType.MONTH.code(),
        row.monthStart, indicator.code(), indicator.unit(), value);
    out.collect(new IndicatorPart(own.scopeType, own.scopeId, own.periodType, own.periodStart, own.indicator, own.unit,
        "statistics", IndicatorPart.toMicros(value)));
    wider.flatMap(own, out);
  }
}
