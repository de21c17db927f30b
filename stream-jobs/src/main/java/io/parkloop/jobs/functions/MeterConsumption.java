package io.parkloop.jobs.functions;

import io.parkloop.jobs.Periods;
import io.parkloop.jobs.records.LateReading;
import io.parkloop.jobs.records.MeterHour;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.jobs.records.QualityEvent;
import io.parkloop.reference.ReferenceData;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per meter, in event time: keeps the readings in time order and, for each reading, emits the
 * new absolute consumption of every hour it changes. Out-of-order readings and a backlog within
 * the maximum age (see {@link Lateness}) simply correct those hours; duplicates change nothing;
 * readings older than that go to the {@link #LATE} output, counter resets to {@link #QUALITY},
 * and readings of a meter the reference data does not know are counted as unattributed.
 */
public class MeterConsumption extends KeyedProcessFunction<String, MeterReading, MeterHour> {
  public static final OutputTag<LateReading> LATE = new OutputTag<>("late-readings") {};
  public static final OutputTag<QualityEvent> QUALITY = new OutputTag<>("quality-events") {};
  /** The counter of readings of a meter or outlet this job's reference data does not know. */
  public static final String UNATTRIBUTED = "unattributedReadings";

  private final ReferenceData reference;
  private final long maxAgeMillis;
  private final long retentionMillis;
  private transient Map<String, MeterSpec> specs;
  private transient ValueState<MeterHistory> history;
  private transient Counter duplicates;
  private transient Counter late;
  private transient Counter unattributed;
  private transient Counter hoursPastRetention;

  /**
   * @param maxAgeMillis readings older than the job's event time by more than this are late
   * @param retentionMillis how far back an hour may still be corrected (at least the maximum
   *     age: a reading after a long silence spreads its consumption back over the gap)
   */
  public MeterConsumption(ReferenceData reference, long maxAgeMillis, long retentionMillis) {
    this.reference = reference;
    this.maxAgeMillis = maxAgeMillis;
    this.retentionMillis = Math.max(retentionMillis, maxAgeMillis);
  }

  @Override
  public void open(OpenContext context) {
    specs = new HashMap<>();
    reference.meters().forEach(meter -> specs.put(meter.id(), MeterSpec.of(meter)));
    history = getRuntimeContext().getState(new ValueStateDescriptor<>("history", MeterHistory.class));
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateReadings");
    late = getRuntimeContext().getMetricGroup().counter("lateReadings");
    unattributed = getRuntimeContext().getMetricGroup().counter(UNATTRIBUTED);
    hoursPastRetention = getRuntimeContext().getMetricGroup().counter("hoursPastRetention");
  }

  @Override
  public void processElement(MeterReading reading, Context ctx, Collector<MeterHour> out) throws Exception {
    MeterSpec spec = specs.get(reading.meter);
    long watermark = ctx.timerService().currentWatermark();
    if (spec == null) {
      // validated at ingest against a newer reference data than this job's, or removed from it since
      unattributed.inc();
      return;
    }
    MeterHistory h = history.value();
    if (h == null) {
      h = new MeterHistory();
    }
    long deviceNewest = h.size == 0 ? Long.MIN_VALUE : h.last();
    if (Lateness.isLate(reading.ts, watermark, deviceNewest, maxAgeMillis)) {
      late.inc();
      // the event time it was late against: before the first watermark, the device's own newest
      ctx.output(LATE, new LateReading(reading, Math.max(watermark, deviceNewest)));
      return;
    }
    MeterHistory.Insert insert = h.insert(reading.ts, reading.value);
    if (insert == MeterHistory.Insert.DUPLICATE) {
      duplicates.inc();
      return;
    }
    int i = h.indexOf(reading.ts);
    recordReset(h, spec, i, ctx);
    emitHours(reading.meter, h, spec, HourlyConsumption.affectedSpan(h, spec, i), watermark, out);
    history.update(h);
    // prune what no open hour needs once the watermark has moved past the maximum age
    ctx.timerService().registerEventTimeTimer(Periods.hourStart(reading.ts) + Periods.HOUR + retentionMillis);
  }

  private void recordReset(MeterHistory h, MeterSpec spec, int i, Context ctx) {
    if (!spec.cumulative()) {
      return;
    }
    for (int j = Math.max(i, 1); j <= Math.min(i + 1, h.size - 1); j++) {
      if (CounterDelta.isReset(h.values[j - 1], h.values[j], spec.rollover())) {
        ctx.output(QUALITY, new QualityEvent(ctx.getCurrentKey(), h.ts[j], "counter_reset",
            "counter went down from " + h.values[j - 1] + " to " + h.values[j] + " without a rollover"));
      }
    }
  }

  private void emitHours(String meter, MeterHistory h, MeterSpec spec, long[] span, long watermark,
      Collector<MeterHour> out) {
    long oldestOpenHour = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - retentionMillis;
    long lastHour = Periods.hourStart(Math.max(span[1] - 1, span[0]));
    for (long hour = Periods.hourStart(span[0]); hour <= lastHour; hour += Periods.HOUR) {
      if (hour + Periods.HOUR <= oldestOpenHour) {
        hoursPastRetention.inc();
        continue;
      }
      out.collect(new MeterHour(meter, hour,
          HourlyConsumption.within(h, spec, hour, hour + Periods.HOUR)));
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<MeterHour> out) throws Exception {
    MeterHistory h = history.value();
    if (h != null) {
      h.pruneBefore(ctx.timerService().currentWatermark() - retentionMillis, Periods.HOUR);
      history.update(h);
    }
  }
}
