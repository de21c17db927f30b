package io.parkloop.jobs.functions;

import io.parkloop.jobs.records.DayCorrection;
import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.reference.PeriodType;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by day row: the live job's day totals with what reconciled late readings add to them.
 * The live job never counts a late reading itself, so its own total of a day lacks the late
 * readings' effect for as long as it keeps the day (and the month holding it) open, and would
 * overwrite a reconciled value at its next change. Here each day keeps the latest live total and
 * the latest correction's {@code lateEffect} (reconcile recomputes it whole each time: it
 * replaces, never adds), and passes on their sum whenever either changes; until the live job
 * has a total of its own, the correction's value. So the month (whose parts are its days),
 * quarter, year, rolling and derived rows all take the late readings in, and keep them whatever
 * the live job changes later.
 *
 * <p>The state lives as long as the month's (the statistics retention); a correction of a day
 * older than that passes through and is counted as too late by the month stage (the database
 * has it from reconcile).
 */
public class ReconciledDays extends KeyedCoProcessFunction<String, IndicatorRow, DayCorrection, IndicatorRow> {
  private final long retentionMillis;
  private transient ValueState<Long> live;
  private transient ValueState<Long> lateEffect;
  private transient Counter corrections;

  public ReconciledDays(long retentionMillis) {
    this.retentionMillis = retentionMillis;
  }

  @Override
  public void open(OpenContext context) {
    live = getRuntimeContext().getState(new ValueStateDescriptor<>("live-micros", Long.class));
    lateEffect = getRuntimeContext().getState(new ValueStateDescriptor<>("late-effect-micros", Long.class));
    corrections = getRuntimeContext().getMetricGroup().counter("dayCorrections");
  }

  @Override
  public void processElement1(IndicatorRow row, Context ctx, Collector<IndicatorRow> out) throws Exception {
    if (!keepUntilExpiry(row.periodStart, ctx)) {
      out.collect(row);
      return;
    }
    long micros = IndicatorPart.toMicros(row.value);
    live.update(micros);
    Long effect = lateEffect.value();
    out.collect(effect == null ? row
        : new IndicatorRow(row.scopeType, row.scopeId, row.periodType, row.periodStart, row.indicator, row.unit,
            (micros + effect) / 1e6));
  }

  @Override
  public void processElement2(DayCorrection correction, Context ctx, Collector<IndicatorRow> out) throws Exception {
    corrections.inc();
    if (!keepUntilExpiry(correction.dayStart, ctx)) {
      out.collect(correction.toRow(correction.value));
      return;
    }
    long effect = IndicatorPart.toMicros(correction.lateEffect);
    lateEffect.update(effect);
    Long micros = live.value();
    out.collect(correction.toRow(micros == null ? correction.value : (micros + effect) / 1e6));
  }

  /** Registers the state's expiry with the day's first record; false when that has passed already (nothing is kept). */
  private boolean keepUntilExpiry(long dayStart, Context ctx) throws Exception {
    long expiry = PeriodType.DAY.end(dayStart) + retentionMillis;
    if (expiry <= ctx.timerService().currentWatermark()) {
      return false;
    }
    if (live.value() == null && lateEffect.value() == null) {
      ctx.timerService().registerEventTimeTimer(expiry);
    }
    return true;
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndicatorRow> out) {
    live.clear();
    lateEffect.clear();
  }
}
