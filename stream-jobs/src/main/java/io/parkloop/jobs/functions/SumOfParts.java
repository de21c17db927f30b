package io.parkloop.jobs.functions;

import io.parkloop.jobs.records.FreshnessTier;
import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.reference.PeriodType;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by indicator row: keeps the latest value of each part (a meter of an enterprise, an
 * enterprise of a park, an hour of a day) and emits the row's new absolute total whenever a
 * part changes. Parts replace, never add, so a part sent twice counts once. The state of a
 * period is dropped once the watermark has passed its end by the retention; a part arriving
 * after that goes to {@link #TOO_LATE} rather than overwrite the row with a partial total.
 *
 * <p>With emit intervals, a row that changes is emitted at most once per interval of its
 * {@link FreshnessTier}, with its latest total: every reading changes a dozen rows (its
 * enterprise's hour, then park, city, region, level and province, then their days, months, ...)
 * and each change would otherwise flow on through every later stage and into the database,
 * although only the latest total of a row counts. The pending row lives in keyed state with its
 * processing-time timer, so a checkpoint keeps it; the period's expiry timer, which also fires
 * at the end of a bounded input, emits it before the state goes.
 */
public class SumOfParts extends KeyedProcessFunction<String, IndicatorPart, IndicatorRow> {
  public static final OutputTag<IndicatorPart> TOO_LATE = new OutputTag<>("parts-too-late") {};

  private final long retentionMillis;
  private final long watchedEveryMillis;
  private final long widerEveryMillis;
  private transient MapState<String, Long> parts;
  private transient ValueState<Long> total;
  private transient ValueState<IndicatorRow> pending;
  private transient Counter tooLate;

  /** Emits every change at once. */
  public SumOfParts(long retentionMillis) {
    this(retentionMillis, 0, 0);
  }

  /**
   * Emits a changed row at most once per {@code watchedEveryMillis} or {@code widerEveryMillis} of
   * processing time, by the row's {@link FreshnessTier} (0: at once).
   */
  public SumOfParts(long retentionMillis, long watchedEveryMillis, long widerEveryMillis) {
    this.retentionMillis = retentionMillis;
    this.watchedEveryMillis = watchedEveryMillis;
    this.widerEveryMillis = widerEveryMillis;
  }

  @Override
  public void open(OpenContext context) {
    parts = getRuntimeContext().getMapState(new MapStateDescriptor<>("parts", String.class, Long.class));
    total = getRuntimeContext().getState(new ValueStateDescriptor<>("total", Long.class));
    pending = getRuntimeContext().getState(new ValueStateDescriptor<>("pending", IndicatorRow.class));
    tooLate = getRuntimeContext().getMetricGroup().counter("partsTooLate");
  }

  @Override
  public void processElement(IndicatorPart part, Context ctx, Collector<IndicatorRow> out) throws Exception {
    long expiry = PeriodType.of(part.periodType).end(part.periodStart) + retentionMillis;
    if (expiry <= ctx.timerService().currentWatermark()) {
      tooLate.inc();
      ctx.output(TOO_LATE, part);
      return;
    }
    Long previous = parts.get(part.partId);
    if (previous != null && previous == part.micros) {
      return;
    }
    Long sum = total.value();
    if (sum == null) {
      ctx.timerService().registerEventTimeTimer(expiry);
      sum = 0L;
    }
    sum += part.micros - (previous == null ? 0 : previous);
    parts.put(part.partId, part.micros);
    total.update(sum);
    IndicatorRow row = new IndicatorRow(part.scopeType, part.scopeId, part.periodType, part.periodStart,
        part.indicator, part.unit, sum / 1e6);
    long every = FreshnessTier.of(part.scopeType, part.periodType) == FreshnessTier.WATCHED
        ? watchedEveryMillis : widerEveryMillis;
    if (every <= 0) {
      out.collect(row);
      return;
    }
    if (pending.value() == null) {
      long now = ctx.timerService().currentProcessingTime();
      // aligned to the interval, so that the rows pending together share their timers' firing
      ctx.timerService().registerProcessingTimeTimer(now - now % every + every);
    }
    pending.update(row);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndicatorRow> out) throws Exception {
    IndicatorRow row = pending.value();
    if (row != null) {
      out.collect(row);
      pending.clear();
    }
    if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
      parts.clear();
      total.clear();
    }
  }
}
