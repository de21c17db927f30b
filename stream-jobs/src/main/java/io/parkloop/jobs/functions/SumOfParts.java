package io.parkloop.jobs.functions;

import io.parkloop.jobs.Periods;
import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.IndicatorRow;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by indicator row: keeps the latest value of each part (a meter of an enterprise, an
 * enterprise of a park, an hour of a day) and emits the row's new absolute total whenever a
 * part changes. Parts replace, never add, so a part sent twice counts once. The state of a
 * period is dropped once the watermark has passed its end by the retention; a part arriving
 * after that goes to {@link #TOO_LATE} rather than overwrite the row with a partial total.
 */
public class SumOfParts extends KeyedProcessFunction<String, IndicatorPart, IndicatorRow> {
  public static final OutputTag<IndicatorPart> TOO_LATE = new OutputTag<>("parts-too-late") {};

  private final long retentionMillis;
  private transient MapState<String, Long> parts;
  private transient ValueState<Long> total;
  private transient Counter tooLate;

  public SumOfParts(long retentionMillis) {
    this.retentionMillis = retentionMillis;
  }

  @Override
  public void open(OpenContext context) {
    parts = getRuntimeContext().getMapState(new MapStateDescriptor<>("parts", String.class, Long.class));
    total = getRuntimeContext().getState(new ValueStateDescriptor<>("total", Long.class));
    tooLate = getRuntimeContext().getMetricGroup().counter("partsTooLate");
  }

  @Override
  public void processElement(IndicatorPart part, Context ctx, Collector<IndicatorRow> out) throws Exception {
    long expiry = Periods.end(part.periodType, part.periodStart) + retentionMillis;
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
    out.collect(new IndicatorRow(part.scopeType, part.scopeId, part.periodType, part.periodStart,
        part.indicator, part.unit, sum / 1e6));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndicatorRow> out) {
    parts.clear();
    total.clear();
  }
}
