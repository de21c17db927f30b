package io.parkloop.jobs.functions;

import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.reference.PeriodType;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** A row of a shorter period becomes its part of the longer period that holds it (an hour of its day). */
public class PeriodRollup implements FlatMapFunction<IndicatorRow, IndicatorPart> {
  private final PeriodType from;
  private final PeriodType to;

  public PeriodRollup(PeriodType from, PeriodType to) {
    this.from = from;
    this.to = to;
  }

  @Override
  public void flatMap(IndicatorRow row, Collector<IndicatorPart> out) {
    if (!from.code().equals(row.periodType)) {
      return;
    }
    out.collect(new IndicatorPart(row.scopeType, row.scopeId, to.code(), to.start(row.periodStart), row.indicator,
        row.unit, Long.toString(row.periodStart), IndicatorPart.toMicros(row.value)));
  }
}
