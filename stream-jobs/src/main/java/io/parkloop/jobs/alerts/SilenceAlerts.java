package io.parkloop.jobs.alerts;

import io.parkloop.jobs.records.MeterReading;
import io.parkloop.reference.ReferenceData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by device (a meter or an outlet): a silence is a gap in its data longer than the span.
 * It opens at the last data + span and closes when data comes again, at that data's time.
 *
 * <p>Two clocks can tell that the gap has begun. Event time: the other devices move the
 * watermark past the last data + span. The wall clock: nothing at all has arrived from the device
 * for the span, which is the only way to notice when every device is silent (then no event moves
 * the watermark). Both open the same alert, with the same id. Should the data that comes in
 * afterwards show no gap (a gateway's backlog within the span), the alert is withdrawn, as a
 * replay of the same data would never have raised it.
 */
public class SilenceAlerts extends KeyedProcessFunction<String, MeterReading, AlertUpdate> {
  private final ReferenceData reference;
  private final AlertRules.Silence rule;
  private final long maxAgeMillis;
  private transient Map<String, Long> spanByDevice;
  private transient ValueState<ReportingRuns> runs;
  private transient ValueState<Long> eventTimer;
  private transient ValueState<Long> clockTimer;
  private transient ValueState<Boolean> silentByClock;
  private transient AlertLedger ledger;

  public SilenceAlerts(ReferenceData reference, AlertRules.Silence rule, long maxAgeMillis) {
    this.reference = reference;
    this.rule = rule;
    this.maxAgeMillis = maxAgeMillis;
  }

  /** {@code meter|E001-ELEC} or {@code outlet|E001-WW1}. */
  public static String device(MeterReading reading) {
    return (reading.isOutletValue() ? "outlet" : "meter") + '|' + reading.meter;
  }

  @Override
  public void open(OpenContext context) {
    spanByDevice = new HashMap<>();
    reference.meters().forEach(meter -> spanByDevice.put("meter|" + meter.id(), meter.interval() == null
        ? rule.meters().toMillis() : Math.max(rule.meters().toMillis(), meter.interval().multipliedBy(2).toMillis())));
    reference.outlets().forEach(outlet -> spanByDevice.put("outlet|" + outlet.id(), rule.outlets().toMillis()));
    runs = getRuntimeContext().getState(new ValueStateDescriptor<>("reporting-runs", ReportingRuns.class));
    eventTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("event-timer", Long.class));
    clockTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("clock-timer", Long.class));
    silentByClock = getRuntimeContext().getState(new ValueStateDescriptor<>("silent-by-clock", Boolean.class));
    ledger = new AlertLedger(getRuntimeContext());
  }

  @Override
  public void processElement(MeterReading reading, Context ctx, Collector<AlertUpdate> out) throws Exception {
    Long span = spanByDevice.get(ctx.getCurrentKey());
    long watermark = ctx.timerService().currentWatermark();
    if (span == null || (watermark != Long.MIN_VALUE && reading.ts < watermark - maxAgeMillis)) {
      return;
    }
    ReportingRuns known = runs.value();
    if (known == null) {
      known = new ReportingRuns();
    }
    known.add(reading.ts, span);
    runs.update(known);
    silentByClock.clear();
    Long previous = eventTimer.value();
    if (previous == null || previous != known.latest() + span) {
      if (previous != null) {
        ctx.timerService().deleteEventTimeTimer(previous);
      }
      eventTimer.update(known.latest() + span);
      ctx.timerService().registerEventTimeTimer(known.latest() + span);
    }
    Long wallClock = clockTimer.value();
    if (wallClock != null) {
      ctx.timerService().deleteProcessingTimeTimer(wallClock);
    }
    long nothingArrivedBy = ctx.timerService().currentProcessingTime() + span;
    clockTimer.update(nothingArrivedBy);
    ctx.timerService().registerProcessingTimeTimer(nothingArrivedBy);
    publish(ctx.getCurrentKey(), span, watermark, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertUpdate> out) throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      clockTimer.clear();
      silentByClock.update(true);
    } else {
      eventTimer.clear();
    }
    Long span = spanByDevice.get(ctx.getCurrentKey());
    if (span != null && runs.value() != null) {
      publish(ctx.getCurrentKey(), span, ctx.timerService().currentWatermark(), out);
    }
  }

  private void publish(String device, long span, long watermark, Collector<AlertUpdate> out) throws Exception {
    String[] scope = device.split("\\|", 2);
    ReportingRuns known = runs.value();
    if (watermark != Long.MIN_VALUE) {
      int settled = known.settledBefore(watermark - maxAgeMillis);
      for (int i = 0; i < settled; i++) {
        ledger.forget(AlertUpdate.idOf(AlertUpdate.SILENCE, scope[0], scope[1], null, known.last[i] + span));
      }
      known.removeFirst(settled);
      runs.update(known);
    }
    List<AlertUpdate> alerts = new ArrayList<>();
    for (int i = 0; i + 1 < known.size; i++) {
      alerts.add(silence(scope, span, known.last[i], known.first[i + 1]));
    }
    // the end of a bounded input moves the watermark to the end of time: that is not a silence
    boolean silentByEventTime = watermark != Long.MAX_VALUE && watermark >= known.latest() + span;
    if (silentByEventTime || Boolean.TRUE.equals(silentByClock.value())) {
      alerts.add(silence(scope, span, known.latest(), null));
    }
    ledger.publishAll(alerts, out);
  }

  private static AlertUpdate silence(String[] scope, long span, long lastData, Long dataAgain) {
    List<String> evidence = new ArrayList<>(List.of("last data " + Evidence.time(lastData),
        "silent after " + Evidence.hours(span) + " without data"));
    if (dataAgain != null) {
      evidence.add("data again " + Evidence.time(dataAgain) + ", " + Evidence.hours(dataAgain - lastData)
          + " after the last");
    }
    double spanHours = span / (double) Duration.ofHours(1).toMillis();
    return new AlertUpdate(AlertUpdate.SILENCE, scope[0], scope[1], null, AlertUpdate.WARNING, lastData + span,
        dataAgain, dataAgain == null ? null : (dataAgain - lastData) / (double) Duration.ofHours(1).toMillis(),
        spanHours, evidence);
  }
}
