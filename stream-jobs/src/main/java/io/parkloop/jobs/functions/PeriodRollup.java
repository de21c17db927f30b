package io.parkloop.jobs.functions;

import io.parkloop.jobs.Periods;
import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.IndicatorRow;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** A row of a shorter period becomes its part of the longer period that holds it (an hour of its day). */
public class PeriodRollup implements FlatMapFunction<IndicatorRow, IndicatorPart> {
  private final String from;
  private final String to;

  public PeriodRollup(String from, String to) {
    this.from = from;
    this.to = to;
  }

  @Override
  public void flatMap(IndicatorRow row, Collector<IndicatorPart> out) {
    if (!from.equals(row.periodType)) {
      return;
    }
    out.collect(new IndicatorPart(row.scopeType, row.scopeId, to, Periods.start(to, row.periodStart), row.indicator,
        row.unit, Long.toString(row.periodStart), IndicatorPart.toMicros(row.value)));
  }
}
