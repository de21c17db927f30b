package io.parkloop.jobs.alerts;

import io.parkloop.jobs.Periods;
import io.parkloop.jobs.functions.MeterHistory;
import io.parkloop.jobs.functions.MeterSpec;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.reference.Meter;
import io.parkloop.reference.ReferenceData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by meter: the {@link QualityChecks} of every reading against the one before it in time,
 * one alert per finding. A data-quality alert is about one reading, so it opens and closes at
 * that reading's time (there is nothing to wait for); severity warning, {@code factor} names the
 * check. A late reading changes which reading comes before which: the readings on both sides of
 * it are checked again, and findings that no longer hold are withdrawn.
 */
public class DataQualityAlerts extends KeyedProcessFunction<String, MeterReading, AlertUpdate> {
  private final ReferenceData reference;
  private final AlertRules.Quality rule;
  private final long maxAgeMillis;
  private transient Map<String, Meter> meters;
  private transient Map<String, MeterSpec> specs;
  private transient ValueState<MeterHistory> history;
  private transient AlertLedger ledger;

  public DataQualityAlerts(ReferenceData reference, AlertRules.Quality rule, long maxAgeMillis) {
    this.reference = reference;
    this.rule = rule;
    this.maxAgeMillis = maxAgeMillis;
  }

  @Override
  public void open(OpenContext context) {
    meters = new HashMap<>();
    specs = new HashMap<>();
    reference.meters().forEach(meter -> {
      meters.put(meter.id(), meter);
      specs.put(meter.id(), MeterSpec.of(meter));
    });
    history = getRuntimeContext().getState(new ValueStateDescriptor<>("readings", MeterHistory.class));
    ledger = new AlertLedger(getRuntimeContext());
  }

  @Override
  public void processElement(MeterReading reading, Context ctx, Collector<AlertUpdate> out) throws Exception {
    Meter meter = meters.get(reading.meter);
    long watermark = ctx.timerService().currentWatermark();
    if (meter == null || (watermark != Long.MIN_VALUE && reading.ts < watermark - maxAgeMillis)) {
      return;
    }
    MeterHistory readings = history.value();
    if (readings == null) {
      readings = new MeterHistory();
    }
    if (readings.insert(reading.ts, reading.value) == MeterHistory.Insert.DUPLICATE) {
      return;
    }
    history.update(readings);
    ctx.timerService().registerEventTimeTimer(Periods.hourStart(reading.ts) + Periods.HOUR + maxAgeMillis);
    int at = readings.indexOf(reading.ts);
    for (int i = at; i <= Math.min(at + 1, readings.size - 1); i++) {
      check(meter, readings, i, out);
    }
  }

  private void check(Meter meter, MeterHistory readings, int i, Collector<AlertUpdate> out) throws Exception {
    long ts = readings.ts[i];
    List<AlertUpdate> found = new ArrayList<>();
    for (QualityChecks.Finding finding : QualityChecks.of(specs.get(meter.id()), meter.medium().canonicalUnit(),
        i > 0 ? readings.ts[i - 1] : null, i > 0 ? readings.values[i - 1] : 0, ts, readings.values[i],
        rule.maxRatePerHour().get(meter.medium()))) {
      found.add(new AlertUpdate(AlertUpdate.DATA_QUALITY, "meter", meter.id(), finding.check(), AlertUpdate.WARNING,
          ts, ts, finding.value(), finding.bound(), List.of(finding.evidence())));
    }
    List<String> ids = QualityChecks.ALL.stream()
        .map(check -> AlertUpdate.idOf(AlertUpdate.DATA_QUALITY, "meter", meter.id(), check, ts)).toList();
    ledger.publish(ids, found, out);
  }

  /** Readings and findings older than the maximum age can no longer change: let them go. */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertUpdate> out) throws Exception {
    long horizon = ctx.timerService().currentWatermark() - maxAgeMillis;
    MeterHistory readings = history.value();
    if (readings != null) {
      readings.pruneBefore(horizon, Periods.HOUR);
      history.update(readings);
    }
    ledger.forgetIf(alert -> alert.openedAt < horizon);
  }
}
